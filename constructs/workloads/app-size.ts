import { k8s } from 'cdk8s-plus-33';
import { CpuQuantity, DataSize } from '../../config';

/** T-shirt sizes of a process; each maps to requests and limits in {@link SIZE_CLASSES}. */
export enum SizeClass {
  S = 'S',
  M = 'M',
  L = 'L',
}

/**
 * What one container asks for. Memory request and limit are equal: the scheduler then places a pod
 * only where its memory really is, and the pod is never the first killed under node pressure. CPU may
 * burst above the request up to `cpuLimit`.
 */
export interface WorkloadResources {
  readonly cpu: CpuQuantity;
  readonly cpuLimit: CpuQuantity;
  readonly memory: DataSize;
}

/**
 * Requests are kept small (a personal PaaS packs many quiet processes on few nodes) and CPU may burst
 * to the limit; memory is what really bounds a node, so it grows with the size.
 */
export const SIZE_CLASSES: Readonly<Record<SizeClass, WorkloadResources>> = {
  [SizeClass.S]: {
    cpu: CpuQuantity.millicores(50),
    cpuLimit: CpuQuantity.millicores(500),
    memory: DataSize.mebibytes(256),
  },
  [SizeClass.M]: {
    cpu: CpuQuantity.millicores(100),
    cpuLimit: CpuQuantity.cores(1),
    memory: DataSize.mebibytes(512),
  },
  [SizeClass.L]: {
    cpu: CpuQuantity.millicores(500),
    cpuLimit: CpuQuantity.cores(2),
    memory: DataSize.gibibytes(1),
  },
};

/** Partial overrides of a size class. */
export interface WorkloadResourcesOverride {
  readonly cpu?: CpuQuantity;
  readonly cpuLimit?: CpuQuantity;
  readonly memory?: DataSize;
}

/** The size class with the overrides applied; a CPU request above the limit raises the limit with it. */
export function resourcesFor(size: SizeClass, override: WorkloadResourcesOverride = {}): WorkloadResources {
  const base = SIZE_CLASSES[size];
  const cpu = override.cpu ?? base.cpu;
  const cpuLimit = override.cpuLimit ?? base.cpuLimit;
  return {
    cpu,
    cpuLimit: cpuLimit.toMillicores() < cpu.toMillicores() ? cpu : cpuLimit,
    memory: override.memory ?? base.memory,
  };
}

/** The `resources` block of a container. */
export function toKubeResources(resources: WorkloadResources): k8s.ResourceRequirements {
  const memory = k8s.Quantity.fromString(resources.memory.toString());
  return {
    requests: { cpu: k8s.Quantity.fromString(resources.cpu.toString()), memory },
    limits: { cpu: k8s.Quantity.fromString(resources.cpuLimit.toString()), memory },
  };
}
