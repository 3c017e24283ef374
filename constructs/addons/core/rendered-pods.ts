/**
 * Pods that Berth does not write itself: the pods a Helm chart renders from its templates with Berth's
 * values, and the pods an operator builds from a custom resource. Each add-on keeps a record of them
 * next to it (`<addon>-pod-security.ts`), reduced to the fields Pod Security admission reads, so that
 * tests can hold every platform pod against the level its namespace enforces without Helm or a cluster.
 *
 * How a record is made and re-checked when a pin or a value changes: `npm run synth`; `npm run
 * pod-records -- values <release> > values.yaml`; render the chart at the pinned version, sub-charts at
 * the versions its Chart.yaml names (`helm template <release> <chart> -n <namespace> -f values.yaml >
 * rendering.yaml`); `npm run pod-records -- check <release> rendering.yaml` compares the rendering with the
 * record and prints the pods as rendered (reduced by `rendered-pod-fields.ts`). Each pod names its
 * template and the values keys that template reads for security fields; the platform's Pod Security test
 * fails when the pin's version or one of those values differs from what was rendered.
 */
type Json = Record<string, unknown>;

/** Marks a values key Berth leaves to the chart's default. */
export const CHART_DEFAULT = '<chart default>';

/**
 * The part of a pod spec Pod Security admission reads: host namespaces, security contexts, the
 * containers' host ports, and the volumes' types (a volume keeps its source only for `hostPath`).
 */
export type PodSecurityFields = Json;

/** One pod as the chart or operator renders it. */
export interface RenderedPod {
  /** Kind of the object that runs the pod. */
  readonly kind: 'Deployment' | 'DaemonSet' | 'StatefulSet' | 'Job' | 'Pod';
  /** Object name as rendered. */
  readonly name: string;
  /** Namespace the pod runs in. */
  readonly namespace: string;
  /** Template path inside the chart (or operator source file) that renders the pod. */
  readonly template: string;
  /** Chart values keys (dotted) the template reads for the security fields; all appear in `values`. */
  readonly valuesKeys: readonly string[];
  /**
   * The operator that builds this pod from a resource the chart renders (so `helm template` does not
   * show it): its pod is read from the operator's source at the version the chart runs.
   */
  readonly operator?: string;
  /** Helm hook the object is, if any (hooks run at install and upgrade too). */
  readonly hook?: string;
  /** Pod template annotations Pod Security reads (AppArmor), if the chart renders any. */
  readonly annotations?: Readonly<Record<string, string>>;
  readonly spec: PodSecurityFields;
}

/** Every pod of one chart release at one pinned version. */
export interface RenderedChartPods {
  /** Chart name and exact version rendered (the pin's, unless `standsInFor` says why not). */
  readonly chart: string;
  readonly version: string;
  /**
   * Set when the pinned version's templates could not be read and the nearest version's were: the pin
   * this record stands in for, and why that is acceptable.
   */
  readonly standsInFor?: { readonly pin: string; readonly reason: string };
  /** Helm release name Berth gives it. */
  readonly release: string;
  /** Where the templates were read: repository, chart path, tag or commit. */
  readonly source: string;
  /**
   * The values Berth passed at rendering time for every key a pod's `valuesKeys` names, or
   * `CHART_DEFAULT` where Berth sets nothing.
   */
  readonly values: Readonly<Record<string, unknown>>;
  readonly pods: readonly RenderedPod[];
}

/** A recorded pod as a manifest the Pod Security evaluator reads. */
export function renderedPodManifest(pod: RenderedPod): Json {
  return {
    kind: pod.kind,
    metadata: { name: pod.name, namespace: pod.namespace },
    spec:
      pod.kind === 'Pod'
        ? pod.spec
        : { template: { metadata: pod.annotations ? { annotations: pod.annotations } : {}, spec: pod.spec } },
  };
}

/** The value at a dotted key of chart values, or `CHART_DEFAULT` when a step is missing. */
export function chartValueAt(values: unknown, key: string): unknown {
  let node: unknown = values;
  for (const step of key.split('.')) {
    if (typeof node !== 'object' || node === null || Array.isArray(node) || !(step in node)) {
      return CHART_DEFAULT;
    }
    node = (node as Json)[step];
  }
  return node;
}

/** Keys whose value in `values` differs from the record's (`key: recorded → now`). */
export function changedValues(record: RenderedChartPods, values: unknown): string[] {
  return Object.entries(record.values)
    .filter(([key, recorded]) => canonical(chartValueAt(values, key)) !== canonical(recorded))
    .map(
      ([key, recorded]) =>
        `${key}: ${JSON.stringify(recorded)} → ${JSON.stringify(chartValueAt(values, key))}`,
    );
}

/** JSON with object keys sorted, so that equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/**
 * Values keys that name what Pod Security reads (security contexts, host namespaces and paths,
 * volumes, extra or init containers, sidecars, privileges, capabilities, the deployment mode; and a
 * top-level `kind`, which charts use for the workload kind).
 */
const SECURITY_KEY =
  /securitycontext|volumes$|volumemounts$|^host|privileged|capabilit|initcontainer|extracontainer|sidecar|deploymentmode/i;

/**
 * Security-relevant keys Berth sets in `values` that the record neither names nor contains: a value the
 * record was not rendered with, so the record may not be the real rendering any more.
 */
export function uncoveredSecurityValues(record: RenderedChartPods, values: unknown): string[] {
  const recorded = Object.keys(record.values);
  const covered = (path: string) => recorded.some((k) => path === k || path.startsWith(`${k}.`));
  const below = (path: string) => recorded.some((k) => k.startsWith(`${path}.`));
  const out: string[] = [];
  const walk = (node: unknown, prefix: string) => {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
    for (const [key, value] of Object.entries(node)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (covered(path)) continue;
      const relevant = SECURITY_KEY.test(key) || (prefix === '' && key === 'kind');
      if (relevant && !below(path)) out.push(path);
      else walk(value, path);
    }
  };
  walk(values, '');
  return out;
}
