/**
 * What the report shows, gathered from the synthesized output (through synth-output.ts) and the
 * platform's model (flavors, quotas, promotion rules, the add-ons' footprint).
 */
import { EnvironmentUsage, environmentUsage, quotaProblems } from '../../charts/environment-usage';
import { ResolvedPlatform } from '../../config';
import { PlatformFootprint } from '../../constructs/addons/core/footprint';
import { nodeAllocatable } from '../../constructs/addons/core/node-capacity';
import { RECORDED_IMAGE_DIGESTS } from '../../constructs/addons/core/image-digests';
import { RecordedImage, recordedImages } from '../../constructs/addons/image-pins';
import { ImageDigests, imageKey } from '../../constructs/addons/core/platform-image';
import { PlatformDiff } from './platform-change';
import { Json, StackLayer, SynthOutput, clustersOf, stackOf } from './synth-output';

export interface ReportVm {
  readonly name: string;
  readonly role: string;
  readonly pool?: string;
  readonly flavor: string;
}

export interface ReportApp {
  readonly name: string;
  readonly images: readonly string[];
  readonly routes: readonly string[];
}

export interface ReportEnvironment {
  readonly name: string;
  readonly apps: readonly ReportApp[];
  readonly usage: EnvironmentUsage;
  /** `requests.cpu`, `requests.memory`, ... of the environment's ResourceQuota. */
  readonly quota: Readonly<Record<string, string>>;
  readonly quotaProblems: readonly string[];
  readonly promotesFrom?: string;
  /** Per app of a promoted environment: does it run exactly the images of the source environment? */
  readonly promotion: readonly { readonly app: string; readonly ok: boolean; readonly detail: string }[];
}

export interface ReportPool {
  readonly name: string;
  readonly count: number;
  readonly flavor: string;
  readonly allocatable: { readonly cpuMillis: number; readonly memoryMi: number };
}

export interface ReportCluster {
  readonly name: string;
  readonly externalNetwork: string;
  readonly router: string;
  readonly subnet: string;
  readonly vms: readonly ReportVm[];
  readonly loadBalancers: readonly string[];
  readonly addons: readonly {
    readonly name: string;
    readonly releases: readonly { release: string; chart: string; version: string }[];
  }[];
  readonly environments: readonly ReportEnvironment[];
  readonly pools: readonly ReportPool[];
  readonly footprint?: PlatformFootprint;
}

/** One image the platform runs (from the image record), and whether it is pinned by digest. */
export interface ReportImage {
  /** `repository:tag`. */
  readonly image: string;
  /** Its recorded digest; undefined while it is pinned by tag only. */
  readonly digest?: string;
  /** The charts and objects that run it. */
  readonly usedBy: readonly string[];
}

export interface ReportModel {
  readonly platform: string;
  readonly clusters: readonly ReportCluster[];
  /** Every image of the record, images pinned by tag only first. */
  readonly images: readonly ReportImage[];
  readonly diff?: PlatformDiff;
  readonly diffTitle?: string;
}

const NAME_LABEL = 'app.kubernetes.io/name';

export function reportModel(
  output: SynthOutput,
  platform: ResolvedPlatform,
  footprints: ReadonlyMap<string, PlatformFootprint>,
  diff?: { diff: PlatformDiff; title: string },
): ReportModel {
  const clusters = clustersOf(output).map((name): ReportCluster => {
    const infra = stackOf(output, name, StackLayer.INFRA);
    const platformStack = stackOf(output, name, StackLayer.PLATFORM);
    const blocks = (type: string) => [...(infra?.blocks.values() ?? [])].filter((b) => b.type === type);
    const first = (type: string, field: string) => String(blocks(type)[0]?.config[field] ?? '(existing)');
    const vms = blocks('openstack_compute_instance_v2').map((b) => {
      const meta = (b.config.metadata ?? {}) as Record<string, string>;
      return {
        name: String(b.config.name),
        role: meta['berth-role'] ?? 'server',
        pool: meta['berth-pool'],
        flavor: String(b.config.flavor_name),
      };
    });
    const addons = new Map<string, { release: string; chart: string; version: string }[]>();
    for (const b of platformStack?.blocks.values() ?? []) {
      if (b.type !== 'helm_release') continue;
      const addon = b.path.split('/')[0];
      addons.set(addon, [
        ...(addons.get(addon) ?? []),
        { release: String(b.config.name), chart: String(b.config.chart), version: String(b.config.version) },
      ]);
    }
    const cluster = platform.clusters.find((c) => c.name === name);
    const manifests = output.manifests.get(name) ?? new Map<string, readonly Json[]>();
    const environments = [...manifests.entries()].map(([envName, objects]) =>
      environmentOf(envName, objects, manifests, platform),
    );
    return {
      name,
      externalNetwork: platform.cloud.externalNetwork,
      router: first('openstack_networking_router_v2', 'name'),
      subnet: `${first('openstack_networking_subnet_v2', 'name')} ${first('openstack_networking_subnet_v2', 'cidr')}`,
      vms,
      loadBalancers: blocks('openstack_lb_loadbalancer_v2').map((b) => String(b.config.name)),
      addons: [...addons.entries()].map(([addonName, releases]) => ({ name: addonName, releases })),
      environments,
      pools: (cluster?.minionPools ?? []).map((p) => {
        const a = nodeAllocatable(p.flavor);
        return {
          name: p.name,
          count: p.count,
          flavor: p.flavor.name,
          allocatable: {
            cpuMillis: a.cpu.toMillicores() * p.count,
            memoryMi: a.memory.toMebibytes() * p.count,
          },
        };
      }),
      footprint: footprints.get(name),
    };
  });
  return {
    platform: platform.name,
    clusters,
    images: reportImages(),
    diff: diff?.diff,
    diffTitle: diff?.title,
  };
}

/** The recorded images, one row per `repository:tag`: those pinned by tag only first, each group sorted. */
export function reportImages(
  images: readonly RecordedImage[] = recordedImages(),
  digests: ImageDigests = RECORDED_IMAGE_DIGESTS,
): ReportImage[] {
  const usedBy = new Map<string, string[]>();
  for (const image of images)
    usedBy.set(imageKey(image), [...(usedBy.get(imageKey(image)) ?? []), image.usedBy]);
  return [...usedBy.keys()]
    .sort((a, b) => Number(digests.has(a)) - Number(digests.has(b)) || a.localeCompare(b))
    .map((image) => ({ image, digest: digests.get(image), usedBy: usedBy.get(image) as string[] }));
}

function environmentOf(
  name: string,
  objects: readonly Json[],
  all: ReadonlyMap<string, readonly Json[]>,
  platform: ResolvedPlatform,
): ReportEnvironment {
  const usage = environmentUsage(objects);
  const quotaObject = objects.find((o) => o.kind === 'ResourceQuota');
  const quota = ((((quotaObject?.spec ?? {}) as Json).hard ?? {}) as Record<string, string>) ?? {};
  const environment = platform.environments.find((e) => e.name === name);
  const problems = environment ? quotaProblems(environment, usage).map((p) => `${p.path}: ${p.message}`) : [];
  const apps = appsOf(objects);
  const source = environment?.promotesFrom;
  const sourceApps = source
    ? new Map(appsOf(all.get(source) ?? []).map((a) => [a.name, a]))
    : new Map<string, ReportApp>();
  const promotion = source
    ? apps.map((app) => {
        const from = sourceApps.get(app.name);
        const digests = (images: readonly string[]) =>
          images.map((i) => i.split('@')[1] ?? `(tag ${i.split(':').pop()})`).sort();
        const ok =
          from !== undefined && JSON.stringify(digests(app.images)) === JSON.stringify(digests(from.images));
        return {
          app: app.name,
          ok,
          detail: from
            ? ok
              ? `runs the digests ${source} runs`
              : `images differ from ${source}`
            : `not in ${source}`,
        };
      })
    : [];
  return { name, apps, usage, quota, quotaProblems: problems, promotesFrom: source, promotion };
}

function appsOf(objects: readonly Json[]): ReportApp[] {
  const apps = new Map<string, { images: Set<string>; routes: Set<string> }>();
  for (const o of objects) {
    const labels = (((o.metadata ?? {}) as Json).labels ?? {}) as Record<string, string>;
    const app = labels[NAME_LABEL];
    if (!app) continue;
    if (!apps.has(app)) apps.set(app, { images: new Set(), routes: new Set() });
    const entry = apps.get(app)!;
    const spec = (o.spec ?? {}) as Json;
    const template = ((((spec.jobTemplate as Json | undefined)?.spec as Json | undefined) ?? spec).template ??
      {}) as Json;
    for (const c of (((template.spec ?? {}) as Json).containers ?? []) as Json[])
      entry.images.add(String(c.image));
    if (o.kind === 'HTTPRoute') for (const host of (spec.hostnames ?? []) as string[]) entry.routes.add(host);
  }
  return [...apps.entries()].map(([name, e]) => ({
    name,
    images: [...e.images].sort(),
    routes: [...e.routes].sort(),
  }));
}
