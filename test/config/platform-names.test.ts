import {
  CLUSTER_ISSUER_NAME,
  PLATFORM_NAMESPACES,
  reservedNamespaces,
  PlatformNamespace,
  REGISTRY_PULL_SECRET_NAME,
  RegistryStage,
  EnvironmentNetworkPolicy,
  appHostName,
  environmentHostDomain,
  appsDomain,
  consoleHost,
  gatewayCertificateNames,
  servedByGateway,
  grafanaHost,
  registryHost,
  registryImage,
  registryPrefix,
} from '../../config';

describe('platform names', () => {
  test('host names live under apps.<domain>', () => {
    expect(appsDomain('main.example.com')).toBe('apps.main.example.com');
    expect(registryHost('main.example.com')).toBe('registry.apps.main.example.com');
    expect(consoleHost('main.example.com')).toBe('console.apps.main.example.com');
    expect(grafanaHost('main.example.com')).toBe('grafana.apps.main.example.com');
  });

  test('images are addressed by stage: dev for pushes, prod for promoted images', () => {
    expect(registryImage('main.example.com', RegistryStage.DEV, 'wordpress')).toBe(
      'registry.apps.main.example.com/dev/wordpress',
    );
    expect(registryImage('main.example.com', RegistryStage.PROD, 'wordpress')).toBe(
      'registry.apps.main.example.com/prod/wordpress',
    );
    expect(registryPrefix('main.example.com', RegistryStage.PROD)).toBe(
      'registry.apps.main.example.com/prod',
    );
  });

  test('the Gateway serves one label under each wildcard certificate name, nothing else', () => {
    const names = gatewayCertificateNames('main.example.com', ['dev', 'prod']);
    expect(names).toEqual([
      '*.apps.main.example.com',
      '*.dev.apps.main.example.com',
      '*.prod.apps.main.example.com',
    ]);
    expect(servedByGateway('shop.apps.main.example.com', names)).toBe(true);
    expect(servedByGateway('shop.dev.apps.main.example.com', names)).toBe(true);
    expect(servedByGateway('shop.test.apps.main.example.com', names)).toBe(false);
    expect(servedByGateway('a.b.apps.main.example.com', names)).toBe(false);
    expect(servedByGateway('apps.main.example.com', names)).toBe(false);
    expect(servedByGateway('blog.example.com', names)).toBe(false);
    expect(servedByGateway('.apps.main.example.com', names)).toBe(false);
  });

  test('names other code relies on', () => {
    expect([CLUSTER_ISSUER_NAME, REGISTRY_PULL_SECRET_NAME]).toEqual(['berth', 'registry-pull']);
  });

  test('the platform namespaces include every add-on namespace and those Kubernetes reserves', () => {
    for (const ns of Object.values(PlatformNamespace)) expect(PLATFORM_NAMESPACES).toContain(ns);
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease'])
      expect(PLATFORM_NAMESPACES).toContain(ns);
    expect(new Set(PLATFORM_NAMESPACES).size).toBe(PLATFORM_NAMESPACES.length);
  });

  test("reserved namespaces are Berth's and Kubernetes' own, then those add-ons declare, each with its add-on", () => {
    const reserved = reservedNamespaces([
      { namespace: 'queue-jobs', addon: 'queueJobs' },
      { namespace: 'monitoring', addon: 'other' },
    ]);
    expect([...reserved.keys()]).toEqual([...PLATFORM_NAMESPACES, 'queue-jobs']);
    expect(reserved.get('queue-jobs')).toBe('queueJobs');
    // Berth's own stay Berth's, whoever else claims them.
    expect(reserved.get('monitoring')).toBeUndefined();
    expect([...reservedNamespaces([]).keys()]).toEqual(PLATFORM_NAMESPACES);
  });

  test('an app is served at <app>.<env>.apps.<domain>, a name the wildcard certificate covers', () => {
    const hostDomain = environmentHostDomain('main.example.com', 'dev');
    expect(hostDomain).toBe('dev.apps.main.example.com');
    expect(appHostName('shop', hostDomain)).toBe('shop.dev.apps.main.example.com');
    expect(gatewayCertificateNames('main.example.com', ['dev'])).toContain(`*.${hostDomain}`);
  });

  test('the environment network policies have distinct names', () => {
    const names = Object.values(EnvironmentNetworkPolicy);
    expect(names).toEqual(['default-deny', 'allow-dns', 'allow-gateway']);
  });
});
