import { Problems } from '../../../config/problems';
import {
  integer,
  list,
  name,
  optional,
  readSection,
  section,
  text,
  withDefault,
  withoutNulls,
} from '../../../config/schema';

const pool = section({ name: name(), count: withDefault(integer(0, 100), 2), zone: optional(text()) });
const cluster = section({
  pools: withDefault(list(pool), [{ name: 'default' }]),
  size: withDefault(integer(1, 5), 1),
});

function read(input: unknown) {
  const problems = new Problems();
  const value = readSection(cluster, input, 'clusters[0]', problems);
  return { value, problems: problems.all.map((p) => `${p.path}: ${p.message}`) };
}

describe('readSection', () => {
  test('a valid section: typed, with defaults, no problems', () => {
    expect(read({ pools: [{ name: 'a' }] })).toEqual({
      value: { pools: [{ name: 'a', count: 2 }], size: 1 },
      problems: [],
    });
    expect(read({}).value).toEqual({ pools: [{ name: 'default', count: 2 }], size: 1 });
  });

  test('a key without a value (YAML null) counts as left out', () => {
    expect(read({ size: null, pools: [{ name: 'a', count: null }] })).toEqual({
      value: { pools: [{ name: 'a', count: 2 }], size: 1 },
      problems: [],
    });
  });

  test('every problem at once; wrong values then take their defaults (no knock-on problems)', () => {
    expect(read({ size: 9, pools: [{ name: 'a', count: 'x', zoen: 'b' }], extra: 1 })).toEqual({
      value: { pools: [{ name: 'a', count: 2 }], size: 1 },
      problems: [
        'clusters[0].size: must be a whole number from 1 to 5',
        'clusters[0].pools[0].count: must be a whole number from 0 to 100',
        'clusters[0].pools[0].zoen: is not a known field (did you mean "zone"?); allowed fields here: name, count, zone',
        'clusters[0].extra: is not a known field; allowed fields here: pools, size',
      ],
    });
  });

  test('a wrong list item: reported, and the list is not read further (later items keep their paths)', () => {
    const problems = new Problems();
    const value = readSection(list(integer(0, 1)), [0, 5, 1, 7], 'xs', problems);
    expect(value).toBeUndefined();
    expect(problems.all.map((p) => p.path)).toEqual(['xs[1]', 'xs[3]']);
  });

  test('a wrong required field: problems recorded, no value (nothing to resolve from)', () => {
    const result = read({ pools: [{ name: 'Bad_Name' }] });
    expect(result.value).toBeUndefined();
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toContain('clusters[0].pools[0].name: must be a DNS-1123 label');
    const top = new Problems();
    expect(readSection(cluster, 'x', '', top)).toBeUndefined();
    expect(top.all.map((p) => p.message)).toEqual(['must be an object (a YAML mapping)']);
  });

  test('withoutNulls copies plain data, drops null-valued keys, keeps list nulls and odd keys as data', () => {
    const input = JSON.parse('{"a":null,"b":[null,{"c":null}],"__proto__":1}');
    const copy = withoutNulls(input) as Record<string, unknown>;
    expect(Object.keys(copy)).toEqual(['b', '__proto__']);
    expect(copy.b).toEqual([null, {}]);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  });
});
