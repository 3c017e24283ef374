import { createHash } from 'crypto';
import * as YAML from 'yaml';
import { DataSize } from '../../../../config';
import { DEFAULT_REGISTRY, HttpRouteManifest, distributionConfig } from '../../../../constructs/addons';
import { registryObjects } from '../../../../constructs/addons/registry/registry-objects';

interface PodSpecJson {
  affinity?: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { topologyKey: string }[] } };
  containers: { args: string[] }[];
}

const HOST = 'registry.apps.main.example.com';
const objects = JSON.parse(
  JSON.stringify(
    registryObjects(
      {
        domain: 'main.example.com',
        storageClass: 'cinder',
        storageSize: DataSize.gibibytes(50),
        garbageCollectionSchedule: '30 3 * * 0',
        resources: DEFAULT_REGISTRY.resources,
      },
      HOST,
      distributionConfig(HOST),
    ),
  ),
) as {
  kind: string;
  metadata: { name: string };
  spec: Record<string, unknown>;
  data?: Record<string, string>;
}[];
const find = (kind: string) => objects.find((o) => o.kind === kind)!;

describe('registryObjects', () => {
  test('the images on a Cinder volume; one server, stopped before its successor starts', () => {
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
    expect(deployment.template.spec.containers[0].args).toEqual(['serve', '/etc/distribution/config.yml']);
  });

  test('the configuration file in a ConfigMap; its hash on the pod template, so a change restarts the server', () => {
    const text = find('ConfigMap').data!['config.yml'];
    expect(YAML.parse(text)).toEqual(distributionConfig(HOST));
    const deployment = find('Deployment').spec as {
      template: { metadata: { annotations: Record<string, string> } };
    };
    expect(deployment.template.metadata.annotations['berth.dev/config-sha256']).toBe(
      createHash('sha256').update(text).digest('hex'),
    );
  });

  test('garbage collection is a CronJob beside the server, on the node holding the volume', () => {
    const cron = find('CronJob').spec as {
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
    const route = objects.find((o) => o.kind === 'HTTPRoute') as unknown as HttpRouteManifest;
    expect(route.spec.hostnames).toEqual(['registry.apps.main.example.com']);
    expect(route.spec.parentRefs[0]).toEqual(
      expect.objectContaining({ name: 'apps', namespace: 'gateway', sectionName: 'https' }),
    );
    expect(route.spec.rules[0].backendRefs).toEqual([{ name: 'registry', port: 5000 }]);
    expect(route.spec.rules[0].timeouts).toEqual({ request: '1h' });
  });
});
