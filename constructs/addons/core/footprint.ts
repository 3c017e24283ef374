import { ResolvedCluster, ResolvedResources, ResourceAmounts } from '../../../config';
import { nodeAllocatable } from './node-capacity';

/** Kubernetes workload kinds the add-ons run. */
export enum WorkloadKind {
  DEPLOYMENT = 'Deployment',
  STATEFUL_SET = 'StatefulSet',
  DAEMON_SET = 'DaemonSet',
}

/** Where a workload's pods land. */
export enum Placement {
  /** Scheduled pods (Deployments, StatefulSets): minions, since masters are tainted. */
  MINIONS = 'minions',
  /** One pod on every node, masters included (DaemonSets that tolerate every taint). */
  EVERY_NODE = 'every-node',
  /** One pod on every master (control-plane DaemonSets). */
  MASTERS = 'masters',
}

/** Requests and limits of one container. */
export interface ContainerFootprint {
  readonly name: string;
  readonly requests: ResourceAmounts;
  /** Absent only when the container's resources are fixed outside Berth; `fixedBy` says where. */
  readonly limits?: ResourceAmounts;
  /** Who fixes this container's resources when Berth cannot (e.g. "kubeadm"). */
  readonly fixedBy?: string;
}

/** One workload of an add-on: its kind, pod count and containers. */
export interface WorkloadFootprint {
  readonly kind: WorkloadKind;
  /** Kubernetes name of the workload. */
  readonly name: string;
  /** Pods of a Deployment or StatefulSet; ignored for DaemonSets (one per node of their placement). */
  readonly replicas: number;
  readonly placement: Placement;
  readonly containers: readonly ContainerFootprint[];
}

/** What an add-on runs. */
export interface AddonFootprint {
  readonly addon: string;
  readonly workloads: readonly WorkloadFootprint[];
}

/** A container with Berth-chosen requests and limits. */
export function container(name: string, resources: ResolvedResources): ContainerFootprint {
  return { name, requests: resources.requests, limits: resources.limits };
}

/** A Deployment or StatefulSet scheduled on minions. */
export function scheduled(
  kind: WorkloadKind.DEPLOYMENT | WorkloadKind.STATEFUL_SET,
  name: string,
  replicas: number,
  containers: readonly ContainerFootprint[],
): WorkloadFootprint {
  return { kind, name, replicas, placement: Placement.MINIONS, containers };
}

/** A DaemonSet. */
export function daemonSet(
  name: string,
  placement: Placement,
  containers: readonly ContainerFootprint[],
): WorkloadFootprint {
  return { kind: WorkloadKind.DAEMON_SET, name, replicas: 0, placement, containers };
}

/** CPU in millicores and memory in MiB, summed. */
export interface ResourceSum {
  readonly cpuMillis: number;
  readonly memoryMi: number;
}

/** Requests and limits, summed. A container without a limit counts its request in `limits`. */
export interface FootprintSum {
  readonly requests: ResourceSum;
  readonly limits: ResourceSum;
}

export interface AddonFootprintSummary {
  readonly addon: string;
  /** What lands on the minions (scheduled pods, DaemonSets × minions). */
  readonly onMinions: FootprintSum;
  /** What lands on the whole cluster (masters included). */
  readonly onCluster: FootprintSum;
}

/** The platform's footprint on one cluster against its minions' allocatable capacity. */
export interface PlatformFootprint {
  readonly cluster: string;
  readonly masters: number;
  readonly minions: number;
  readonly addons: readonly AddonFootprintSummary[];
  readonly onMinions: FootprintSum;
  readonly onCluster: FootprintSum;
  /** Sum of the minions' allocatable CPU and memory. */
  readonly minionAllocatable: ResourceSum;
  /** Share of the minions' allocatable capacity the platform requests, 0-1. */
  readonly requestedShare: { readonly cpu: number; readonly memory: number };
}

const ZERO: ResourceSum = { cpuMillis: 0, memoryMi: 0 };

function add(a: ResourceSum, b: ResourceSum, times = 1): ResourceSum {
  return { cpuMillis: a.cpuMillis + b.cpuMillis * times, memoryMi: a.memoryMi + b.memoryMi * times };
}

function ofAmounts(a: ResourceAmounts): ResourceSum {
  return { cpuMillis: a.cpu.toMillicores(), memoryMi: a.memory.toMebibytes() };
}

function podSum(workload: WorkloadFootprint): FootprintSum {
  let requests = ZERO;
  let limits = ZERO;
  for (const c of workload.containers) {
    requests = add(requests, ofAmounts(c.requests));
    limits = add(limits, ofAmounts(c.limits ?? c.requests));
  }
  return { requests, limits };
}

function addSums(a: FootprintSum, b: FootprintSum, times = 1): FootprintSum {
  return { requests: add(a.requests, b.requests, times), limits: add(a.limits, b.limits, times) };
}

/** Pods of a workload on the minions and on the whole cluster. */
function podCounts(
  w: WorkloadFootprint,
  masters: number,
  minions: number,
): { minions: number; cluster: number } {
  switch (w.placement) {
    case Placement.MINIONS:
      return w.kind === WorkloadKind.DAEMON_SET
        ? { minions, cluster: minions }
        : { minions: w.replicas, cluster: w.replicas };
    case Placement.EVERY_NODE:
      return { minions, cluster: minions + masters };
    case Placement.MASTERS:
      return { minions: 0, cluster: masters };
  }
}

/** Sums the add-ons' footprints on a cluster and compares them with its minions' allocatable capacity. */
export function platformFootprint(
  cluster: ResolvedCluster,
  footprints: readonly AddonFootprint[],
): PlatformFootprint {
  const masters = cluster.masters.count;
  const minions = cluster.minionPools.reduce((n, p) => n + p.count, 0);
  const empty: FootprintSum = { requests: ZERO, limits: ZERO };
  const addons = footprints.map((fp): AddonFootprintSummary => {
    let onMinions = empty;
    let onCluster = empty;
    for (const w of fp.workloads) {
      const pods = podCounts(w, masters, minions);
      const pod = podSum(w);
      onMinions = addSums(onMinions, pod, pods.minions);
      onCluster = addSums(onCluster, pod, pods.cluster);
    }
    return { addon: fp.addon, onMinions, onCluster };
  });
  const onMinions = addons.reduce((sum, a) => addSums(sum, a.onMinions), empty);
  const onCluster = addons.reduce((sum, a) => addSums(sum, a.onCluster), empty);
  const minionAllocatable = cluster.minionPools.reduce(
    (sum, pool) => add(sum, ofAmounts(nodeAllocatable(pool.flavor)), pool.count),
    ZERO,
  );
  return {
    cluster: cluster.name,
    masters,
    minions,
    addons,
    onMinions,
    onCluster,
    minionAllocatable,
    requestedShare: {
      cpu: share(onMinions.requests.cpuMillis, minionAllocatable.cpuMillis),
      memory: share(onMinions.requests.memoryMi, minionAllocatable.memoryMi),
    },
  };
}

function share(part: number, whole: number): number {
  return whole > 0 ? part / whole : 1;
}

const cpu = (m: number) => `${(m / 1000).toFixed(2)} vCPU`;
const mem = (mi: number) => `${(mi / 1024).toFixed(2)} GiB`;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Human-readable table of a footprint, as `npm run synth` prints it. */
export function formatFootprint(fp: PlatformFootprint): string {
  const rows = fp.addons.map(
    (a) =>
      `    ${a.addon.padEnd(14)} requests ${cpu(a.onMinions.requests.cpuMillis).padStart(10)} ${mem(
        a.onMinions.requests.memoryMi,
      ).padStart(10)}   limits ${cpu(a.onMinions.limits.cpuMillis).padStart(10)} ${mem(
        a.onMinions.limits.memoryMi,
      ).padStart(10)}`,
  );
  const alloc = fp.minionAllocatable;
  const req = fp.onMinions.requests;
  return [
    `Platform footprint of cluster "${fp.cluster}" on its ${fp.minions} minions (DaemonSets x ${fp.minions}):`,
    ...rows,
    `    ${'total'.padEnd(14)} requests ${cpu(req.cpuMillis).padStart(10)} ${mem(req.memoryMi).padStart(10)}   limits ${cpu(
      fp.onMinions.limits.cpuMillis,
    ).padStart(10)} ${mem(fp.onMinions.limits.memoryMi).padStart(10)}`,
    `  minions' allocatable: ${cpu(alloc.cpuMillis)}, ${mem(alloc.memoryMi)}; platform requests ${pct(
      fp.requestedShare.cpu,
    )} CPU, ${pct(fp.requestedShare.memory)} memory; left for apps: ${cpu(alloc.cpuMillis - req.cpuMillis)}, ${mem(
      alloc.memoryMi - req.memoryMi,
    )}`,
    `  whole cluster incl. ${fp.masters} master(s): requests ${cpu(fp.onCluster.requests.cpuMillis)}, ${mem(
      fp.onCluster.requests.memoryMi,
    )}; limits ${cpu(fp.onCluster.limits.cpuMillis)}, ${mem(fp.onCluster.limits.memoryMi)}`,
  ].join('\n');
}
