import { registryStage, workloadEnvironmentOf } from '../../charts/workload-environment-of';
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
