import { Testing } from 'cdk8s';
import { DataSize } from '../../../config';
import { AppImage } from '../../../constructs/workloads/app-image';
import { SizeClass } from '../../../constructs/workloads/app-size';
import { BackingService } from '../../../constructs/workloads/backing-service';
import { MySqlService } from '../../../constructs/workloads/backing-service-mysql';
import { GeneratedSecret } from '../../../constructs/workloads/workload-generated-secret';
import {
  restrictedPodSecurityViolations,
  workloadHardeningViolations,
} from '../../../constructs/core/restricted-pod-security';
import { Json, at, find, namesOf, testChart, workloadEnvironment } from '../../support/environments';

function build(clients: string[] = ['shop']): { service: BackingService; objects: Json[] } {
  const chart = testChart();
  const service = new MySqlService(chart, 'db', {
    environment: workloadEnvironment('dev'),
    name: 'shop-database',
    clients,
  });
  return { service, objects: Testing.synth(chart) as Json[] };
}

describe('BackingService (shared by every engine)', () => {
  test('is a service account, a headless Service, a one-replica StatefulSet and a NetworkPolicy, all under its name', () => {
    expect(namesOf(build().objects)).toEqual([
      'ServiceAccount/shop-database',
      'Service/shop-database',
      'StatefulSet/shop-database',
      'NetworkPolicy/shop-database',
    ]);
  });

  test('the headless Service gives it a stable DNS name', () => {
    const service = find(build().objects, 'Service', 'shop-database');
    expect(at(service, 'spec', 'clusterIP')).toBe('None');
    expect(at(service, 'spec', 'selector')).toEqual({
      'app.kubernetes.io/name': 'shop-database',
      'app.kubernetes.io/component': 'database',
    });
  });

  test('keeps its data on a Cinder volume that outlives the StatefulSet', () => {
    const sts = find(build().objects, 'StatefulSet', 'shop-database');
    expect(at(sts, 'spec', 'replicas')).toBe(1);
    expect(at(sts, 'spec', 'persistentVolumeClaimRetentionPolicy')).toEqual({
      whenDeleted: 'Retain',
      whenScaled: 'Retain',
    });
    expect(at(sts, 'spec', 'volumeClaimTemplates', 0)).toMatchObject({
      metadata: { name: 'data' },
      spec: {
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'cinder',
        resources: { requests: { storage: '5Gi' } },
      },
    });
    expect(at(sts, 'spec', 'template', 'spec', 'securityContext', 'fsGroup')).toBe(2000);
  });

  test('its pod meets the restricted profile and the hardening', () => {
    const sts = find(build().objects, 'StatefulSet', 'shop-database');
    expect(restrictedPodSecurityViolations(sts)).toEqual([]);
    expect(workloadHardeningViolations(sts)).toEqual([]);
  });

  test('admits only the bound apps, on its port', () => {
    const policy = find(build(['shop', 'admin']).objects, 'NetworkPolicy', 'shop-database');
    expect(at(policy, 'spec')).toEqual({
      podSelector: {
        matchLabels: { 'app.kubernetes.io/name': 'shop-database', 'app.kubernetes.io/component': 'database' },
      },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            {
              podSelector: {
                matchExpressions: [
                  { key: 'app.kubernetes.io/name', operator: 'In', values: ['admin', 'shop'] },
                ],
              },
            },
          ],
          ports: [{ protocol: 'TCP', port: 3306 }],
        },
      ],
    });
    expect(at(find(build([]).objects, 'NetworkPolicy', 'shop-database'), 'spec', 'ingress')).toEqual([]);
  });

  test('asks for its credentials to be generated at deploy time, and writes no Secret', () => {
    const { service, objects } = build();
    expect(objects.some((o) => o.kind === 'Secret')).toBe(false);
    expect(GeneratedSecret.within(service)).toEqual([service.credentials]);
    expect(service.credentials.secretName).toBe('shop-database-credentials');
    expect(service.credentials.namespace).toBe('dev');
  });

  test('takes image, size and storage', () => {
    const chart = testChart();
    new MySqlService(chart, 'db', {
      environment: workloadEnvironment('prod'),
      name: 'shop-database',
      clients: [],
      image: AppImage.digest('platform/mysql', `sha256:${'d'.repeat(64)}`),
      size: SizeClass.L,
      storage: DataSize.gibibytes(20),
    });
    const sts = find(Testing.synth(chart) as Json[], 'StatefulSet', 'shop-database');
    const container = at(sts, 'spec', 'template', 'spec', 'containers', 0) as Json;
    expect(container.image).toBe(
      `registry.apps.main.berth.example.com/prod/platform/mysql@sha256:${'d'.repeat(64)}`,
    );
    expect(at(container, 'resources', 'requests', 'memory')).toBe('1Gi');
    expect(at(sts, 'spec', 'volumeClaimTemplates', 0, 'spec', 'resources', 'requests', 'storage')).toBe(
      '20Gi',
    );
  });

  test('exposes the selector and connection its bindings use', () => {
    const { service } = build();
    expect(service.selector).toEqual({
      'app.kubernetes.io/name': 'shop-database',
      'app.kubernetes.io/component': 'database',
    });
    expect(service.connection.host).toBe('shop-database');
    expect(service.port).toBe(3306);
  });
});
