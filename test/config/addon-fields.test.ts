import {
  addonDuration,
  addonResources,
  addonVolumeSize,
  containerResources,
  resolveResources,
  section,
  withDefault,
  z,
} from '../../config';
import { problemsOf, read } from '../support/field-problems';

const DEFAULTS = containerResources('100m', '128Mi', '500m', '256Mi');

describe('add-on field builders', () => {
  test('a duration: units s, m, h, d, w', () => {
    expect(read(addonDuration('d'), '7d')).toBe('7d');
    expect(problemsOf(addonDuration('d'), '7 days')).toEqual([
      'f: "7 days"; must be a duration such as "12h", "7d" or "2w" (units s, m, h, d, w)',
    ]);
  });

  test('a volume size: a size, then whole GiB', () => {
    expect(read(addonVolumeSize('v'), '20Gi')).toBe('20Gi');
    expect(problemsOf(addonVolumeSize('v'), 'big')).toEqual(['f: "big"; must be a size such as "20Gi"']);
    expect(problemsOf(addonVolumeSize('v'), '1500Mi')).toEqual([
      'f: "1500Mi"; must be a whole number of Gi (Cinder allocates whole GiB)',
    ]);
  });

  test('resources: each field defaults alone, and resolves to quantities', () => {
    const given = read(addonResources(DEFAULTS, 'r'), { cpuLimit: '2' });
    expect(given).toEqual({
      cpuRequest: '100m',
      memoryRequest: '128Mi',
      cpuLimit: '2',
      memoryLimit: '256Mi',
    });
    expect(resolveResources(given as never)).toEqual(containerResources('100m', '128Mi', '2', '256Mi'));
    expect(resolveResources(read(addonResources(DEFAULTS, 'r'), undefined) as never)).toEqual(DEFAULTS);
  });

  test('resources: bad quantities and unknown fields, every one', () => {
    expect(
      problemsOf(addonResources(DEFAULTS, 'r'), { cpuRequest: '100 m', memoryLimit: '1G', cpu: 1 }),
    ).toEqual([
      'f.cpuRequest: "100 m"; must be a CPU quantity such as "100m", "0.5" or "2"',
      'f.memoryLimit: "1G"; must be a memory quantity such as "128Mi" or "1Gi"',
      'f.cpu: 1; is not a known field; allowed fields here: cpuRequest, memoryRequest, cpuLimit, memoryLimit',
    ]);
  });

  test('resources: a request above its limit, shown as in effect (given, or the default the limit went below)', () => {
    expect(problemsOf(addonResources(DEFAULTS, 'r'), { cpuRequest: '2', memoryRequest: '1Gi' })).toEqual([
      'f.cpuRequest: "2"; must not exceed the CPU limit (500m)',
      'f.memoryRequest: "1Gi"; must not exceed the memory limit (256Mi)',
    ]);
    expect(problemsOf(addonResources(DEFAULTS, 'r'), { cpuLimit: '50m' })).toEqual([
      'f.cpuRequest: "100m"; must not exceed the CPU limit (50m)',
    ]);
  });

  test('resources: the defaults are published in the JSON Schema', () => {
    const json = z.toJSONSchema(withDefault(section({ r: addonResources(DEFAULTS, 'Its resources.') }), {}), {
      io: 'input',
    }) as unknown as {
      properties: { r: { properties: Record<string, { default: string }>; description: string } };
    };
    expect(json.properties.r.properties.cpuLimit.default).toBe('500m');
    expect(json.properties.r.properties.memoryRequest.default).toBe('128Mi');
    expect(json.properties.r.description).toContain('Its resources.');
  });

  test('containerResources refuses a quantity that does not parse (defaults are written in code)', () => {
    expect(() => containerResources('1 core', '1Gi', '1', '1Gi')).toThrow('bad quantity: 1 core / 1Gi');
  });
});
