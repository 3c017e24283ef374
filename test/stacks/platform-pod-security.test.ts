import { App, Testing } from 'cdktf';
import * as YAML from 'yaml';
import { RegistryStage, StateBackendKind } from '../../config';
import { resolvePlatform } from '../support/berth-platform';
import { HelmChartRef } from '../../constructs/addons/core/helm-chart';
import {
  RenderedChartPods,
  changedValues,
  renderedPodManifest,
  uncoveredSecurityValues,
} from '../../constructs/addons/core/rendered-pods';
import {
  PodSecurityLevel,
  formatViolations,
  leastPodSecurityLevel,
  podSecurityViolations,
} from '../../constructs/core/pod-security-standards';
import { ENVOY_PROXY_RENDERED_PODS } from '../../constructs/addons/gateway/envoy-proxy-pod-security';
import { RENDERED_POD_ENTRIES } from '../../scripts/pod-record-list';
import { PlatformObjectsStack } from '../../stacks/platform-objects-stack';
import { PlatformStack } from '../../stacks/platform-stack';
import { ENDPOINTS } from '../support/cluster-endpoints';

/**
 * Every platform pod against the Pod Security level of its namespace: the pods the add-ons' charts and
 * operators render (recorded next to each add-on, `<addon>-pod-security.ts`) and the workloads Berth
 * writes itself (taken from the synthesized stacks); and every platform namespace enforcing exactly the
 * least level its pods need.
 */

type Json = Record<string, unknown>;

/** A Helm release of the synthesized platform. */
interface PlatformRelease {
  readonly name: string;
  readonly namespace: string;
  readonly chart: string;
  readonly version: string;
  readonly values: Json;
}

/** What the default platform synthesizes that Pod Security cares about. */
interface PlatformPods {
  /** Pod Security level each namespace Berth creates enforces (its `enforce` label). */
  readonly namespaceLevels: ReadonlyMap<string, PodSecurityLevel>;
  readonly releases: readonly PlatformRelease[];
  /** Workloads Berth writes itself (kubernetes_manifest and kubernetes_job_v1), as manifests. */
  readonly workloads: readonly Json[];
  /** Every kubernetes_manifest object. */
  readonly manifests: readonly Json[];
}

const WORKLOAD_KINDS = ['Deployment', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob', 'Pod'];
let cached: PlatformPods | undefined;

/** The default platform (every add-on on) and its objects, synthesized once per test file. */
function platformPods(): PlatformPods {
  if (cached) return cached;
  const platform = resolvePlatform({ clusters: [{ name: 'main' }] });
  const app = Testing.app() as App;
  const state = { kind: StateBackendKind.LOCAL } as const;
  const platformStack = new PlatformStack(app, 'main-platform', {
    platformName: platform.name,
    cluster: platform.clusters[0],
    endpoints: ENDPOINTS,
    state,
    environments: ['dev', 'test', 'prod'].map((name) => ({ name, registryStage: RegistryStage.DEV })),
  });
  const objects = new PlatformObjectsStack(app, 'main-platform-objects', {
    // The add-ons' objects stack as the app builds it, with the platform namespaces' network policies.
    networkPolicies: platformStack.networkPolicies.policies,
    state,
    endpoints: ENDPOINTS,
    addons: platformStack.addons,
  });
  cached = readPlatformPods([Testing.synth(platformStack), Testing.synth(objects)]);
  return cached;
}

function readPlatformPods(stacks: readonly string[]): PlatformPods {
  const namespaceLevels = new Map<string, PodSecurityLevel>();
  const releases: PlatformRelease[] = [];
  const workloads: Json[] = [];
  const manifests: Json[] = [];
  for (const stack of stacks) {
    const resources = (JSON.parse(stack) as { resource: Record<string, Record<string, Json>> }).resource;
    for (const [type, blocks] of Object.entries(resources)) {
      for (const config of Object.values(blocks)) {
        if (type === 'kubernetes_namespace_v1') {
          const metadata = config.metadata as { name: string; labels?: Record<string, string> };
          const level = metadata.labels?.['pod-security.kubernetes.io/enforce'];
          if (level) namespaceLevels.set(metadata.name, level as PodSecurityLevel);
        } else if (type === 'helm_release') {
          releases.push({
            name: config.name as string,
            namespace: config.namespace as string,
            chart: config.chart as string,
            version: config.version as string,
            values: YAML.parse((config.values as string[])[0]) as Json,
          });
        } else if (type === 'kubernetes_manifest') {
          const manifest = config.manifest as Json;
          manifests.push(manifest);
          if (WORKLOAD_KINDS.includes(manifest.kind as string)) workloads.push(manifest);
        } else if (type === 'kubernetes_job_v1') {
          workloads.push(terraformJobManifest(config));
        }
      }
    }
  }
  return { namespaceLevels, releases, workloads, manifests };
}

/** A `kubernetes_job_v1` resource (the provider's snake_case blocks) as the Job manifest it creates. */
function terraformJobManifest(config: Json): Json {
  return { kind: 'Job', ...(toManifest(config) as Json) };
}

/** Provider block names that become plural manifest fields. */
const PLURAL_BLOCKS: Readonly<Record<string, string>> = {
  container: 'containers',
  init_container: 'initContainers',
  volume: 'volumes',
  port: 'ports',
  volume_mount: 'volumeMounts',
  toleration: 'tolerations',
};
/** Fields whose API name is not the camel case of the provider's. */
const RENAMED_FIELDS: Readonly<Record<string, string>> = { host_pid: 'hostPID', host_ipc: 'hostIPC' };
/** Blocks the provider writes as one-element lists but the API has as objects. */
const SINGLE_BLOCKS = new Set([
  'metadata',
  'spec',
  'template',
  'security_context',
  'capabilities',
  'host_path',
]);

function toManifest(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => toManifest(v));
    return key && SINGLE_BLOCKS.has(key) && items.length === 1 ? items[0] : items;
  }
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      PLURAL_BLOCKS[k] ?? RENAMED_FIELDS[k] ?? k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
      toManifest(v, k),
    ]),
  );
}

/** Pod Security level a namespace enforces: its label, or privileged for namespaces Berth does not label. */
function enforcedLevel(pods: PlatformPods, namespace: string): PodSecurityLevel {
  return pods.namespaceLevels.get(namespace) ?? PodSecurityLevel.PRIVILEGED;
}

/**
 * The tests every chart's record gets: it is the pinned version, Berth's values at the keys it names are
 * the ones it was rendered with, no security-relevant value Berth sets escapes it, and every pod it
 * records is admitted by the level its namespace enforces.
 */
function describeRenderedPods(
  record: RenderedChartPods,
  pin: HelmChartRef,
  /** What the record's `values` keys point into. @default the release's chart values */
  valuesOf?: () => unknown,
): void {
  describe(`pods of chart ${record.chart} ${record.version} (release ${record.release})`, () => {
    const release = () => {
      const found = platformPods().releases.find((r) => r.name === record.release);
      if (!found) throw new Error(`no helm_release named ${record.release} in the default platform`);
      return found;
    };

    test('were rendered at the pinned chart and version (or say which version stands in for it, and why)', () => {
      expect(record.chart).toBe(pin.chart);
      expect(record.standsInFor?.pin ?? record.version).toBe(pin.version);
      if (record.standsInFor) expect(record.standsInFor.reason).not.toBe('');
      expect(release().chart).toBe(pin.chart);
      expect(release().version).toBe(pin.version);
    });

    test("were rendered with Berth's values at every key their templates read for security fields", () => {
      const values = valuesOf ? valuesOf() : release().values;
      expect(changedValues(record, values)).toEqual([]);
      expect(uncoveredSecurityValues(record, values)).toEqual([]);
      for (const pod of record.pods) {
        for (const key of pod.valuesKeys) expect(Object.keys(record.values)).toContain(key);
      }
    });

    test.each(record.pods.map((pod) => [`${pod.kind}/${pod.name}`, pod] as const))(
      '%s is admitted by its namespace',
      (_, pod) => {
        const level = enforcedLevel(platformPods(), pod.namespace);
        expect(formatViolations(podSecurityViolations(renderedPodManifest(pod), level))).toBe('');
      },
    );
  });
}

/** The Envoy proxies' record is checked against the EnvoyProxy resource Berth writes. */
const VALUES_OF: Readonly<Record<string, () => unknown>> = {
  [ENVOY_PROXY_RENDERED_PODS.source]: () => ({
    spec: platformPods().manifests.find((m) => m.kind === 'EnvoyProxy')?.spec,
  }),
};
const RECORDS = RENDERED_POD_ENTRIES.map(
  ({ record, pin }) => [record, pin, VALUES_OF[record.source]] as const,
);

for (const [record, pin, valuesOf] of RECORDS) describeRenderedPods(record, pin, valuesOf);

/** Every pod of the platform, recorded or written by Berth, as manifests. */
function allPods(): Json[] {
  return [
    ...RECORDS.flatMap(([record]) => record.pods.map(renderedPodManifest)),
    ...platformPods().workloads,
  ];
}

const namespaceOf = (manifest: Json) => (manifest.metadata as { namespace?: string }).namespace ?? 'default';

describe('platform Pod Security', () => {
  test('every Helm release of the platform has its pods recorded', () => {
    const recorded = new Set(RECORDS.map(([record]) => record.release));
    expect(
      platformPods()
        .releases.map((r) => r.name)
        .filter((name) => !recorded.has(name)),
    ).toEqual([]);
    for (const [record] of RECORDS) {
      const release = platformPods().releases.find((r) => r.name === record.release)!;
      // A pod lives in its release's namespace unless a recorded value (a namespace override) moves it.
      const allowed = [
        release.namespace,
        ...Object.values(record.values).filter((v) => typeof v === 'string'),
      ];
      for (const pod of record.pods) expect(allowed).toContain(pod.namespace);
    }
  });

  test('every workload Berth writes itself is admitted by its namespace', () => {
    const workloads = platformPods().workloads;
    const names = workloads.map(
      (w) => `${String(w.kind)}/${namespaceOf(w)}/${String((w.metadata as Json).name)}`,
    );
    expect(names).toEqual(
      expect.arrayContaining([
        'Deployment/registry/registry',
        'Deployment/registry/registry-token-server',
        'CronJob/registry/registry-garbage-collect',
        'Job/kube-system/upgrade-1-35-berth-main-master-1',
      ]),
    );
    const violations = workloads.flatMap((w) =>
      podSecurityViolations(w, enforcedLevel(platformPods(), namespaceOf(w))),
    );
    expect(formatViolations(violations)).toBe('');
  });

  test("an upgrade Job, read from the provider's kubernetes_job_v1 blocks, needs privileged (the host's root)", () => {
    const job = platformPods().workloads.find((w) => w.kind === 'Job')!;
    expect(
      podSecurityViolations(job, PodSecurityLevel.BASELINE)
        .map((v) => v.path)
        .sort(),
    ).toEqual([
      'spec.template.spec.containers[0].securityContext.privileged',
      'spec.template.spec.hostNetwork',
      'spec.template.spec.hostPID',
      'spec.template.spec.volumes[0].hostPath',
    ]);
  });

  test('every platform namespace enforces the least level that admits all of its pods', () => {
    const pods = allPods();
    const needed = (namespace: string) =>
      leastPodSecurityLevel(pods.filter((p) => namespaceOf(p) === namespace));
    const namespaces = [...platformPods().namespaceLevels.keys()].sort();
    expect(Object.fromEntries(namespaces.map((ns) => [ns, needed(ns)]))).toEqual(
      Object.fromEntries(namespaces.map((ns) => [ns, platformPods().namespaceLevels.get(ns)])),
    );
  });

  test('kube-system, which Berth does not label (privileged), holds pods that need privileged', () => {
    const pods = allPods().filter((p) => namespaceOf(p) === 'kube-system');
    expect(leastPodSecurityLevel(pods)).toBe(PodSecurityLevel.PRIVILEGED);
  });
});
