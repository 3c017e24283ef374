import { KubernetesVersion } from '../../../config';
import {
  ANONYMOUS_PATHS,
  auditPolicy,
  authenticationConfiguration,
  encryptionConfiguration,
} from '../../../constructs/cluster/api-server-config';

describe('API server configuration files', () => {
  test('secrets are encrypted with secretbox first; identity only reads what predates encryption', () => {
    const config = encryptionConfiguration('a2V5');
    expect(config.resources).toEqual([
      {
        resources: ['secrets'],
        providers: [{ secretbox: { keys: [{ name: 'berth-1', secret: 'a2V5' }] } }, { identity: {} }],
      },
    ]);
  });

  test.each([
    ['1.33', 'apiserver.config.k8s.io/v1beta1'],
    ['1.34', 'apiserver.config.k8s.io/v1'],
    ['1.35', 'apiserver.config.k8s.io/v1'],
    ['1.36', 'apiserver.config.k8s.io/v1'],
  ])('Kubernetes %s reads the authentication configuration as %s', (version, apiVersion) => {
    expect(authenticationConfiguration(KubernetesVersion.tryParse(version)!).apiVersion).toBe(apiVersion);
  });

  test('anonymous requests reach only health checks and the cluster-info kubeadm join needs', () => {
    const config = authenticationConfiguration(KubernetesVersion.DEFAULT);
    expect(config.anonymous.conditions.map((c) => c.path)).toEqual([
      '/livez',
      '/readyz',
      '/healthz',
      '/api/v1/namespaces/kube-public/configmaps/cluster-info',
    ]);
    expect(ANONYMOUS_PATHS.every((p) => !p.includes('*'))).toBe(true);
  });

  test('the audit policy never records Secrets, ConfigMaps or tokens beyond metadata', () => {
    const policy = auditPolicy();
    const firstRuleFor = (group: string, resource: string, verb: string) =>
      policy.rules.find(
        (r) =>
          (r.verbs === undefined || r.verbs.includes(verb)) &&
          r.nonResourceURLs === undefined &&
          r.users === undefined &&
          (r.resources === undefined ||
            r.resources.some((g) => g.group === group && g.resources.includes(resource))),
      );
    for (const verb of ['get', 'create', 'update', 'delete']) {
      expect(firstRuleFor('', 'secrets', verb)?.level).toBe('Metadata');
      expect(firstRuleFor('', 'configmaps', verb)?.level).toBe('Metadata');
      expect(firstRuleFor('authentication.k8s.io', 'tokenreviews', 'create')?.level).toBe('Metadata');
    }
    expect(firstRuleFor('apps', 'deployments', 'create')?.level).toBe('Request');
    expect(firstRuleFor('apps', 'deployments', 'list')?.level).toBe('Metadata');
  });

  test('the audit policy ends with a rule recording everything else', () => {
    const last = auditPolicy().rules.at(-1)!;
    expect(Object.keys(last)).toEqual(['level']);
    expect(last.level).not.toBe('None');
  });
});
