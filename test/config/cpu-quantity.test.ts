import { CpuQuantity } from '../../config';

describe('CpuQuantity', () => {
  test.each([
    ['250m', 250, '250m'],
    ['2', 2000, '2'],
    ['1.5', 1500, '1500m'],
    ['0.1', 100, '100m'],
    ['1000m', 1000, '1'],
  ])('parses %s', (text, millicores, rendered) => {
    const cpu = CpuQuantity.tryParse(text) as CpuQuantity;
    expect(cpu.toMillicores()).toBe(millicores);
    expect(cpu.toString()).toBe(rendered);
    expect(JSON.stringify(cpu)).toBe(`"${rendered}"`);
  });

  test.each(['0', '0m', '-1', '1.2345', '2 cores', '500M', 2, null])('rejects %p', (text) => {
    expect(CpuQuantity.tryParse(text)).toBeUndefined();
  });

  test('adds and scales, never below a millicore', () => {
    expect(CpuQuantity.millicores(250).plus(CpuQuantity.cores(1)).toString()).toBe('1250m');
    expect(CpuQuantity.millicores(100).times(4).toString()).toBe('400m');
    expect(CpuQuantity.millicores(1).times(0.1).toMillicores()).toBe(1);
  });

  test('rejects amounts that are not whole positive millicores', () => {
    expect(() => CpuQuantity.millicores(0)).toThrow(/not a whole positive millicore count/);
    expect(() => CpuQuantity.millicores(1.5)).toThrow(/not a whole positive millicore count/);
  });
});
