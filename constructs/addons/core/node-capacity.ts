import { CpuQuantity, ResolvedFlavor, ResourceAmounts, DataSize } from '../../../config';

/**
 * What a node keeps for the kubelet, the container runtime and the operating system, and the memory
 * eviction threshold. Kubernetes' allocatable = capacity - reserved - eviction threshold.
 *
 * The formula is the tiered one the large managed offerings use: a small share of the first cores and
 * gibibytes, less of the next. The cluster stack's kubelet configuration should reserve the same
 * (`kubeReserved` = `reserved`, `evictionHard["memory.available"]` = `evictionHardMemory`) so that the
 * footprint printed by `npm run synth` matches what the scheduler sees.
 */
export interface NodeReservation {
  readonly reserved: ResourceAmounts;
  readonly evictionHardMemory: DataSize;
}

/** Hard eviction threshold for memory on every node. */
export const EVICTION_HARD_MEMORY = DataSize.mebibytes(100);

const CPU_TIERS: readonly (readonly [cores: number, share: number])[] = [
  [1, 0.06],
  [1, 0.01],
  [2, 0.005],
  [Infinity, 0.0025],
];

const MEMORY_TIERS_GIB: readonly (readonly [gib: number, share: number])[] = [
  [4, 0.25],
  [4, 0.2],
  [8, 0.1],
  [112, 0.06],
  [Infinity, 0.02],
];

function tiered(amount: number, tiers: readonly (readonly [number, number])[]): number {
  let left = amount;
  let total = 0;
  for (const [size, share] of tiers) {
    const part = Math.min(left, size);
    total += part * share;
    left -= part;
    if (left <= 0) break;
  }
  return total;
}

/** The reservation of a node of the given flavor. */
export function nodeReservation(flavor: ResolvedFlavor): NodeReservation {
  const cpuMillis = Math.ceil(tiered(flavor.vcpus, CPU_TIERS) * 1000);
  const memoryMi = Math.ceil(tiered(flavor.memory.toGibibytes(), MEMORY_TIERS_GIB) * 1024);
  return {
    reserved: { cpu: CpuQuantity.millicores(cpuMillis), memory: DataSize.mebibytes(memoryMi) },
    evictionHardMemory: EVICTION_HARD_MEMORY,
  };
}

/** Allocatable CPU and memory of a node of the given flavor. */
export function nodeAllocatable(flavor: ResolvedFlavor): ResourceAmounts {
  const reservation = nodeReservation(flavor);
  const cpuMillis = flavor.vcpus * 1000 - reservation.reserved.cpu.toMillicores();
  const memoryMi =
    flavor.memory.toMebibytes() -
    reservation.reserved.memory.toMebibytes() -
    reservation.evictionHardMemory.toMebibytes();
  return { cpu: CpuQuantity.millicores(cpuMillis), memory: DataSize.mebibytes(memoryMi) };
}
