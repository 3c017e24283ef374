/**
 * An environment's Kubernetes objects before and after, in the platform's words: apps added, removed or
 * changed (image, replicas, routes, resources), environment objects (quota, policies), and objects whose
 * change Kubernetes cannot apply in place.
 */
import { immutableChanges } from './kubernetes-immutable';
import { Area, ChangeKind, PlatformChange, Risk, environmentScope, show } from './platform-change';
import { Json } from './synth-output';

const NAME_LABEL = 'app.kubernetes.io/name';
const STATEFUL_KINDS = new Set(['StatefulSet', 'PersistentVolumeClaim']);
const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);

/** Changes of one environment; `before`/`after` undefined when the environment is new or gone. */
export function environmentChanges(
  cluster: string,
  environment: string,
  before: readonly Json[] | undefined,
  after: readonly Json[] | undefined,
): PlatformChange[] {
  const scope = environmentScope(environment);
  const base = { cluster, scope, details: [] as string[] };
  if (!before || !after) {
    const objects = (after ?? before)!;
    const stateful = objects.filter((o) => STATEFUL_KINDS.has(String(o.kind)));
    return [
      {
        ...base,
        area: Area.ENVIRONMENT,
        kind: before ? ChangeKind.REMOVED : ChangeKind.ADDED,
        subject: `environment ${environment}`,
        reasons: [
          `${objects.length} objects, apps: ${appsOf(objects).join(', ') || 'none'}`,
          ...(before && stateful.length > 0
            ? [`its ${stateful.map(key).join(', ')} and their data are deleted`]
            : []),
        ],
        risk: before ? (stateful.length > 0 ? Risk.DANGEROUS : Risk.DISRUPTIVE) : Risk.SAFE,
        sources: [`manifests/${cluster}/${environment}.k8s.yaml`],
      },
    ];
  }
  const changes: PlatformChange[] = [];
  const group = (objects: readonly Json[]) => {
    const byApp = new Map<string, Map<string, Json>>();
    for (const o of objects) {
      const app = labelsOf(o)[NAME_LABEL] ?? '';
      if (!byApp.has(app)) byApp.set(app, new Map());
      byApp.get(app)!.set(key(o), o);
    }
    return byApp;
  };
  const a = group(before);
  const b = group(after);
  for (const app of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const x = a.get(app) ?? new Map<string, Json>();
    const y = b.get(app) ?? new Map<string, Json>();
    const subject = app ? `app ${app}` : `environment ${environment}`;
    const area = app ? Area.APP : Area.ENVIRONMENT;
    const sources = [...new Set([...x.keys(), ...y.keys()])].filter(
      (k) => JSON.stringify(x.get(k)) !== JSON.stringify(y.get(k)),
    );
    if (sources.length === 0) continue;
    if (app && x.size === 0) {
      changes.push({
        ...base,
        area,
        kind: ChangeKind.ADDED,
        subject,
        reasons: summary([...y.values()]),
        risk: Risk.SAFE,
        sources,
      });
      continue;
    }
    if (app && y.size === 0) {
      const stateful = [...x.values()].filter((o) => STATEFUL_KINDS.has(String(o.kind)));
      changes.push({
        ...base,
        area,
        kind: ChangeKind.REMOVED,
        subject,
        reasons: [
          ...summary([...x.values()]),
          ...(stateful.length > 0 ? [`deletes ${stateful.map(key).join(', ')} and the data in them`] : []),
        ],
        risk: stateful.length > 0 ? Risk.DANGEROUS : Risk.DISRUPTIVE,
        sources,
      });
      continue;
    }
    const reasons: string[] = [];
    let risk = Risk.SAFE;
    let replaced = false;
    for (const k of sources) {
      const o = x.get(k);
      const n = y.get(k);
      if (!o) reasons.push(`adds ${k}`);
      else if (!n) {
        reasons.push(`removes ${k}`);
        if (STATEFUL_KINDS.has(String(o.kind))) {
          risk = Risk.DANGEROUS;
          reasons.push(`${k} is deleted with its data`);
        }
      } else {
        reasons.push(...objectReasons(o, n));
        const immutable = immutableChanges(o, n);
        if (immutable.length > 0) {
          replaced = true;
          const stateful = STATEFUL_KINDS.has(String(n.kind));
          reasons.push(
            `Kubernetes cannot change ${immutable.join(', ')} of ${k} in place: the object must be deleted and created again${stateful ? ' (its pods and claims go with it)' : ''}`,
          );
          risk = stateful ? Risk.DANGEROUS : risk === Risk.DANGEROUS ? risk : Risk.DISRUPTIVE;
        }
      }
    }
    changes.push({
      ...base,
      area,
      kind: replaced ? ChangeKind.REPLACED : ChangeKind.CHANGED,
      subject,
      reasons: [...new Set(reasons)],
      risk,
      sources,
    });
  }
  return changes;
}

/** What an app or environment consists of, for an added or removed one. */
function summary(objects: readonly Json[]): string[] {
  const reasons: string[] = [];
  for (const o of objects) {
    if (WORKLOAD_KINDS.has(String(o.kind))) {
      const images = containersOf(o).map((c) => String(c.image));
      const replicas = (o.spec as Json | undefined)?.replicas;
      reasons.push(
        `${key(o)}: ${images.join(', ')}${replicas !== undefined ? `, ${replicas} replicas` : ''}`,
      );
    }
    if (o.kind === 'HTTPRoute') reasons.push(`route ${routesOf(o).join(', ')}`);
  }
  return reasons.length > 0 ? reasons : [`${objects.length} objects: ${objects.map(key).join(', ')}`];
}

/** How one object changed, in words. */
function objectReasons(before: Json, after: Json): string[] {
  const reasons: string[] = [];
  const k = key(after);
  if (WORKLOAD_KINDS.has(String(after.kind))) {
    const a = new Map(containersOf(before).map((c) => [String(c.name), c]));
    const b = new Map(containersOf(after).map((c) => [String(c.name), c]));
    for (const [name, c] of b) {
      const o = a.get(name);
      if (!o) reasons.push(`${k}: adds container ${name} (${c.image})`);
      else {
        if (o.image !== c.image) reasons.push(`${k}: image ${o.image} -> ${c.image}`);
        const res = (x: Json) => JSON.stringify(x.resources ?? {});
        if (res(o) !== res(c)) reasons.push(`${k}: resources of ${name} ${resources(o)} -> ${resources(c)}`);
      }
    }
    for (const name of a.keys()) if (!b.has(name)) reasons.push(`${k}: removes container ${name}`);
    const replicas = (o: Json) => (o.spec as Json | undefined)?.replicas;
    if (replicas(before) !== replicas(after))
      reasons.push(`${k}: replicas ${show(replicas(before))} -> ${show(replicas(after))}`);
    if (reasons.length === 0) reasons.push(`${k}: ${changedPaths(before, after).join(', ')}`);
    return reasons;
  }
  if (after.kind === 'HTTPRoute') {
    const a = routesOf(before);
    const b = routesOf(after);
    for (const r of b) if (!a.includes(r)) reasons.push(`route added: ${r}`);
    for (const r of a) if (!b.includes(r)) reasons.push(`route removed: ${r}`);
    if (reasons.length > 0) return reasons;
  }
  if (after.kind === 'ResourceQuota') {
    const hard = (o: Json) => (((o.spec ?? {}) as Json).hard ?? {}) as Json;
    const a = hard(before);
    const b = hard(after);
    for (const field of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort())
      if (a[field] !== b[field]) reasons.push(`quota ${field} ${show(a[field])} -> ${show(b[field])}`);
    if (reasons.length > 0) return reasons;
  }
  return [`${k}: ${changedPaths(before, after).join(', ')}`];
}

function changedPaths(a: unknown, b: unknown, path = ''): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObj(a) && isObj(b) && path.split('.').length < 4) {
    return [...new Set([...Object.keys(a), ...Object.keys(b)])]
      .sort()
      .flatMap((k) => changedPaths(a[k], b[k], path ? `${path}.${k}` : k));
  }
  return [path || '(whole object)'];
}

function containersOf(o: Json): Json[] {
  const spec = (o.spec ?? {}) as Json;
  const jobTemplate = (spec.jobTemplate as Json | undefined)?.spec as Json | undefined;
  const template = ((jobTemplate ?? spec).template ?? {}) as Json;
  const pod = (template.spec ?? {}) as Json;
  return [...((pod.initContainers ?? []) as Json[]), ...((pod.containers ?? []) as Json[])];
}

function resources(c: Json): string {
  const r = (c.resources ?? {}) as Json;
  const part = (name: string) => {
    const v = (r[name] ?? {}) as Json;
    return Object.keys(v).length > 0
      ? `${name} ${Object.entries(v)
          .map(([k, x]) => `${k}=${x}`)
          .join(' ')}`
      : '';
  };
  return `(${[part('requests'), part('limits')].filter(Boolean).join('; ') || 'none'})`;
}

function routesOf(o: Json): string[] {
  const spec = (o.spec ?? {}) as Json;
  const hosts = (spec.hostnames ?? ['*']) as string[];
  const paths = ((spec.rules ?? []) as Json[]).flatMap((rule) =>
    ((rule.matches ?? [{}]) as Json[]).map((m) => String(((m.path ?? {}) as Json).value ?? '/')),
  );
  return hosts.flatMap((h) => (paths.length > 0 ? paths : ['/']).map((p) => `${h}${p}`));
}

function labelsOf(o: Json): Record<string, string> {
  return (((o.metadata ?? {}) as Json).labels ?? {}) as Record<string, string>;
}

function key(o: Json): string {
  return `${o.kind}/${((o.metadata ?? {}) as Json).name}`;
}

function appsOf(objects: readonly Json[]): string[] {
  return [...new Set(objects.map((o) => labelsOf(o)[NAME_LABEL]).filter(Boolean))].sort();
}
