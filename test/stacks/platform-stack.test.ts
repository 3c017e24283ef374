import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformResource, Testing } from 'cdktf';
import { Construct } from 'constructs';
import * as YAML from 'yaml';
import {
  AddonName,
  ConfigError,
  REGISTRY_PULL_SECRET_NAME,
  addonConfig,
  addonSchema,
  RegistryStage,
  SHARED_GATEWAY,
  StateBackendKind,
} from '../../config';
import { resolvePlatform } from '../support/berth-platform';
import {
  AddonDefinition,
  AddonNamespace,
  CLOUD_PROVIDER_ADDON,
  DEFAULT_DENY_POLICY,
  PLATFORM_ADDONS,
  PlatformAddon,
  PodSecurityLevel,
  EXACT_VERSION,
  HttpRouteManifest,
  formatFootprint,
} from '../../constructs/addons';
import { BerthApp } from '../../stacks/berth-app';
import { PlatformStack } from '../../stacks/platform-stack';
import { ENDPOINTS } from '../support/cluster-endpoints';

type Json = Record<string, Record<string, Record<string, Record<string, unknown>>>>;

/** Builds the platform stack of the first cluster of a platform description. */
function platformStack(addons: object = {}): PlatformStack {
  const platform = resolvePlatform({ clusters: [{ name: 'main', addons }] });
  return new PlatformStack(Testing.app() as App, 'main-platform', {
    platformName: platform.name,
    cluster: platform.clusters[0],
    endpoints: ENDPOINTS,
    state: { kind: StateBackendKind.LOCAL },
    environments: [
      { name: 'dev', registryStage: RegistryStage.DEV },
      { name: 'test', registryStage: RegistryStage.DEV },
      { name: 'prod', registryStage: RegistryStage.PROD },
    ],
  });
}

function synth(stack: PlatformStack): Json {
  return JSON.parse(Testing.synth(stack));
}

function addresses(json: Json): string[] {
  return Object.entries(json.resource).flatMap(([type, rs]) =>
    Object.keys(rs).map((name) => `${type}.${name}`),
  );
}

/** Addresses of the Terraform resources inside one add-on's construct. */
function addonAddresses(stack: PlatformStack, addon: AddonName): string[] {
  return stack.addons
    .get(addon)!
    .node.findAll()
    .filter((c): c is TerraformResource => c instanceof TerraformResource)
    .map((r) => `${r.terraformResourceType}.${r.friendlyUniqueId}`);
}

const offAll = (names: readonly AddonName[]) => Object.fromEntries(names.map((n) => [n, { enabled: false }]));

/**
 * Add-ons that need (or, like monitoring's Grafana route, use) another one: turning an add-on off in a
 * test also turns these off in the baseline, so the difference is exactly the add-on's own resources.
 */
const USERS: Readonly<Record<AddonName, readonly AddonName[]>> = {
  [AddonName.FLANNEL]: [],
  [AddonName.CLOUD_PROVIDER]: [],
  [AddonName.CORE_DNS]: [],
  [AddonName.GATEWAY]: [AddonName.REGISTRY, AddonName.CONSOLE, AddonName.MONITORING],
  [AddonName.CERT_MANAGER]: [AddonName.GATEWAY, AddonName.REGISTRY, AddonName.CONSOLE, AddonName.MONITORING],
  [AddonName.REGISTRY]: [],
  [AddonName.METRICS_SERVER]: [],
  [AddonName.KUBELET_CSR_APPROVER]: [],
  [AddonName.MONITORING]: [],
  [AddonName.CONSOLE]: [],
  [AddonName.LOGGING]: [],
};

describe('PlatformStack', () => {
  test('snapshot of the default platform', () => {
    expect(synth(platformStack())).toMatchSnapshot();
  });

  test('addons.storageClass names the StorageClass Cinder CSI creates and every platform volume', () => {
    const text = Testing.synth(platformStack({ storageClass: 'fast-ssd' }));
    const json = JSON.parse(text) as Json;
    const classes = Object.values(json.resource.kubernetes_storage_class_v1);
    expect(classes.map((c) => (c.metadata as { name: string }).name)).toEqual(['fast-ssd']);
    // The driver is cinder.csi.openstack.org; no class (storage or snapshot) may be named cinder.
    expect(text).not.toMatch(/cinder"|: cinder\b(?!\.csi)/);
  });

  test('re-arms the growth join token from the cluster stack at every deploy', () => {
    const secrets = Object.values(synth(platformStack()).resource.kubernetes_secret_v1) as unknown as {
      metadata: { name: string };
      data: Record<string, string>;
    }[];
    const token = secrets.find((s) => s.metadata.name === `bootstrap-token-${ENDPOINTS.joinToken.id}`)!;
    expect(token.data['token-secret']).toBe(ENDPOINTS.joinToken.secret);
    expect(token.data.expiration).toContain('plantimestamp()');
  });

  test('the default platform runs every add-on', () => {
    expect([...platformStack().addons.keys()].sort()).toEqual(Object.values(AddonName).sort());
  });

  test('the Helm and Kubernetes providers connect with the cluster stack endpoints', () => {
    const json = synth(platformStack()) as unknown as { provider: Record<string, Record<string, unknown>[]> };
    const connection = {
      host: ENDPOINTS.apiServerUrl,
      cluster_ca_certificate: ENDPOINTS.clusterCaCertificatePem,
      client_certificate: ENDPOINTS.adminClientCertificatePem,
      client_key: ENDPOINTS.adminClientKeyPem,
    };
    expect(json.provider.kubernetes[0]).toEqual(connection);
    expect(json.provider.helm[0]).toEqual({ kubernetes: connection });
  });

  test('every Helm release pins an exact chart version from an https or oci repository', () => {
    const releases = Object.values(synth(platformStack()).resource.helm_release);
    expect(releases.length).toBeGreaterThanOrEqual(11);
    for (const release of releases) {
      expect(release.version).toMatch(EXACT_VERSION);
      expect(release.repository).toMatch(/^(https|oci):\/\/\S+$/);
      expect(release.chart).toMatch(/^[a-z0-9-]+$/);
      expect(release.create_namespace).toBe(false);
    }
  });

  test('every add-on declares its workloads with requests and limits, and its values carry them', () => {
    const stack = platformStack();
    for (const addon of stack.addons.values()) {
      expect(addon.footprint.workloads.length).toBeGreaterThan(0);
      for (const workload of addon.footprint.workloads) {
        for (const c of workload.containers) {
          expect(c.requests.cpu.toMillicores()).toBeGreaterThan(0);
          expect(c.requests.memory.toMebibytes()).toBeGreaterThan(0);
          // A container without limits must say who fixes its resources.
          if (c.limits === undefined) expect(c.fixedBy).toMatch(/\S/);
          else {
            expect(c.limits.cpu.toMillicores()).toBeGreaterThanOrEqual(c.requests.cpu.toMillicores());
            expect(c.limits.memory.toMebibytes()).toBeGreaterThanOrEqual(c.requests.memory.toMebibytes());
          }
        }
      }
      // Every release's values either set `resources` somewhere or carry manifests that do.
      for (const release of addon.releases) {
        const text = YAML.stringify(release.values);
        if (/resources:/.test(text) && release.chart.chart !== 'raw') {
          expect(text).toMatch(/requests:\s+cpu:/);
          expect(text).toMatch(/limits:\s+cpu:/);
        }
      }
    }
  });

  test('the default platform leaves at least half of two m1.large minions to apps', () => {
    const fp = platformStack().footprint;
    expect(fp.minions).toBe(2);
    // Two m1.large (4 vCPU, 8Gi) less the kubelet and system reservation.
    expect(fp.minionAllocatable).toEqual({ cpuMillis: 7840, memoryMi: 12496 });
    expect(fp.requestedShare.cpu).toBeLessThanOrEqual(0.5);
    expect(fp.requestedShare.memory).toBeLessThanOrEqual(0.5);
    // Memory cannot be throttled: even at their limits the add-ons leave half the memory.
    expect(fp.onMinions.limits.memoryMi).toBeLessThanOrEqual(fp.minionAllocatable.memoryMi / 2);
    expect(formatFootprint(fp)).toContain('left for apps');
  });

  test.each(Object.values(AddonName))('switching %s off removes exactly its resources', (addon) => {
    const users = USERS[addon];
    // Without Cinder CSI the volumes need another StorageClass.
    const base = { ...offAll(users), storageClass: 'local-path' };
    const withAddon = platformStack(base);
    const without = platformStack({ ...base, [addon]: { enabled: false } });
    const own = addonAddresses(withAddon, addon);
    expect(own.length).toBeGreaterThan(0);

    const before = addresses(synth(withAddon));
    const after = addresses(synth(without));
    expect(after.every((a) => before.includes(a))).toBe(true);
    expect(before.filter((a) => !after.includes(a)).sort()).toEqual(own.sort());
    expect(without.addons.has(addon)).toBe(false);
  });

  test('no retired component is referenced: no ingress-nginx, no Kubernetes Dashboard', () => {
    const everything = { acme: { email: 'ops@example.com' } };
    for (const stack of [platformStack(), platformStack({ certManager: everything })]) {
      const text = Testing.synth(stack);
      expect(text).not.toMatch(/ingress-nginx|kubernetes-dashboard|nginx-ingress/i);
      expect(text).not.toMatch(/kind: Ingress\b/);
    }
  });

  test('no platform source names a retired component', () => {
    const root = path.join(__dirname, '..', '..');
    const sources = [
      ...fs
        .readdirSync(path.join(root, 'constructs', 'addons'), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts'))
        .map((f) => path.join(root, 'constructs', 'addons', f)),
      path.join(root, 'stacks', 'platform-stack.ts'),
      path.join(root, 'config', 'addons-config.ts'),
    ];
    for (const file of sources) {
      const text = fs.readFileSync(file, 'utf8');
      expect([file, /ingress-nginx|kubernetes-dashboard|kind: 'Ingress'/i.test(text)]).toEqual([file, false]);
    }
  });

  test('no secret value is written: credentials are Terraform references', () => {
    const text = Testing.synth(platformStack());
    const json = JSON.parse(text) as Json;
    const tokenServer = Object.values(json.resource.kubernetes_secret_v1).find(
      (s) => (s.metadata as { name: string }).name === 'registry-token-server',
    )!;
    const config = (tokenServer.data as Record<string, string>)['auth_config.yml'];
    // Only bcrypt hashes of the generated passwords, one per user.
    expect(config.match(/random_password\.[^.]+\.bcrypt_hash/g)!.length).toBe(4);
    expect(config).not.toMatch(/random_password\.[^.]+\.result/);
    const output = (json as unknown as { output: Record<string, { sensitive?: boolean; value: string }> })
      .output;
    expect(output.registry_push_password).toEqual(
      expect.objectContaining({ sensitive: true, value: expect.stringMatching(/^\$\{random_password\./) }),
    );
  });

  test('no long-lived service-account token: no kubernetes.io/service-account-token Secret anywhere', () => {
    expect(Testing.synth(platformStack())).not.toMatch(/service-account-token/);
  });

  test('management UIs are served on the management listener only; the registry and apps on 443', () => {
    const stack = platformStack();
    const routes = [...stack.addons.values()]
      .flatMap((addon) => addon.objects)
      .filter((o): o is HttpRouteManifest => o.kind === 'HTTPRoute' && o.metadata.name !== 'https-redirect');
    const listeners = Object.fromEntries(
      routes.map((r) => [r.spec.hostnames![0], r.spec.parentRefs.map((p) => p.sectionName)]),
    );
    expect(listeners).toEqual({
      'console.apps.main.berth.example.com': [SHARED_GATEWAY.adminListener],
      'grafana.apps.main.berth.example.com': [SHARED_GATEWAY.adminListener],
      'registry.apps.main.berth.example.com': [SHARED_GATEWAY.httpsListener],
    });
    const output = (JSON.parse(Testing.synth(stack)) as { output: Record<string, { value: string }> }).output;
    expect(output.console_url.value).toBe('https://console.apps.main.berth.example.com:8443');
    expect(output.grafana_url.value).toBe('https://grafana.apps.main.berth.example.com:8443');
  });

  test('exposes the pull credentials the environments write their pull secrets from', () => {
    const stack = platformStack();
    expect(
      [...stack.registryPullCredentials!.entries()].map(([env, c]) => [env, c.host, c.username]),
    ).toEqual([
      ['dev', 'registry.apps.main.berth.example.com', 'pull-dev'],
      ['test', 'registry.apps.main.berth.example.com', 'pull-test'],
      ['prod', 'registry.apps.main.berth.example.com', 'pull-prod'],
    ]);
    expect(REGISTRY_PULL_SECRET_NAME).toBe('registry-pull');
  });

  test("no release carries plain objects: they are the add-ons' typed objects, applied by the objects stack", () => {
    const stack = platformStack();
    const text = Testing.synth(stack);
    expect(text).not.toMatch(/bedag|"chart": "raw"/);
    const kinds = [...stack.addons.values()].flatMap((a) => a.objects.map((o) => o.kind));
    expect(kinds).toEqual(expect.arrayContaining(['Gateway', 'ClusterIssuer', 'HTTPRoute', 'Deployment']));
    expect(SHARED_GATEWAY.name).toBe('apps');
  });

  test('every release waits, directly or not, for the CNI and the cloud controller', () => {
    const json = synth(platformStack());
    const deps = new Map<string, string[]>();
    for (const [type, rs] of Object.entries(json.resource)) {
      for (const [name, r] of Object.entries(rs))
        deps.set(`${type}.${name}`, (r.depends_on as string[]) ?? []);
    }
    const closure = (address: string, seen = new Set<string>()): Set<string> => {
      for (const d of deps.get(address) ?? []) if (!seen.has(d)) closure(d, seen.add(d));
      return seen;
    };
    const byName = (name: string) =>
      `helm_release.${Object.entries(json.resource.helm_release).find(([, r]) => r.name === name)![0]}`;
    const flannel = byName('flannel');
    const ccm = byName('openstack-ccm');
    const nodesReady = 'terraform_data.nodes-ready';
    expect(json.resource.terraform_data['nodes-ready'].depends_on).toEqual(deps.get(nodesReady));
    expect(closure(nodesReady).has(flannel)).toBe(true);
    for (const [name, release] of Object.entries(json.resource.helm_release)) {
      const address = `helm_release.${name}`;
      if (address === flannel) continue;
      expect([address, closure(address).has(flannel)]).toEqual([address, true]);
      // Nothing after the pod network starts before every node is Ready.
      expect([address, closure(address).has(nodesReady)]).toEqual([address, true]);
      if (release.name !== 'openstack-ccm')
        expect([address, closure(address).has(ccm)]).toEqual([address, true]);
    }
  });

  test('waits (bounded) for every node, masters and minions, to be Ready once the pod network runs', () => {
    const step = synth(platformStack()).resource.terraform_data['nodes-ready'] as {
      triggers_replace: Record<string, string>;
      provisioner: { 'local-exec': { interpreter: string[]; environment: Record<string, string> } }[];
    };
    expect(step.triggers_replace).toMatchObject({ expected_nodes: '3', nodes_must_be: 'ready' });
    const exec = step.provisioner[0]['local-exec'];
    expect(exec.interpreter).toEqual(['node', '-e']);
    expect(exec.environment).toMatchObject({ BERTH_TIMEOUT_SECONDS: '1800', BERTH_EXPECTED_NODES: '3' });
  });

  test('add-on construct IDs are stable', () => {
    expect(CLOUD_PROVIDER_ADDON.id).toBe('cloud-provider');
    expect([...platformStack().addons.values()].map((a) => a.node.id)).toEqual([
      'flannel',
      'cloud-provider',
      'core-dns',
      'kubelet-csr-approver',
      'metrics-server',
      'cert-manager',
      'gateway',
      'registry',
      'monitoring',
      'console',
      'logging',
    ]);
  });

  test('in the full app each environment pulls with its own pull-only user, for its own stage', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-platform-'));
    try {
      new BerthApp({ platform: resolvePlatform({}), outdir }).synth();
      const environments = JSON.parse(
        fs.readFileSync(path.join(outdir, 'stacks', 'main-environments', 'cdk.tf.json'), 'utf8'),
      ) as {
        resource: {
          kubernetes_secret_v1: Record<
            string,
            { metadata: { name: string; namespace: string }; data: Record<string, string> }
          >;
        };
      };
      const pulls = Object.values(environments.resource.kubernetes_secret_v1)
        .filter((s) => s.metadata.name === REGISTRY_PULL_SECRET_NAME)
        .map((s) => [s.metadata.namespace, /"username" = "([^"]+)"/.exec(s.data['.dockerconfigjson'])![1]]);
      expect(Object.fromEntries(pulls)).toEqual({ dev: 'pull-dev', test: 'pull-test', prod: 'pull-prod' });
      const platform = JSON.parse(
        fs.readFileSync(path.join(outdir, 'stacks', 'main-platform', 'cdk.tf.json'), 'utf8'),
      ) as typeof environments;
      const config = Object.values(platform.resource.kubernetes_secret_v1).find(
        (s) => s.metadata.name === 'registry-token-server',
      )!.data['auth_config.yml'];
      // prod pulls prod/ only; dev and test pull dev/ only; pull users may only pull.
      for (const [user, stage] of [
        ['pull-dev', 'dev'],
        ['pull-test', 'dev'],
        ['pull-prod', 'prod'],
      ]) {
        expect(config).toContain(
          `{"match" = {"account" = "${user}", "type" = "repository", "name" = "/^${stage}/.+$/"}, "actions" = ["pull"]`,
        );
      }
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('in the full app the cluster stack outputs configure the platform stack through remote state', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-platform-'));
    try {
      const app = new BerthApp({ platform: resolvePlatform({}), outdir });
      app.synth();
      const read = (stack: string) =>
        JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as {
          data: { terraform_remote_state: Record<string, { backend: string; config: { path: string } }> };
          output: Record<string, { value: string; sensitive?: boolean }>;
          provider: { kubernetes: Record<string, string>[] };
          resource: Json['resource'];
        };
      const infra = read('main-infra');
      const platform = read('main-platform');
      expect(platform.data.terraform_remote_state).toEqual({
        'cross-stack-reference-input-main-infra': {
          backend: 'local',
          config: { path: '../../../terraform.main-infra.tfstate' },
          workspace: '${terraform.workspace}',
        },
      });
      const fromInfra =
        /\$\{data\.terraform_remote_state\.cross-stack-reference-input-main-infra\.outputs\.([^}]+)\}/g;
      const consumed = (text: string) => [...text.matchAll(fromInfra)].map((m) => m[1]);
      // The providers connect with the cluster stack's API address, CA and admin certificate.
      const connection = platform.provider.kubernetes[0];
      for (const field of ['host', 'cluster_ca_certificate', 'client_certificate', 'client_key']) {
        expect([field, consumed(connection[field]).length]).toEqual([field, 1]);
      }
      // ... and the address is the cluster stack's readiness step output: known only once the API answered
      // and every node joined, so the platform stack never races the bootstrap.
      const [hostOutput] = consumed(connection.host);
      expect(infra.output[hostOutput].value).toMatch(/^\$\{terraform_data\.api-ready\.output\}$/);
      expect(infra.resource.terraform_data['api-ready']).toMatchObject({
        triggers_replace: { expected_nodes: '1', nodes_must_be: 'registered' },
      });
      // Every output the platform stack reads exists in the cluster stack, and is sensitive there.
      const used = new Set(consumed(JSON.stringify(platform)));
      expect(used.size).toBeGreaterThanOrEqual(10);
      for (const name of used) expect([name, infra.output[name]?.sensitive]).toEqual([name, true]);
      // The ingress address reaches the Gateway, the application credential reaches cloud.conf.
      const objects = read('main-platform-objects');
      const gateway = objects.resource.kubernetes_manifest.gateway_gateway_gateway_apps;
      expect(consumed(JSON.stringify(gateway.manifest))).toEqual([expect.stringContaining('ingress')]);
      const cloudConfig = Object.values(platform.resource.kubernetes_secret_v1).find(
        (r) => (r.metadata as { name: string }).name === 'cloud-config',
      )!;
      expect(consumed((cloudConfig.data as Record<string, string>)['cloud.conf'])).toEqual(
        expect.arrayContaining([expect.stringContaining('application_credential')]),
      );
      expect(app.platformStacks.get('main')!.dependencies).toContain(app.infraStacks.get('main'));
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe("an add-on's own namespace (AddonDefinition.namespaces)", () => {
  /** A third-party add-on that runs in a namespace of its own, declared once and created from the declaration. */
  const QUEUE_ADDON: AddonDefinition = {
    name: 'queueJobs',
    id: 'queue-jobs',
    namespaces: ['queue-jobs'],
    config: addonConfig(addonSchema({ doc: 'A test add-on.', enabled: 'Deploy it.' }, {})),
    install: (scope, { id }) => new QueueJobs(scope, id, QUEUE_ADDON.namespaces![0]),
  };
  class QueueJobs extends Construct implements PlatformAddon {
    public readonly addonName = QUEUE_ADDON.name;
    public readonly footprint = { addon: QUEUE_ADDON.name, workloads: [] };
    public readonly releases = [];
    public readonly objects = [];
    public readonly ready = [];
    constructor(scope: Construct, id: string, namespace: string) {
      super(scope, id);
      new AddonNamespace(this, 'namespace', { name: namespace, podSecurity: PodSecurityLevel.RESTRICTED });
    }
  }

  const stackWith = (addon: AddonDefinition) => {
    const addons = PLATFORM_ADDONS.with(addon);
    const platform = resolvePlatform({ clusters: [{ name: 'main' }] }, undefined, {
      addonSections: addons.sections,
      addonNamespaces: addons.namespaces,
    });
    return new PlatformStack(Testing.app() as App, 'main-platform', {
      platformName: platform.name,
      cluster: platform.clusters[0],
      endpoints: ENDPOINTS,
      state: { kind: StateBackendKind.LOCAL },
      addons,
    });
  };

  test("is isolated like Berth's own: a default deny for ingress and egress, and DNS", () => {
    const stack = stackWith(QUEUE_ADDON);
    const inQueue = stack.networkPolicies.policies.filter((p) => p.metadata.namespace === 'queue-jobs');
    const deny = inQueue.find((p) => p.metadata.name === DEFAULT_DENY_POLICY) as unknown as {
      spec: { podSelector: object; policyTypes: string[] };
    };
    expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(stack.networkPolicies.flows.map((f) => f.id)).toContain('dns-queue-jobs');
    // Berth's own namespaces keep theirs.
    expect(
      stack.networkPolicies.policies.some(
        (p) => p.metadata.namespace === 'monitoring' && p.metadata.name === DEFAULT_DENY_POLICY,
      ),
    ).toBe(true);
  });

  test('is reserved: an environment named like it is refused at config load, naming the add-on', () => {
    const addons = PLATFORM_ADDONS.with(QUEUE_ADDON);
    let problems: readonly { path: string; value?: unknown; message: string }[] = [];
    try {
      resolvePlatform({ environments: [{ name: 'queue-jobs' }] }, undefined, {
        addonSections: addons.sections,
        addonNamespaces: addons.namespaces,
      });
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      problems = err.problems;
    }
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe('environments[0].name');
    expect(problems[0].value).toBe('queue-jobs');
    expect(problems[0].message).toContain('add-on queueJobs creates this namespace');
    expect(problems[0].message).toContain('queue-jobs (add-on queueJobs)');
  });

  test('one it creates without declaring is refused, so that no namespace escapes the reservation', () => {
    expect(() => stackWith({ ...QUEUE_ADDON, namespaces: [] })).toThrow(
      /main-platform\/queue-jobs\/namespace creates the namespace "queue-jobs", which its add-on does not declare/,
    );
  });
});
