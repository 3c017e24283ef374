import {
  AddonName,
  ConfigError,
  Problem,
  ResolvedAddons,
  VolumeReclaimPolicy,
  addonSchema,
  addonsSchema,
  platformSchemaFor,
  resolvePlatform as configPlatform,
} from '../../config';
import {
  CertManagerSettings,
  CloudProviderSettings,
  CoreDnsSettings,
  DEFAULT_MONITORING,
  MonitoringSettings,
  LETS_ENCRYPT_PRODUCTION,
  DEFAULT_GATEWAY_PROXY_RESOURCES,
  FlannelSettings,
  GatewaySettings,
  LoggingSettings,
  PLATFORM_ADDONS,
  RegistrySettings,
} from '../../constructs/addons';
import { resolvePlatform } from '../support/berth-platform';

/** The resolved add-ons of a single cluster with the given `addons` section. */
function addons(section: unknown, cloud: object = {}): ResolvedAddons {
  return resolvePlatform({ cloud, clusters: [{ name: 'main', addons: section }] }).clusters[0].addons;
}

/** Problems for an `addons` section, as `path: message` lines. */
function problemsOf(section: unknown): readonly Problem[] {
  try {
    resolvePlatform({ clusters: [{ name: 'main', addons: section }] });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected the addons section to be rejected');
}

/** The only problem, asserting there is exactly one. */
function onlyProblem(section: unknown): Problem {
  const problems = problemsOf(section);
  expect(problems.map((p) => `${p.path}: ${p.message}`)).toHaveLength(1);
  return problems[0];
}

const P = 'clusters[0].addons';

/** A resolved section, as its add-on reads it. */
function section<T = Readonly<Record<string, unknown>>>(a: ResolvedAddons, name: string): T {
  return a.sections.get(name) as unknown as T;
}
const monitoring = (a: ResolvedAddons) => section<MonitoringSettings>(a, 'monitoring');
const coreDns = (a: ResolvedAddons) => section<CoreDnsSettings>(a, 'coreDns');

describe('resolveAddons defaults', () => {
  test('without the kubelet CSR approver, metrics-server skips verifying the self-signed kubelet certificates', () => {
    const a = addons({ kubeletCsrApprover: { enabled: false } });
    expect(section(a, 'metricsServer').kubeletInsecureTls).toBe(true);
    expect(
      section(
        addons({ kubeletCsrApprover: { enabled: false }, metricsServer: { kubeletInsecureTls: false } }),
        'metricsServer',
      ).kubeletInsecureTls,
    ).toBe(false);
  });

  test('every add-on is on by default, with the documented settings', () => {
    const a = addons(undefined);
    for (const name of Object.values(AddonName))
      expect([name, section(a, name).enabled]).toEqual([name, true]);
    expect(a.storageClass).toBe('cinder');
    expect(section<FlannelSettings>(a, 'flannel').networkPolicies).toBe(true);
    expect(section<CloudProviderSettings>(a, 'cloudProvider')).toEqual({
      enabled: true,
      volumeType: undefined,
      reclaimPolicy: VolumeReclaimPolicy.DELETE,
      ignoreVolumeAz: true,
    });
    expect(section<GatewaySettings>(a, 'gateway').replicas).toBe(2);
    expect(section<CertManagerSettings>(a, 'certManager').acme).toBeUndefined();
    expect(section<RegistrySettings>(a, 'registry').storageSize.toString()).toBe('50Gi');
    expect(section<RegistrySettings>(a, 'registry').garbageCollectionSchedule).toBe('30 3 * * 0');
    // Kubelets get CA-signed serving certificates (approver on), so metrics-server verifies them.
    expect(section(a, 'kubeletCsrApprover').enabled).toBe(true);
    expect(section(a, 'metricsServer').kubeletInsecureTls).toBe(false);
    expect(monitoring(a).retention.toString()).toBe('1w');
    expect(monitoring(a).storageSize.toString()).toBe('10Gi');
    expect(monitoring(a).receivers).toEqual([]);
    expect(monitoring(a).errorRatioThreshold).toBe(0.05);
    expect(monitoring(a).nodeProblemDetector).toBe(true);
    expect(section<LoggingSettings>(a, 'logging').retention.toSeconds()).toBe(7 * 86400);
    expect(coreDns(a).cacheTtl.toSeconds()).toBe(30);
    expect(monitoring(a).resources).toEqual(DEFAULT_MONITORING.resources);
  });

  test('CoreDNS forwards to the cloud DNS servers unless told otherwise', () => {
    expect(coreDns(addons({}, { dnsNameservers: ['10.1.0.53'] })).upstreamServers).toEqual(['10.1.0.53']);
    expect(coreDns(addons({ coreDns: { upstreamServers: ['10.2.0.53:5353'] } })).upstreamServers).toEqual([
      '10.2.0.53:5353',
    ]);
  });

  test('tuning fields override defaults field by field', () => {
    const a = addons({
      gateway: { replicas: 3, resources: { cpuLimit: '1', memoryRequest: '192Mi' } },
      certManager: { acme: { email: 'ops@example.com' } },
      coreDns: { stubDomains: { 'corp.example.com': ['10.1.0.53', '10.1.0.54'] }, cacheTtl: '1m' },
      monitoring: {
        retention: '15d',
        receivers: [
          { name: 'ops', webhookUrl: 'https://hooks.example.com/alerts' },
          { name: 'oncall', email: 'oncall@example.com' },
        ],
        smtp: { smarthost: 'smtp.example.com:587', from: 'alerts@example.com' },
        errorRatioThreshold: 0.1,
      },
      cloudProvider: { volumeType: 'ssd', reclaimPolicy: 'Retain' },
    });
    expect(section<GatewaySettings>(a, 'gateway').replicas).toBe(3);
    expect(section<GatewaySettings>(a, 'gateway').resources.limits.cpu.toString()).toBe('1');
    expect(section<GatewaySettings>(a, 'gateway').resources.requests.memory.toString()).toBe('192Mi');
    expect(section<GatewaySettings>(a, 'gateway').resources.requests.cpu).toEqual(
      DEFAULT_GATEWAY_PROXY_RESOURCES.requests.cpu,
    );
    expect(section<CertManagerSettings>(a, 'certManager').acme).toEqual({
      email: 'ops@example.com',
      server: LETS_ENCRYPT_PRODUCTION,
    });
    expect(coreDns(a).stubDomains).toEqual({ 'corp.example.com': ['10.1.0.53', '10.1.0.54'] });
    expect(coreDns(a).cacheTtl.toSeconds()).toBe(60);
    expect(monitoring(a).retention.toString()).toBe('15d');
    expect(monitoring(a).receivers.map((r) => r.name)).toEqual(['ops', 'oncall']);
    expect(monitoring(a).smtp).toEqual({
      smarthost: 'smtp.example.com:587',
      from: 'alerts@example.com',
      requireTls: true,
    });
    expect(section<CloudProviderSettings>(a, 'cloudProvider').reclaimPolicy).toBe(VolumeReclaimPolicy.RETAIN);
    expect(section<CloudProviderSettings>(a, 'cloudProvider').volumeType).toBe('ssd');
  });

  test('add-ons can be switched off together with what needs them', () => {
    const a = addons({
      gateway: { enabled: false },
      certManager: { enabled: false },
      registry: { enabled: false },
      console: { enabled: false },
      cloudProvider: { enabled: false },
      storageClass: 'local-path',
    });
    expect(section<GatewaySettings>(a, 'gateway').enabled).toBe(false);
    expect(a.storageClass).toBe('local-path');
  });
});

describe('resolveAddons validation', () => {
  test('rejects unknown add-ons and unknown fields, naming the allowed ones', () => {
    const problem = onlyProblem({ ingressNginx: { enabled: true } });
    expect(problem.path).toBe(`${P}.ingressNginx`);
    expect(problem.message).toContain(
      'allowed fields here: storageClass, flannel, cloudProvider, coreDns, gateway, certManager, registry, metricsServer, kubeletCsrApprover, monitoring, console, logging',
    );
    expect(onlyProblem({ registry: { size: '10Gi' } }).path).toBe(`${P}.registry.size`);
    expect(onlyProblem({ gateway: { resources: { cpu: '1' } } }).path).toBe(`${P}.gateway.resources.cpu`);
    expect(onlyProblem({ monitoringg: {} }).message).toContain('(did you mean "monitoring"?)');
  });

  test.each([
    ['flannel.enabled', { flannel: { enabled: 'yes' } }],
    ['flannel.networkPolicies', { flannel: { networkPolicies: 1 } }],
    ['cloudProvider.ignoreVolumeAz', { cloudProvider: { ignoreVolumeAz: 'true' } }],
    ['metricsServer.kubeletInsecureTls', { metricsServer: { kubeletInsecureTls: 'no' } }],
    ['monitoring.nodeProblemDetector', { monitoring: { nodeProblemDetector: 0 } }],
  ])('rejects a non-boolean %s', (path, section) => {
    expect(onlyProblem(section)).toEqual(
      expect.objectContaining({ path: `${P}.${path}`, message: 'must be true or false (unquoted in YAML)' }),
    );
  });

  test('rejects bad resource quantities and requests above limits', () => {
    expect(onlyProblem({ flannel: { resources: { cpuRequest: '100 m' } } })).toEqual({
      path: `${P}.flannel.resources.cpuRequest`,
      value: '100 m',
      message: 'must be a CPU quantity such as "100m", "0.5" or "2"',
    });
    expect(onlyProblem({ flannel: { resources: { memoryLimit: '1G' } } }).message).toBe(
      'must be a memory quantity such as "128Mi" or "1Gi"',
    );
    expect(onlyProblem({ registry: { resources: { cpuRequest: '2' } } })).toEqual({
      path: `${P}.registry.resources.cpuRequest`,
      value: '2',
      message: 'must not exceed the CPU limit (500m)',
    });
    expect(onlyProblem({ logging: { resources: { memoryRequest: '1Gi' } } }).message).toBe(
      'must not exceed the memory limit (512Mi)',
    );
  });

  test('rejects a reclaim policy Kubernetes does not know', () => {
    expect(onlyProblem({ cloudProvider: { reclaimPolicy: 'Recycle' } })).toEqual({
      path: `${P}.cloudProvider.reclaimPolicy`,
      value: 'Recycle',
      message: 'must be one of "Delete", "Retain"',
    });
  });

  test('validates CoreDNS forwarders, stub domains and cache TTL', () => {
    expect(onlyProblem({ coreDns: { upstreamServers: ['dns.example.com'] } }).path).toBe(
      `${P}.coreDns.upstreamServers[0]`,
    );
    expect(onlyProblem({ coreDns: { upstreamServers: [] } }).message).toContain('at least one server');
    expect(onlyProblem({ coreDns: { stubDomains: ['corp.example.com'] } }).message).toContain(
      'mapping of DNS domain to a list of IPv4 servers',
    );
    expect(onlyProblem({ coreDns: { stubDomains: { 'Corp.Example': ['10.0.0.1'] } } }).path).toBe(
      `${P}.coreDns.stubDomains["Corp.Example"]`,
    );
    expect(onlyProblem({ coreDns: { stubDomains: { 'corp.example.com': [] } } }).message).toBe(
      'must list at least one IPv4 server',
    );
    expect(onlyProblem({ coreDns: { stubDomains: { 'corp.example.com': ['10.0.0.300'] } } }).path).toBe(
      `${P}.coreDns.stubDomains["corp.example.com"][0]`,
    );
    expect(onlyProblem({ coreDns: { cacheTtl: '30' } }).message).toContain('a duration such as "12h"');
  });

  test('validates the gateway replicas', () => {
    expect(onlyProblem({ gateway: { replicas: 0 } }).message).toBe('must be a whole number from 1 to 10');
    expect(onlyProblem({ gateway: { replicas: 11 } }).path).toBe(`${P}.gateway.replicas`);
  });

  test('validates the ACME account', () => {
    expect(onlyProblem({ certManager: { acme: {} } })).toEqual({
      path: `${P}.certManager.acme.email`,
      value: undefined,
      message: 'is required: the ACME account e-mail',
    });
    expect(onlyProblem({ certManager: { acme: { email: 'ops' } } }).message).toBe(
      'must be an e-mail address',
    );
    expect(
      onlyProblem({ certManager: { acme: { email: 'ops@example.com', server: 'http://acme' } } }).message,
    ).toBe('must be an https:// URL: the ACME directory URL');
  });

  test('validates the registry volume and garbage-collection schedule', () => {
    expect(onlyProblem({ registry: { storageSize: '1500Mi' } }).message).toBe(
      'must be a whole number of Gi (Cinder allocates whole GiB)',
    );
    expect(onlyProblem({ registry: { storageSize: 'big' } }).message).toBe('must be a size such as "20Gi"');
    expect(onlyProblem({ registry: { garbageCollectionSchedule: 'weekly' } })).toEqual({
      path: `${P}.registry.garbageCollectionSchedule`,
      value: 'weekly',
      message: expect.stringContaining('must be a cron schedule of five fields'),
    });
  });

  test('validates monitoring retention, error ratio and receivers', () => {
    expect(onlyProblem({ monitoring: { retention: '7 days' } }).path).toBe(`${P}.monitoring.retention`);
    expect(onlyProblem({ logging: { retention: '0d' } }).path).toBe(`${P}.logging.retention`);
    expect(onlyProblem({ monitoring: { errorRatioThreshold: 5 } }).message).toBe(
      'must be a number between 0 and 1 exclusive, e.g. 0.05 for 5%',
    );
    expect(onlyProblem({ monitoring: { receivers: [{ name: 'ops' }] } })).toEqual(
      expect.objectContaining({
        path: `${P}.monitoring.receivers[0]`,
        message: 'must have a webhookUrl or an email (or both)',
      }),
    );
    expect(onlyProblem({ monitoring: { receivers: [{ webhookUrl: 'https://h.example.com' }] } }).path).toBe(
      `${P}.monitoring.receivers[0].name`,
    );
    expect(
      onlyProblem({ monitoring: { receivers: [{ name: 'ops', webhookUrl: 'hooks.example.com' }] } }).message,
    ).toMatch(/^must be an https:\/\/ URL/);
    expect(
      onlyProblem({ monitoring: { receivers: [{ name: 'null', webhookUrl: 'https://h.example.com' }] } })
        .message,
    ).toContain('is reserved');
    expect(onlyProblem({ monitoring: { receivers: [{ name: 'ops', email: 'ops@example.com' }] } })).toEqual(
      expect.objectContaining({
        path: `${P}.monitoring.receivers[0].email`,
        message: `needs ${P}.monitoring.smtp (the mail relay to send through)`,
      }),
    );
    const twice = { name: 'ops', webhookUrl: 'https://h.example.com' };
    expect(onlyProblem({ monitoring: { receivers: [twice, twice] } }).message).toContain(
      'Receiver names must be unique',
    );
  });

  test('validates the mail relay', () => {
    const problems = problemsOf({ monitoring: { smtp: { smarthost: 'smtp.example.com' } } });
    expect(problems.map((p) => p.path)).toEqual([
      `${P}.monitoring.smtp.smarthost`,
      `${P}.monitoring.smtp.from`,
    ]);
    expect(problems[0].message).toContain('"host:port" of the mail relay');
  });

  test('rejects an add-on without what it needs, all at once', () => {
    const problems = problemsOf({
      gateway: { enabled: false },
      certManager: { acme: { email: 'ops@example.com' } },
    });
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      `${P}.registry.enabled: needs ${P}.gateway enabled (nodes and CI reach the registry through the shared Gateway); turn both off or leave gateway on`,
      `${P}.console.enabled: needs ${P}.gateway enabled (the console is served through the shared Gateway); turn both off or leave gateway on`,
      `${P}.certManager.acme: needs ${P}.gateway enabled (HTTP-01 challenges are answered through the shared Gateway)`,
    ]);
    expect(onlyProblem({ certManager: { enabled: false } }).path).toBe(`${P}.gateway.enabled`);
  });

  test('without Cinder CSI the volumes need a named StorageClass', () => {
    const problem = onlyProblem({ cloudProvider: { enabled: false } });
    expect(problem.path).toBe(`${P}.storageClass`);
    expect(problem.message).toContain('registry, monitoring, logging need volumes');
    expect(onlyProblem({ storageClass: 'Fast SSD' }).message).toContain('a StorageClass name');
  });

  test("any add-on that declares volumes needs the StorageClass, not only Berth's", () => {
    const cache = {
      name: 'cache',
      schema: addonSchema({ doc: 'A cache with a volume.', enabled: 'Deploy it.' }, {}),
      usesVolumes: true,
    };
    const sections = [...PLATFORM_ADDONS.sections, cache];
    const off = { cloudProvider: { enabled: false }, registry: { enabled: false } };
    const platform = (addons: object) => ({ clusters: [{ name: 'main', addons }] });
    let problems: readonly Problem[] = [];
    try {
      configPlatform(
        platform({ ...off, monitoring: { enabled: false }, logging: { enabled: false } }),
        undefined,
        { addonSections: sections },
      );
    } catch (err) {
      problems = (err as ConfigError).problems;
    }
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining(': cache need volumes')]);
    expect(() =>
      configPlatform(platform({ ...off, storageClass: 'local' }), undefined, { addonSections: sections }),
    ).not.toThrow();
    expect(PLATFORM_ADDONS.sections.filter((s) => s.usesVolumes).map((s) => s.name)).toEqual([
      'registry',
      'monitoring',
      'logging',
    ]);
  });
});

describe('the addons section composed from the add-ons', () => {
  test('a wrong value is reported once and takes its default: no knock-on problem', () => {
    // gateway.enabled "no" is refused, and the gateway stays on: registry and console keep what they need.
    expect(
      problemsOf({ gateway: { enabled: 'no' }, monitoring: { retention: 7 } }).map((p) => p.path),
    ).toEqual([`${P}.gateway.enabled`, `${P}.monitoring.retention`]);
  });

  test('every add-on field is in the schema, in the documented order, with its default', () => {
    const addons = addonsSchema(PLATFORM_ADDONS.sections);
    expect(Object.keys(addons._zod.def.shape)).toEqual(['storageClass', ...Object.values(AddonName)]);
    expect(platformSchemaFor(PLATFORM_ADDONS.sections)).toBe(platformSchemaFor(PLATFORM_ADDONS.sections));
  });

  test('without sections, addons takes storageClass only', () => {
    expect(() => configPlatform({ clusters: [{ addons: { storageClass: 'fast' } }] })).not.toThrow();
    expect(() => configPlatform({ clusters: [{ addons: { gateway: {} } }] })).toThrow(
      'clusters[0].addons.gateway: got {}; is not a known field; allowed fields here: storageClass',
    );
  });

  test('refuses two sections of one name, and a section named like a field of addons', () => {
    const [first] = PLATFORM_ADDONS.sections;
    expect(() => addonsSchema([first, first])).toThrow(
      'two add-on sections are named flannel: register each add-on once',
    );
    expect(() => addonsSchema([{ ...first, name: 'storageClass' }])).toThrow(
      'two add-on sections are named storageClass',
    );
  });
});
