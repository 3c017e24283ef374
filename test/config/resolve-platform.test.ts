import {
  ConfigError,
  DEFAULT_PLATFORM,
  Problem,
  ResolvePlatformOptions,
  StateBackendKind,
  TaintEffect,
} from '../../config';
import { resolvePlatform } from '../support/berth-platform';

/** Resolves `input` expecting failure; returns the problems. */
function problemsOf(input: unknown, options: ResolvePlatformOptions = {}): readonly Problem[] {
  try {
    resolvePlatform(input, undefined, options);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected the config to be rejected');
}

/** The only problem for `input`, asserting there is exactly one. */
const NET = '6d7b8f2e-0a1b-4c3d-9e8f-112233445566';
const SUBNET = '0f9e8d7c6b5a49382716051423324150';
const ZONE = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

function onlyProblem(input: unknown): Problem {
  const problems = problemsOf(input);
  expect(problems.map((p) => `${p.path}: ${p.message}`)).toHaveLength(1);
  return problems[0];
}

const cluster = (fields: Record<string, unknown>) => ({ clusters: [{ name: 'main', ...fields }] });

describe('resolvePlatform defaults', () => {
  test('an empty config is the embedded default platform', () => {
    expect(resolvePlatform({})).toEqual(resolvePlatform(DEFAULT_PLATFORM));
    expect(resolvePlatform(undefined)).toEqual(resolvePlatform(DEFAULT_PLATFORM));
  });

  test('the default is the seed deployment: 1 master + 2 minions serving dev, test and prod', () => {
    const platform = resolvePlatform({});
    expect(platform.clusters).toHaveLength(1);
    const main = platform.clusters[0];
    expect(main.name).toBe('main');
    expect(main.masters.count).toBe(1);
    expect(main.minionPools.reduce((n, p) => n + p.count, 0)).toBe(2);
    expect(platform.environments.map((e) => `${e.name}@${e.cluster}`)).toEqual([
      'dev@main',
      'test@main',
      'prod@main',
    ]);
    expect(platform.state).toEqual({ kind: StateBackendKind.LOCAL });
  });

  test('security default: the demo admits only a documentation network; a platform file must name its own', () => {
    const cidrs = resolvePlatform({}).cloud.adminCidrs.map(String);
    expect(cidrs).toEqual(['192.0.2.0/24']);
    const facts = {
      externalNetwork: 'ext',
      image: 'ubuntu',
      flavors: [
        { name: 'm1.large', vcpus: 4, memory: '8Gi' },
        { name: 'm1.medium', vcpus: 2, memory: '4Gi' },
      ],
      authUrl: 'https://keystone.acme.internal/v3',
    };
    const file = (cloud: object) =>
      problemsOf(
        { cloud: { ...facts, ...cloud }, clusters: [{ name: 'main', domain: 'paas.acme.internal' }] },
        {
          requireCloudFacts: true,
        },
      );
    expect(file({})).toEqual([
      {
        path: 'cloud.adminCidrs',
        value: undefined,
        message: expect.stringContaining('including the one the machine running cdktf deploy connects from'),
      },
    ]);
    expect(file({ adminCidrs: ['192.0.2.0/24'] })).toEqual([
      expect.objectContaining({
        path: 'cloud.adminCidrs',
        message: expect.stringContaining("demo's placeholder"),
      }),
    ]);
    expect(() =>
      resolvePlatform(
        {
          cloud: { ...facts, adminCidrs: ['198.51.100.7/32'] },
          clusters: [{ name: 'main', domain: 'paas.acme.internal' }],
        },
        undefined,
        { requireCloudFacts: true },
      ),
    ).not.toThrow();
  });

  test("the admin networks may not contain the cluster's own: nodes and pods would be administrators", () => {
    const problems = problemsOf({
      cloud: { adminCidrs: ['10.0.0.0/8', '172.16.0.0/12', '198.51.100.0/24'] },
      clusters: [{ name: 'main' }, { name: 'edge', nodeCidr: '172.16.5.0/24' }],
    });
    expect(problems.map((p) => [p.path, p.value])).toEqual([
      ['cloud.adminCidrs[0]', '10.0.0.0/8'],
      ['cloud.adminCidrs[1]', '172.16.0.0/12'],
    ]);
    expect(problems[0].message).toContain(
      'overlaps clusters[0].nodeCidr (10.0.0.0/24), clusters[0].podCidr (10.244.0.0/16), clusters[0].serviceCidr (10.96.0.0/12), clusters[1].podCidr (10.244.0.0/16), clusters[1].serviceCidr (10.96.0.0/12)',
    );
    expect(problems[1].message).toContain('overlaps clusters[1].nodeCidr (172.16.5.0/24)');
    expect(problems[0].message).toContain('every node and pod of the cluster would be admitted');
  });

  test('fills defaults inside partial objects', () => {
    const platform = resolvePlatform({
      clusters: [
        {
          name: 'edge',
          minionPools: [{ name: 'gpu', labels: { accel: 'gpu' }, taints: ['gpu=yes:NoSchedule'] }],
        },
      ],
    });
    const edge = platform.clusters[0];
    expect(edge.domain).toBe('edge.berth.example.com');
    expect(edge.kubernetesVersion.toString()).toBe('1.35');
    expect(edge.minionPools[0]).toMatchObject({
      name: 'gpu',
      count: 2,
      availabilityZones: [],
      labels: { accel: 'gpu' },
    });
    expect(edge.minionPools[0].flavor.name).toBe('m1.large');
    expect(edge.minionPools[0].taints).toEqual([
      { key: 'gpu', value: 'yes', effect: TaintEffect.NO_SCHEDULE },
    ]);
    expect(platform.environments.every((e) => e.cluster === 'edge')).toBe(true);
  });

  test('accepts 3 and 5 masters and an s3 state backend', () => {
    expect(resolvePlatform(cluster({ masters: { count: 3 } })).clusters[0].masters.count).toBe(3);
    expect(resolvePlatform(cluster({ masters: { count: 5 } })).clusters[0].masters.count).toBe(5);
    expect(
      resolvePlatform({ state: { backend: 's3', bucket: 'tf', endpoint: 'https://s3.example.com' } }).state,
    ).toEqual({
      kind: StateBackendKind.S3,
      bucket: 'tf',
      endpoint: 'https://s3.example.com',
      region: 'us-east-1',
      keyPrefix: 'berth',
    });
  });
});

describe('resolvePlatform validation', () => {
  test('reports every problem at once, each with path, value and what is allowed', () => {
    const problems = problemsOf({
      name: 'Berth!',
      clusters: [
        {
          name: 'main',
          masters: { count: 2 },
          minionPools: [{ name: 'default', count: 0 }],
          podCidr: '10.0.0.0/16',
          kubernetesVersion: '1.19',
        },
      ],
      environments: [{ name: 'dev', cluster: 'nowhere' }],
    });
    // Field problems in the order of the file, then the checks across fields.
    expect(problems.map((p) => p.path)).toEqual([
      'name',
      'clusters[0].masters.count',
      'clusters[0].kubernetesVersion',
      'clusters[0].minionPools',
      'clusters[0].podCidr',
      'environments[0].cluster',
    ]);
    const message = new ConfigError(problems).message;
    expect(message).toContain('clusters[0].masters.count: got 2; must be 1, 3 or 5');
    expect(message).toContain(
      'clusters[0].kubernetesVersion: got "1.19"; must be a supported Kubernetes minor',
    );
  });

  test('rejects an even master count with a clear message', () => {
    const problem = onlyProblem(cluster({ masters: { count: 4 } }));
    expect(problem).toEqual({
      path: 'clusters[0].masters.count',
      value: 4,
      message: expect.stringContaining('must be 1, 3 or 5: etcd needs an odd number of members'),
    });
  });

  test('rejects master counts outside 1-5', () => {
    expect(onlyProblem(cluster({ masters: { count: 7 } })).message).toContain('must be 1, 3 or 5');
    expect(onlyProblem(cluster({ masters: { count: 0 } })).path).toBe('clusters[0].masters.count');
    expect(onlyProblem(cluster({ masters: { count: '3' } })).value).toBe('3');
  });

  test.each([
    [
      'podCidr',
      { podCidr: '10.96.0.0/16' },
      'clusters[0].serviceCidr',
      'must not overlap clusters[0].podCidr',
    ],
    [
      'nodeCidr',
      { nodeCidr: '10.244.0.0/24' },
      'clusters[0].podCidr',
      'must not overlap clusters[0].nodeCidr',
    ],
    [
      'serviceCidr',
      { serviceCidr: '10.0.0.0/12' },
      'clusters[0].serviceCidr',
      'must not overlap clusters[0].nodeCidr',
    ],
  ])('rejects overlapping networks (%s)', (_name, fields, path, message) => {
    const problem = onlyProblem(cluster(fields));
    expect(problem.path).toBe(path);
    expect(problem.message).toContain(message);
  });

  test.each([
    ['nodeCidr', '10.0.0.1/24'],
    ['podCidr', 'not-a-cidr'],
    ['serviceCidr', '10.96.0.0/40'],
  ])('rejects an invalid %s', (field, value) => {
    const problem = onlyProblem(cluster({ [field]: value }));
    expect(problem).toMatchObject({ path: `clusters[0].${field}`, value });
    expect(problem.message).toContain('IPv4 network in CIDR notation');
  });

  test('rejects a node network too small for the nodes', () => {
    const problem = onlyProblem(cluster({ nodeCidr: '10.0.0.0/29', minionPools: [{ name: 'a', count: 5 }] }));
    expect(problem.path).toBe('clusters[0].nodeCidr');
    expect(problem.message).toContain('has room for 0 nodes but the cluster has 6');
  });

  test('rejects a pod network smaller than a /24 per node', () => {
    expect(onlyProblem(cluster({ podCidr: '10.244.0.0/25' })).message).toContain('one /24 per node');
  });

  test('rejects a service network kube-apiserver would refuse', () => {
    expect(onlyProblem(cluster({ serviceCidr: '10.64.0.0/10' })).message).toContain('prefix from /12 to /24');
  });

  test.each([
    ['name', { name: 'Berth' }, 'name'],
    ['cluster name', { clusters: [{ name: 'main_1' }] }, 'clusters[0].name'],
    ['pool name', cluster({ minionPools: [{ name: '-pool' }] }), 'clusters[0].minionPools[0].name'],
    ['environment name', { environments: [{ name: 'Prod' }] }, 'environments[0].name'],
  ])('rejects a %s that is not DNS-1123', (_what, input, path) => {
    const problem = onlyProblem(input);
    expect(problem.path).toBe(path);
    expect(problem.message).toContain('DNS-1123 label');
  });

  test('requires names where there is no default', () => {
    expect(onlyProblem(cluster({ minionPools: [{ count: 1 }] })).path).toBe(
      'clusters[0].minionPools[0].name',
    );
    expect(onlyProblem({ environments: [{ cluster: 'main' }] }).path).toBe('environments[0].name');
  });

  test('rejects duplicate environment, cluster and pool names', () => {
    expect(onlyProblem({ environments: [{ name: 'dev' }, { name: 'dev' }] })).toMatchObject({
      path: 'environments[1].name',
      message: expect.stringContaining('environments[0] has it already'),
    });
    expect(
      onlyProblem({
        clusters: [{ name: 'a' }, { name: 'a', domain: 'b.example.com', nodeCidr: '10.1.0.0/24' }],
      }).path,
    ).toBe('clusters[1].name');
    expect(onlyProblem(cluster({ minionPools: [{ name: 'p' }, { name: 'p' }] })).path).toBe(
      'clusters[0].minionPools[1].name',
    );
  });

  test('rejects two clusters with one domain', () => {
    const problem = onlyProblem({
      clusters: [
        { name: 'a', domain: 'x.example.com' },
        { name: 'b', domain: 'x.example.com' },
      ],
    });
    expect(problem).toMatchObject({
      path: 'clusters[1].domain',
      message: 'must differ from clusters[0].domain',
    });
  });

  test('rejects an environment whose cluster does not exist', () => {
    const problem = onlyProblem({ environments: [{ name: 'dev', cluster: 'other' }] });
    expect(problem).toEqual({
      path: 'environments[0].cluster',
      value: 'other',
      message: 'must name a cluster in clusters (main)',
    });
  });

  test('rejects environments named like system namespaces', () => {
    expect(onlyProblem({ environments: [{ name: 'kube-system' }] }).message).toContain(
      'reserved for the platform',
    );
  });

  test('requires at least one minion in all', () => {
    const problem = onlyProblem(
      cluster({
        minionPools: [
          { name: 'a', count: 0 },
          { name: 'b', count: 0 },
        ],
      }),
    );
    expect(problem.path).toBe('clusters[0].minionPools');
    expect(problem.message).toContain('at least one minion');
    expect(onlyProblem(cluster({ minionPools: [] })).path).toBe('clusters[0].minionPools');
  });

  test('rejects pool sizes outside 0-100', () => {
    expect(onlyProblem(cluster({ minionPools: [{ name: 'a', count: 101 }] })).message).toBe(
      'must be a whole number from 0 to 100',
    );
    expect(onlyProblem(cluster({ minionPools: [{ name: 'a', count: 1.5 }] })).path).toBe(
      'clusters[0].minionPools[0].count',
    );
  });

  test.each(['1.20', '1.35.2', 'latest', 135])('rejects Kubernetes version %p', (version) => {
    const problem = onlyProblem(cluster({ kubernetesVersion: version }));
    expect(problem.path).toBe('clusters[0].kubernetesVersion');
    expect(problem.message).toMatch(/supported Kubernetes minor: one of "1\.\d+"/);
  });

  test('rejects flavors that the cloud does not list, naming those it does', () => {
    const problem = onlyProblem(cluster({ masters: { flavor: 'm9.huge' } }));
    expect(problem).toMatchObject({ path: 'clusters[0].masters.flavor', value: 'm9.huge' });
    expect(problem.message).toContain('m1.small, m1.medium, m1.large, m1.xlarge');
  });

  test('validates the flavor catalogue', () => {
    const problems = problemsOf({
      cloud: { flavors: [{ name: 'x', vcpus: 0, memory: '8GB' }, { vcpus: 2 }, 'm1.tiny'] },
    });
    expect(problems.map((p) => p.path)).toEqual(
      expect.arrayContaining([
        'cloud.flavors[0].vcpus',
        'cloud.flavors[0].memory',
        'cloud.flavors[1].name',
        'cloud.flavors[1].memory',
        'cloud.flavors[2]',
      ]),
    );
  });

  test('rejects duplicate flavors', () => {
    const flavors = [
      { name: 'm1.large', vcpus: 4, memory: '8Gi' },
      { name: 'm1.large', vcpus: 8, memory: '8Gi' },
      { name: 'm1.medium', vcpus: 2, memory: '4Gi' },
    ];
    expect(onlyProblem({ cloud: { flavors } }).path).toBe('cloud.flavors[1].name');
  });

  test('rejects volume sizes that Cinder cannot allocate', () => {
    expect(onlyProblem(cluster({ masters: { volumeSize: '512Mi' } })).path).toBe(
      'clusters[0].masters.volumeSize',
    );
    expect(onlyProblem(cluster({ minionPools: [{ name: 'a', volumeSize: '50GB' }] })).message).toContain(
      'size such as "40Gi"',
    );
  });

  test('rejects malformed taints and reserved label keys', () => {
    const problems = problemsOf(
      cluster({
        minionPools: [{ name: 'a', taints: ['gpu=yes'], labels: { 'kubernetes.io/role': 'x', ok: '1' } }],
      }),
    );
    expect(problems.map((p) => p.path)).toEqual([
      'clusters[0].minionPools[0].taints[0]',
      'clusters[0].minionPools[0].labels',
    ]);
  });

  test('rejects node labels the kubelet would refuse, with the pool path, at config time', () => {
    const problems = problemsOf(
      cluster({
        minionPools: [
          { name: 'a', labels: { ok: '1' } },
          { name: 'b', labels: { 'topology.k8s.io/rack': 'r1', 'app.kubernetes.io/name': 'x' } },
        ],
      }),
    );
    expect(problems.map((p) => [p.path, p.value])).toEqual([
      ['clusters[0].minionPools[1].labels', 'topology.k8s.io/rack'],
      ['clusters[0].minionPools[1].labels', 'app.kubernetes.io/name'],
    ]);
    expect(problems[0].message).toContain('the kubelet refuses labels under kubernetes.io or k8s.io');
  });

  test('rejects non-string label values', () => {
    expect(onlyProblem(cluster({ minionPools: [{ name: 'a', labels: { tier: 1 } }] })).message).toContain(
      'quote numbers',
    );
  });

  test('rejects unknown fields so that a typo is not silently ignored', () => {
    const problem = onlyProblem(cluster({ masterCount: 3 }));
    expect(problem.path).toBe('clusters[0].masterCount');
    expect(problem.message).toContain('allowed fields here: name, kubernetesVersion, masters');
  });

  test('rejects wrong shapes', () => {
    expect(onlyProblem({ clusters: { name: 'main' } })).toMatchObject({
      path: 'clusters',
      message: 'must be a list',
    });
    expect(onlyProblem({ cloud: 'openstack' })).toMatchObject({
      path: 'cloud',
      message: 'must be an object (a YAML mapping)',
    });
    expect(onlyProblem([])).toMatchObject({ path: '' });
    expect(onlyProblem({ clusters: [] }).path).toBe('clusters');
    expect(onlyProblem({ environments: [] }).path).toBe('environments');
  });

  test('validates cloud fields', () => {
    const problems = problemsOf({
      cloud: {
        sshPublicKey: 'not a key',
        adminCidrs: ['0.0.0.0/0', '10.1.2.3/8'],
        dnsNameservers: ['dns.example.com'],
        region: '',
      },
    });
    // A wrong list item stops the checks across fields (the overlap of adminCidrs[0] comes next run):
    // leaving the item out would move the items after it, and later problems would misname them.
    expect(problems.map((p) => p.path)).toEqual([
      'cloud.sshPublicKey',
      'cloud.adminCidrs[1]',
      'cloud.dnsNameservers[0]',
      'cloud.region',
    ]);
    expect(onlyProblem({ cloud: { adminCidrs: ['0.0.0.0/0'] } }).path).toBe('cloud.adminCidrs[0]');
  });

  test('validates the state backend', () => {
    expect(onlyProblem({ state: { backend: 'consul' } }).message).toBe('must be one of "local", "s3"');
    expect(problemsOf({ state: { backend: 's3' } }).map((p) => p.path)).toEqual([
      'state.bucket',
      'state.endpoint',
    ]);
    expect(onlyProblem({ state: { backend: 's3', bucket: 'b', endpoint: 'http://plain' } }).path).toBe(
      'state.endpoint',
    );
    expect(onlyProblem({ state: { bucket: 'b' } })).toMatchObject({
      path: 'state.bucket',
      message: 'only applies to state.backend "s3"',
    });
    // A wrong value is not also reported as missing.
    expect(
      onlyProblem({ state: { backend: 's3', bucket: 7, endpoint: 'https://s3.example.org' } }),
    ).toMatchObject({
      path: 'state.bucket',
      message: 'must be a non-empty string',
    });
  });

  test('a mistyped key: did you mean, and no knock-on problem from the default taking its place', () => {
    expect(onlyProblem(cluster({ minonPools: [{ name: 'big', count: 0 }] }))).toEqual({
      path: 'clusters[0].minonPools',
      value: [{ name: 'big', count: 0 }],
      message: expect.stringContaining(
        'is not a known field (did you mean "minionPools"?); allowed fields here: name,',
      ),
    });
    expect(onlyProblem({ cloud: { flavours: [] } }).message).toContain('did you mean "flavors"?');
    expect(onlyProblem({ clusters: [{ masters: { count: 3, flavour: 'm1.large' } }] })).toMatchObject({
      path: 'clusters[0].masters.flavour',
      message: expect.stringContaining('(did you mean "flavor"?)'),
    });
  });

  test('a wrong required field: its problem alone, nothing resolved across fields from a half-read list', () => {
    const problems = problemsOf({
      cloud: { flavors: [{ name: 'm1.large', vcpus: 'four', memory: '8Gi' }] },
      clusters: [{ minionPools: [{ name: 'Big', count: 1 }] }],
    });
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'cloud.flavors[0].vcpus: must be a whole number from 1 to 1024',
      expect.stringMatching(/^clusters\[0\].minionPools\[0\].name: must be a DNS-1123 label/),
    ]);
  });
});

describe('resolvePlatform cluster infrastructure options', () => {
  test("defaults: API load balancer, Designate DNS, Neutron's MTU, Berth-made network, least-privilege credential", () => {
    const platform = resolvePlatform({});
    const main = platform.clusters[0];
    expect(main.apiLoadBalancer).toBe(true);
    expect(main.dns).toEqual({
      enabled: true,
      zoneId: undefined,
      email: 'hostmaster@main.berth.example.com',
    });
    // Left to Neutron: it picks the largest MTU the network type allows and rejects a larger one.
    expect(main.networkMtu).toBeUndefined();
    expect(main.existingNetwork).toBeUndefined();
    expect(platform.cloud.applicationCredential).toEqual({
      roles: ['member', 'load-balancer_member'],
      expiresAt: undefined,
    });
  });

  test('single-master mode may drop the API load balancer; several masters may not', () => {
    expect(resolvePlatform(cluster({ apiLoadBalancer: false })).clusters[0].apiLoadBalancer).toBe(false);
    expect(onlyProblem(cluster({ apiLoadBalancer: false, masters: { count: 3 } }))).toMatchObject({
      path: 'clusters[0].apiLoadBalancer',
      message: expect.stringContaining('must be true with 3 masters'),
    });
    expect(onlyProblem(cluster({ apiLoadBalancer: 'no' })).message).toBe('must be true or false');
  });

  test('validates DNS, MTU and an existing network', () => {
    const problems = problemsOf(
      cluster({
        dns: { enabled: 'yes', email: 'nobody' },
        networkMtu: 100,
        existingNetwork: { networkId: 'n' },
      }),
    );
    expect(problems.map((p) => p.path)).toEqual([
      'clusters[0].dns.enabled',
      'clusters[0].dns.email',
      'clusters[0].networkMtu',
      'clusters[0].existingNetwork.subnetId',
    ]);
    expect(problems[3].message).toBe('is required: the UUID of its subnet (openstack subnet list)');
    const byo = resolvePlatform(
      cluster({ existingNetwork: { networkId: NET, subnetId: SUBNET }, dns: { zoneId: ZONE } }),
    );
    expect(byo.clusters[0].existingNetwork).toEqual({ networkId: NET, subnetId: SUBNET });
    expect(byo.clusters[0].dns.zoneId).toBe(ZONE);
    expect(resolvePlatform(cluster({ networkMtu: 1442 })).clusters[0].networkMtu).toBe(1442);
    expect(
      onlyProblem(cluster({ networkMtu: 1400, existingNetwork: { networkId: NET, subnetId: SUBNET } })),
    ).toMatchObject({
      path: 'clusters[0].networkMtu',
      message: expect.stringContaining('only applies to the network Berth creates'),
    });
  });

  test('load balancing: amphora by default; ovn gets SOURCE_IP_PORT; an algorithm the provider rejects is refused', () => {
    expect(resolvePlatform({}).cloud.loadBalancing).toEqual({
      provider: 'amphora',
      algorithm: 'LEAST_CONNECTIONS',
    });
    expect(resolvePlatform({ cloud: { loadBalancer: { provider: 'ovn' } } }).cloud.loadBalancing).toEqual({
      provider: 'ovn',
      algorithm: 'SOURCE_IP_PORT',
    });
    expect(
      resolvePlatform({ cloud: { loadBalancer: { algorithm: 'ROUND_ROBIN' } } }).cloud.loadBalancing
        .algorithm,
    ).toBe('ROUND_ROBIN');
    expect(
      onlyProblem({ cloud: { loadBalancer: { provider: 'ovn', algorithm: 'LEAST_CONNECTIONS' } } }),
    ).toEqual({
      path: 'cloud.loadBalancer.algorithm',
      value: 'LEAST_CONNECTIONS',
      message: expect.stringContaining('the ovn provider accepts: SOURCE_IP_PORT'),
    });
    expect(onlyProblem({ cloud: { loadBalancer: { algorithm: 'SOURCE_IP_PORT' } } }).message).toContain(
      'the amphora provider accepts: ROUND_ROBIN, LEAST_CONNECTIONS, SOURCE_IP',
    );
    expect(onlyProblem({ cloud: { loadBalancer: { provider: 'f5' } } })).toMatchObject({
      path: 'cloud.loadBalancer.provider',
      message: expect.stringContaining('"amphora", "ovn"'),
    });
  });

  test("private cloud: the cloud's own resolvers by default, and a private CA as PEM", () => {
    const platform = resolvePlatform({});
    expect(platform.cloud.dnsNameservers).toEqual([]);
    expect(platform.cloud.caCertificatePem).toBeUndefined();
    const pem = `-----BEGIN CERTIFICATE-----\n${'A'.repeat(64)}\nAAAA\n-----END CERTIFICATE-----\n`;
    const bundle = `${pem}${pem}`;
    expect(resolvePlatform({ cloud: { caCertificate: bundle } }).cloud.caCertificatePem).toBe(bundle);
    // A real CA certificate is 1-2 KB, a bundle several: longer than the usual 1024-character field.
    const realistic = `-----BEGIN CERTIFICATE-----\n${`${'A'.repeat(64)}\n`.repeat(30)}-----END CERTIFICATE-----\n`;
    expect(realistic.length).toBeGreaterThan(2000);
    expect(resolvePlatform({ cloud: { caCertificate: realistic } }).cloud.caCertificatePem).toBe(realistic);
    for (const bad of [
      '/etc/ssl/private-ca.pem',
      `${pem}junk`,
      '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----',
    ]) {
      expect(onlyProblem({ cloud: { caCertificate: bad } })).toMatchObject({
        path: 'cloud.caCertificate',
        message: expect.stringContaining('PEM certificates'),
      });
    }
  });

  test('validates the Keystone URL and the application credential', () => {
    const problems = problemsOf({
      cloud: { authUrl: 'keystone', applicationCredential: { roles: ['admin'], expiresAt: 'tomorrow' } },
    });
    expect(problems.map((p) => p.path)).toEqual([
      'cloud.authUrl',
      'cloud.applicationCredential.roles[0]',
      'cloud.applicationCredential.expiresAt',
    ]);
    expect(problems[1].message).toContain('must not be an administrative role');
  });

  test.each([['Admin'], ['ADMIN'], ['service'], ['load-balancer_admin']])(
    'rejects the administrative role %p in any case (Keystone compares role names case-insensitively)',
    (role) => {
      expect(onlyProblem({ cloud: { applicationCredential: { roles: ['member', role] } } })).toMatchObject({
        path: 'cloud.applicationCredential.roles[1]',
        value: role,
        message: expect.stringContaining('must not be an administrative role'),
      });
    },
  );

  test('rejects a credential without roles: Keystone would delegate every role of its creator', () => {
    expect(onlyProblem({ cloud: { applicationCredential: { roles: [] } } })).toMatchObject({
      path: 'cloud.applicationCredential.roles',
      message: expect.stringContaining('must name at least one role'),
    });
    // An empty item is reported where it is; the list is not reported again as empty.
    expect(onlyProblem({ cloud: { applicationCredential: { roles: [null] } } })).toMatchObject({
      path: 'cloud.applicationCredential.roles[0]',
      message: expect.stringContaining('must be a non-empty string (a Keystone role name'),
    });
  });
});
