import { Testing } from 'cdktf';
import { AddonNamespace, PodSecurityLevel } from '../../../../constructs/addons';

describe('AddonNamespace', () => {
  test.each(Object.values(PodSecurityLevel))('enforces, warns and audits the %s standard', (level) => {
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        new AddonNamespace(scope, 'ns', { name: 'demo', podSecurity: level });
      }),
    );
    const ns = Object.values(json.resource.kubernetes_namespace_v1)[0] as {
      metadata: { name: string; labels: Record<string, string> };
    };
    expect(ns.metadata.name).toBe('demo');
    expect(ns.metadata.labels).toEqual({
      'app.kubernetes.io/managed-by': 'berth',
      'berth.dev/platform': 'true',
      'pod-security.kubernetes.io/enforce': level,
      'pod-security.kubernetes.io/enforce-version': 'latest',
      'pod-security.kubernetes.io/warn': level,
      'pod-security.kubernetes.io/audit': level,
    });
  });
});
