import { CpuQuantity, Problem, ResolvedEnvironment, DataSize } from '../config';
import { podSpecOf } from '../constructs/core/restricted-pod-security';

type Json = Record<string, unknown>;

/** What an environment's workloads request at most at one time (steady state plus one rollout). */
export interface EnvironmentUsage {
  readonly cpuMillicores: number;
  readonly memoryMebibytes: number;
  readonly storageGibibytes: number;
  readonly pods: number;
  readonly volumes: number;
}

/**
 * Adds up the requests of every workload as the quota sees them: each Deployment at its replica count
 * (the autoscaler's minimum when autoscaled) plus the pods its rollout surges, each StatefulSet at its
 * replicas, and every Job and CronJob running once at the same time; plus every volume claimed.
 */
export function environmentUsage(objects: readonly Json[]): EnvironmentUsage {
  const minReplicas = new Map<string, number>();
  for (const o of objects) {
    if (o.kind === 'HorizontalPodAutoscaler') {
      const spec = o.spec as { scaleTargetRef: { name: string }; minReplicas?: number };
      minReplicas.set(spec.scaleTargetRef.name, spec.minReplicas ?? 1);
    }
  }
  let cpu = 0;
  let memory = 0;
  let storage = 0;
  let pods = 0;
  let volumes = 0;
  for (const o of objects) {
    const pod = podSpecOf(o);
    const spec = (o.spec ?? {}) as Json;
    const name = String((o.metadata as Json | undefined)?.name);
    if (o.kind === 'PersistentVolumeClaim') {
      storage += claimGibibytes(spec);
      volumes += 1;
    }
    if (!pod) continue;
    let count = 1;
    if (o.kind === 'Deployment') {
      const replicas = typeof spec.replicas === 'number' ? spec.replicas : (minReplicas.get(name) ?? 1);
      count = replicas + surge(spec, replicas);
    } else if (o.kind === 'StatefulSet') {
      count = typeof spec.replicas === 'number' ? spec.replicas : 1;
      for (const template of (spec.volumeClaimTemplates ?? []) as Json[]) {
        storage += claimGibibytes((template.spec ?? {}) as Json) * count;
        volumes += count;
      }
    }
    const containers = [...((pod.spec.containers ?? []) as Json[])];
    const init = (pod.spec.initContainers ?? []) as Json[];
    const sum = (field: 'cpu' | 'memory') =>
      Math.max(
        containers.reduce((total, c) => total + request(c, field), 0),
        ...init.map((c) => request(c, field)),
      );
    cpu += sum('cpu') * count;
    memory += sum('memory') * count;
    pods += count;
  }
  return { cpuMillicores: cpu, memoryMebibytes: memory, storageGibibytes: storage, pods, volumes };
}

/** Problems when `usage` does not fit the environment's quota; paths name the quota fields. */
export function quotaProblems(environment: ResolvedEnvironment, usage: EnvironmentUsage): Problem[] {
  const quota = environment.quota;
  const path = `environments.${environment.name}.quota`;
  const problems: Problem[] = [];
  const check = (field: string, used: number, allowed: number, render: (n: number) => string) => {
    if (used > allowed) {
      problems.push({
        path: `${path}.${field}`,
        value: render(allowed),
        message: `is too small: the apps of ${environment.name} need ${render(used)} (with one rollout's extra pods); raise the quota or shrink the apps`,
      });
    }
  };
  check('cpu', usage.cpuMillicores, quota.cpu.toMillicores(), (n) =>
    CpuQuantity.millicores(Math.max(n, 1)).toString(),
  );
  check('memory', usage.memoryMebibytes, quota.memory.toMebibytes(), (n) => DataSize.mebibytes(n).toString());
  check('storage', usage.storageGibibytes, quota.storage.toGibibytes(), (n) => `${n}Gi`);
  check('pods', usage.pods, quota.pods, String);
  check('volumes', usage.volumes, quota.volumes, String);
  return problems;
}

/** Pods a RollingUpdate adds on top of `replicas` (maxSurge, 25% by default, rounded up). */
function surge(spec: Json, replicas: number): number {
  const strategy = (spec.strategy ?? {}) as Json;
  if (strategy.type === 'Recreate') return 0;
  const value = ((strategy.rollingUpdate ?? {}) as Json).maxSurge ?? '25%';
  if (typeof value === 'number') return value;
  const percent = /^(\d+)%$/.exec(String(value));
  return percent ? Math.ceil((replicas * Number(percent[1])) / 100) : 0;
}

function request(container: Json, field: 'cpu' | 'memory'): number {
  const value = (((container.resources ?? {}) as Json).requests as Json | undefined)?.[field];
  if (value === undefined) return 0;
  if (field === 'cpu') return CpuQuantity.tryParse(String(value))?.toMillicores() ?? 0;
  return DataSize.tryParse(String(value))?.toMebibytes() ?? 0;
}

function claimGibibytes(spec: Json): number {
  const storage = (((spec.resources ?? {}) as Json).requests as Json | undefined)?.storage;
  return storage === undefined ? 0 : (DataSize.tryParse(String(storage))?.toGibibytes() ?? 0);
}
