import { Cidr } from '../../config';
import { RCLONE_1_71_DIGEST } from '../../apps/teams/platform-images';
import { AppImage } from '../../constructs/workloads/app-image';
import { registryStage, workloadEnvironmentOf } from '../../apps/workload-environment-of';
import { RegistryStage } from '../../config/platform-names';
import { CLUSTER, environment } from '../support/environments';

describe('workloadEnvironmentOf', () => {
  test('names what the platform publishes, for one environment of a cluster', () => {
    expect(workloadEnvironmentOf(environment('dev'), CLUSTER)).toEqual({
      name: 'dev',
      production: false,
      registryPrefix: 'registry.apps.main.berth.example.com/dev',
      pullSecretName: 'registry-pull',
      storageClassName: 'cinder',
      hostDomain: 'dev.apps.main.berth.example.com',
      gateway: { name: 'apps', namespace: 'gateway', sectionName: 'https' },
      monitoringNamespace: 'monitoring',
      configMapName: 'environment',
      volumeGroup: 2000,
      backupStore: {
        network: {
          cidr: '0.0.0.0/0',
          except: ['10.0.0.0/24', '10.244.0.0/16', '10.96.0.0/12', '169.254.0.0/16'],
          ports: [443, 5000, 8080],
        },
        toolImage: AppImage.digest('platform/rclone', RCLONE_1_71_DIGEST),
      },
    });
  });

  test("backups reach the object store outside the cluster's networks, on the configured ports", () => {
    const cluster = {
      ...CLUSTER,
      nodeCidr: Cidr.of('192.168.10.0/24'),
      backups: { ...CLUSTER.backups, storePorts: [13808] },
    };
    expect(workloadEnvironmentOf(environment('dev'), cluster).backupStore?.network).toEqual({
      cidr: '0.0.0.0/0',
      except: ['192.168.10.0/24', '10.244.0.0/16', '10.96.0.0/12', '169.254.0.0/16'],
      ports: [13808],
    });
  });

  test('production pulls from the production stage of the registry', () => {
    expect(registryStage(environment('prod'))).toBe(RegistryStage.PROD);
    expect(registryStage(environment('test'))).toBe(RegistryStage.DEV);
    expect(workloadEnvironmentOf(environment('prod'), CLUSTER).registryPrefix).toBe(
      'registry.apps.main.berth.example.com/prod',
    );
  });

  test("volumes use the cluster's addons.storageClass", () => {
    const cluster = { ...CLUSTER, addons: { ...CLUSTER.addons, storageClass: 'fast-ssd' } };
    expect(workloadEnvironmentOf(environment('dev'), cluster).storageClassName).toBe('fast-ssd');
  });
});
