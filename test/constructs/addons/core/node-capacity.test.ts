import { CpuQuantity, DataSize } from '../../../../config';
import { EVICTION_HARD_MEMORY, nodeAllocatable, nodeReservation } from '../../../../constructs/addons';

const flavor = (vcpus: number, gib: number) => ({ name: 'f', vcpus, memory: DataSize.gibibytes(gib) });

describe('node capacity', () => {
  test('reserves a tiered share of CPU and memory: m1.large keeps 80m and 1844Mi', () => {
    const r = nodeReservation(flavor(4, 8));
    expect(r.reserved.cpu).toEqual(CpuQuantity.millicores(80));
    expect(r.reserved.memory.toMebibytes()).toBe(1844);
    expect(r.evictionHardMemory).toBe(EVICTION_HARD_MEMORY);
  });

  test('allocatable is capacity less reservation and eviction threshold', () => {
    const a = nodeAllocatable(flavor(4, 8));
    expect(a.cpu.toMillicores()).toBe(3920);
    expect(a.memory.toMebibytes()).toBe(8192 - 1844 - 100);
  });

  test('small and large flavors', () => {
    expect(nodeReservation(flavor(1, 2)).reserved.cpu.toMillicores()).toBe(60);
    expect(nodeReservation(flavor(1, 2)).reserved.memory.toMebibytes()).toBe(512);
    // 16 vCPU: 60 + 10 + 10 + 12 x 2.5 = 110m; 64Gi: 1024 + 819.2 + 819.2 + 48 x 61.44 = 5611.5 -> 5612Mi.
    expect(nodeReservation(flavor(16, 64)).reserved.cpu.toMillicores()).toBe(110);
    expect(nodeReservation(flavor(16, 64)).reserved.memory.toMebibytes()).toBe(5612);
  });
});
