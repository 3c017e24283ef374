import { fixedResources, toCdk8sResources, toKubernetesResources } from '../../../../constructs/addons';

describe('resources', () => {
  test('renders CPU in millicores or cores and memory in MiB', () => {
    expect(toKubernetesResources(fixedResources('250m', '1Gi', '2', '1536Mi'))).toEqual({
      requests: { cpu: '250m', memory: '1024Mi' },
      limits: { cpu: '2', memory: '1536Mi' },
    });
  });

  test('the same quantities for cdk8s manifests', () => {
    const r = toCdk8sResources(fixedResources('10m', '16Mi', '100m', '32Mi'));
    expect(r.requests!.cpu.value).toBe('10m');
    expect(r.limits!.memory.value).toBe('32Mi');
  });

  test('refuses quantities that do not parse', () => {
    expect(() => fixedResources('10 m', '16Mi', '100m', '32Mi')).toThrow(/bad quantity/);
  });
});
