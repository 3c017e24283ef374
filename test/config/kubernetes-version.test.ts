import { KubernetesVersion } from '../../config';

describe('KubernetesVersion', () => {
  test('accepts every supported minor', () => {
    for (const minor of KubernetesVersion.SUPPORTED_MINORS) {
      const version = KubernetesVersion.tryParse(`1.${minor}`)!;
      expect(version.minor).toBe(minor);
      expect(version.aptChannel).toBe(`v1.${minor}`);
    }
  });

  test('the default is supported', () => {
    expect(KubernetesVersion.SUPPORTED_MINORS).toContain(KubernetesVersion.DEFAULT.minor);
  });

  test.each(['1.20', '1.35.1', '2.0', 'v1.35', 1.35, undefined])('rejects %p', (text) => {
    expect(KubernetesVersion.tryParse(text)).toBeUndefined();
  });

  test('describes what is supported', () => {
    expect(KubernetesVersion.describeSupported()).toMatch(/^"1\.\d+"(, "1\.\d+")*$/);
  });
});
