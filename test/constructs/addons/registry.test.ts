import { Testing } from 'cdktf';
import * as YAML from 'yaml';
import { DEFAULT_ADDON_RESOURCES, Size } from '../../../config';
import { HttpRoute, REGISTRY_IMAGE, RawChartValues, Registry } from '../../../constructs/addons';

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
        storageSize: Size.gibibytes(50),
        garbageCollectionSchedule: '30 3 * * 0',
        resources: DEFAULT_ADDON_RESOURCES.registry,
      });
    }),
  );
  const release = Object.values(json.resource.helm_release)[0] as { values: string[] };
  const objects = (YAML.parse(release.values[0]) as RawChartValues).resources as unknown as {
    kind: string;
    metadata: { name: string };
    spec: Record<string, unknown>;
    data?: Record<string, string>;
  }[];
  const find = (kind: string) => objects.find((o) => o.kind === kind)!;
  return { registry: registry!, json, release, objects, find };
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

  test('htpasswd auth from passwords generated at deploy time; only bcrypt hashes reach the Secret', () => {
    const { json, find, registry } = build();
    const config = YAML.parse(find('ConfigMap').data!['config.yml']) as {
      auth: unknown;
      storage: { delete: unknown };
    };
    expect(config.auth).toEqual({ htpasswd: { realm: 'Berth registry', path: '/auth/htpasswd' } });
    expect(config.storage.delete).toEqual({ enabled: true });
    const passwords = Object.values(json.resource.random_password) as { length: number; special: boolean }[];
    expect(passwords).toEqual([
      { length: 32, special: false },
      { length: 32, special: false },
    ]);
    const htpasswd = (Object.values(json.resource.kubernetes_secret_v1)[0] as { data: { htpasswd: string } })
      .data.htpasswd;
    expect(htpasswd).toMatch(
      /^push:\$\{random_password\.[^}]+\.bcrypt_hash\}\npull:\$\{random_password\.[^}]+\.bcrypt_hash\}\n$/,
    );
    expect(registry.pullCredentials.username).toBe('pull');
    expect(registry.pushCredentials.username).toBe('push');
    expect(registry.pullCredentials.host).toBe('registry.apps.main.example.com');
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
    const route = build().objects.find((o) => o.kind === 'HTTPRoute') as unknown as HttpRoute;
    expect(route.spec.hostnames).toEqual(['registry.apps.main.example.com']);
    expect(route.spec.parentRefs[0]).toEqual(
      expect.objectContaining({ name: 'apps', namespace: 'gateway', sectionName: 'https' }),
    );
    expect(route.spec.rules[0].backendRefs).toEqual([{ name: 'registry', port: 5000 }]);
    expect(route.spec.rules[0].timeouts).toEqual({ request: '1h' });
  });
});
