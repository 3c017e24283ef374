import { Testing } from 'cdktf';
import * as YAML from 'yaml';
import { RegistryStage, DataSize } from '../../../../config';
import {
  HttpRouteManifest,
  REGISTRY_IMAGE,
  Registry,
  TOKEN_ISSUER,
  TOKEN_SERVICE,
  DEFAULT_REGISTRY,
} from '../../../../constructs/addons';

interface PodSpecJson {
  securityContext: Record<string, unknown>;
  affinity?: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { topologyKey: string }[] } };
  containers: {
    image: string;
    args: string[];
    resources: { requests: Record<string, string>; limits: Record<string, string> };
    securityContext: Record<string, unknown>;
  }[];
}

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
  test('CNCF Distribution v3, pinned, on a Cinder volume', () => {
    const { find } = build();
    expect(REGISTRY_IMAGE).toBe('docker.io/library/registry:3.0.0');
    const pvc = find('PersistentVolumeClaim').spec as {
      storageClassName: string;
      resources: { requests: { storage: string } };
    };
    expect(pvc.storageClassName).toBe('cinder');
    expect(pvc.resources.requests.storage).toBe('50Gi');
    const deployment = find('Deployment').spec as {
      strategy: { type: string };
      template: { spec: PodSpecJson };
    };
    expect(deployment.strategy.type).toBe('Recreate');
    expect(deployment.template.spec.containers[0].image).toBe(REGISTRY_IMAGE);
    expect(deployment.template.spec.containers[0].args).toEqual(['serve', '/etc/distribution/config.yml']);
  });

  test('runs under the restricted Pod Security Standard with requests and limits', () => {
    const pod = (build().find('Deployment').spec as { template: { spec: PodSpecJson } }).template.spec;
    expect(pod.securityContext).toEqual(
      expect.objectContaining({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }),
    );
    expect(pod.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(pod.containers[0].resources).toEqual({
      requests: { cpu: '50m', memory: '64Mi' },
      limits: { cpu: '500m', memory: '256Mi' },
    });
  });

  test('token authentication: the registry trusts only tokens of its own token server', () => {
    const { find } = build();
    const config = YAML.parse(find('ConfigMap').data!['config.yml']) as {
      auth: unknown;
      storage: { delete: unknown };
    };
    // Not htpasswd: htpasswd lets every user push and delete in every repository.
    expect(config.auth).toEqual({
      token: {
        realm: 'https://registry.apps.main.example.com/auth',
        service: TOKEN_SERVICE,
        issuer: TOKEN_ISSUER,
        rootcertbundle: '/etc/distribution-token/token.pem',
        signingalgorithms: ['ES256'],
      },
    });
    expect(config.storage.delete).toEqual({ enabled: true });
  });

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

  test('garbage collection is a CronJob beside the server, on the node holding the volume', () => {
    const cron = build().find('CronJob').spec as {
      schedule: string;
      concurrencyPolicy: string;
      jobTemplate: { spec: { template: { spec: PodSpecJson } } };
    };
    expect(cron.schedule).toBe('30 3 * * 0');
    expect(cron.concurrencyPolicy).toBe('Forbid');
    const pod = cron.jobTemplate.spec.template.spec;
    expect(pod.containers[0].args).toEqual([
      'garbage-collect',
      '--delete-untagged',
      '/etc/distribution/config.yml',
    ]);
    expect(pod.affinity!.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey).toBe(
      'kubernetes.io/hostname',
    );
  });

  test('exposed as registry.apps.<domain> on the shared Gateway, with a long timeout for uploads', () => {
    const route = build().objects.find((o) => o.kind === 'HTTPRoute') as unknown as HttpRouteManifest;
    expect(route.spec.hostnames).toEqual(['registry.apps.main.example.com']);
    expect(route.spec.parentRefs[0]).toEqual(
      expect.objectContaining({ name: 'apps', namespace: 'gateway', sectionName: 'https' }),
    );
    expect(route.spec.rules[0].backendRefs).toEqual([{ name: 'registry', port: 5000 }]);
    expect(route.spec.rules[0].timeouts).toEqual({ request: '1h' });
  });
});
