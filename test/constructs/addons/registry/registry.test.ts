import { Testing } from 'cdktf';
import * as YAML from 'yaml';
import { RegistryStage, DataSize } from '../../../../config';
import { Registry, DEFAULT_REGISTRY } from '../../../../constructs/addons';

function build() {
  let registry: Registry | undefined;
  const json = JSON.parse(
    Testing.synthScope((scope) => {
      registry = new Registry(scope, 'registry', {
        domain: 'main.example.com',
        storageClass: 'cinder',
        storageSize: DataSize.gibibytes(50),
        garbageCollectionSchedule: '30 3 * * 0',
        resources: DEFAULT_REGISTRY.resources,
        pullers: [
          { environment: 'dev', stage: RegistryStage.DEV },
          { environment: 'test', stage: RegistryStage.DEV },
          { environment: 'prod', stage: RegistryStage.PROD },
        ],
      });
    }),
  );
  const objects = JSON.parse(JSON.stringify(registry!.objects)) as {
    kind: string;
    metadata: { name: string };
    spec: Record<string, unknown>;
    data?: Record<string, string>;
  }[];
  const find = (kind: string) => objects.find((o) => o.kind === kind)!;
  return { registry: registry!, json, objects, find };
}

describe('Registry', () => {
  test('one pull-only user per environment for its own stage; CI pushes; nothing else is allowed', () => {
    const { registry, json } = build();
    expect([...registry.pullCredentials.entries()].map(([env, c]) => [env, c.username, c.host])).toEqual([
      ['dev', 'pull-dev', 'registry.apps.main.example.com'],
      ['test', 'pull-test', 'registry.apps.main.example.com'],
      ['prod', 'pull-prod', 'registry.apps.main.example.com'],
    ]);
    expect(registry.pushCredentials.username).toBe('push');
    expect(registry.tokenServer.acl.map((r) => [r.match.account, r.match.name, r.actions.join(',')])).toEqual(
      [
        ['push', '/^dev/.+$/', '*'],
        ['push', '/^prod/.+$/', '*'],
        ['pull-dev', '/^dev/.+$/', 'pull'],
        ['pull-test', '/^dev/.+$/', 'pull'],
        ['pull-prod', '/^prod/.+$/', 'pull'],
      ],
    );
    const passwords = Object.values(json.resource.random_password) as { length: number; special: boolean }[];
    expect(passwords).toEqual(Array(4).fill({ length: 32, special: false }));
  });

  test('the token server gets bcrypt hashes and a deploy-time signing key; the registry only the certificate', () => {
    const { json, objects } = build();
    const secret = Object.values(json.resource.kubernetes_secret_v1)[0] as {
      metadata: { name: string; namespace: string };
      data: Record<string, string>;
    };
    expect(secret.metadata).toEqual({ name: 'registry-token-server', namespace: 'registry' });
    expect(secret.data['auth_config.yml']).toMatch(/^\$\{jsonencode\(/);
    expect(secret.data['auth_config.yml']).toContain('bcrypt_hash}');
    expect(secret.data['auth_config.yml']).not.toMatch(/\.result\}/);
    expect(secret.data['auth_config.yml']).toContain('"disable_legacy_key_id" = true');
    expect(secret.data['token.key']).toMatch(/^\$\{tls_private_key\.[^}]+\.private_key_pem\}$/);
    const key = Object.values(json.resource.tls_private_key)[0] as Record<string, string>;
    expect(key).toEqual({ algorithm: 'ECDSA', ecdsa_curve: 'P256' });
    const certificate = Object.values(json.resource.kubernetes_config_map_v1)[0] as {
      data: Record<string, string>;
    };
    expect(certificate.data['token.pem']).toMatch(/^\$\{tls_self_signed_cert\.[^}]+\.cert_pem\}$/);
    const server = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'registry')!;
    const volumes = (server.spec as { template: { spec: { volumes: { name: string; secret?: unknown }[] } } })
      .template.spec.volumes;
    expect(volumes.filter((v) => v.secret)).toEqual([]);
  });

  test("the registry's configuration file is its own DistributionConfig, for its host", () => {
    const { registry, find } = build();
    expect(YAML.parse(find('ConfigMap').data!['config.yml'])).toEqual(registry.config);
    expect(registry.config.auth.token.realm).toBe('https://registry.apps.main.example.com/auth');
    expect(registry.host).toBe('registry.apps.main.example.com');
  });
});
