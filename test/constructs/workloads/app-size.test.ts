import { CpuQuantity, DataSize } from '../../../config';
import {
  SIZE_CLASSES,
  SizeClass,
  resourcesFor,
  toKubeResources,
} from '../../../constructs/workloads/app-size';

describe('size classes', () => {
  test('grow from S to L in every resource', () => {
    const [s, m, l] = [SizeClass.S, SizeClass.M, SizeClass.L].map((c) => SIZE_CLASSES[c]);
    expect(s.cpu.toMillicores()).toBeLessThan(m.cpu.toMillicores());
    expect(m.cpu.toMillicores()).toBeLessThan(l.cpu.toMillicores());
    expect(s.memory.toMebibytes()).toBeLessThan(m.memory.toMebibytes());
    expect(m.memory.toMebibytes()).toBeLessThan(l.memory.toMebibytes());
    for (const size of [s, m, l])
      expect(size.cpuLimit.toMillicores()).toBeGreaterThanOrEqual(size.cpu.toMillicores());
  });

  test('render memory request equal to its limit, and CPU that may burst', () => {
    expect(toKubeResources(resourcesFor(SizeClass.M))).toEqual({
      requests: {
        cpu: expect.objectContaining({ value: '100m' }),
        memory: expect.objectContaining({ value: '512Mi' }),
      },
      limits: {
        cpu: expect.objectContaining({ value: '1' }),
        memory: expect.objectContaining({ value: '512Mi' }),
      },
    });
  });

  test('are overridable field by field', () => {
    const r = resourcesFor(SizeClass.S, { memory: DataSize.mebibytes(768) });
    expect(r.memory.toString()).toBe('768Mi');
    expect(r.cpu).toBe(SIZE_CLASSES[SizeClass.S].cpu);
  });

  test('raise the CPU limit with a request above it', () => {
    const r = resourcesFor(SizeClass.S, { cpu: CpuQuantity.cores(2) });
    expect(r.cpuLimit.toString()).toBe('2');
  });
});
