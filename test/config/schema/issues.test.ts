import { Problems } from '../../../config/problems';
import {
  addIssues,
  fieldsAt,
  integer,
  issuesToProblems,
  list,
  name,
  pathOf,
  section,
  stringMap,
  unknownFieldMessage,
  valueAt,
  withDefault,
  z,
} from '../../../config/schema';

const pool = section({ name: name(), count: withDefault(integer(0, 100), 2) });
const schema = section({ pools: list(pool), 'odd-key': withDefault(integer(0, 1), 0) });

function issuesOf(input: unknown) {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected issues');
  return result.error.issues;
}

describe('zod issues as problems', () => {
  test('paths: dotted keys, quoted when not identifiers, indices in brackets, under a base', () => {
    expect(pathOf('clusters[0]', ['pools', 1, 'name'])).toBe('clusters[0].pools[1].name');
    expect(pathOf('', ['odd-key'])).toBe('"odd-key"');
    expect(pathOf('zones', ['corp.example.com', 0])).toBe('zones["corp.example.com"][0]');
    expect(pathOf('', [])).toBe('');
  });

  test('values are looked up in the input; own keys only', () => {
    expect(valueAt({ a: [{ b: 3 }] }, ['a', 0, 'b'])).toBe(3);
    expect(valueAt({ a: 1 }, ['a', 'b'])).toBeUndefined();
    expect(valueAt({}, ['toString'])).toBeUndefined();
  });

  test('the known fields of the mapping at a path, through lists and defaults', () => {
    expect(fieldsAt(schema, [])).toEqual(['pools', 'odd-key']);
    expect(fieldsAt(schema, ['pools', 3])).toEqual(['name', 'count']);
    expect(fieldsAt(schema, ['pools', 3, 'name'])).toEqual([]);
  });

  test('an unknown key: one problem per key, with its value, a guess and every known field', () => {
    const input = { pools: [{ name: 'a', cont: 3, zzz: 1 }] };
    expect(issuesToProblems(issuesOf(input), input, schema, 'clusters[0]')).toEqual([
      {
        path: 'clusters[0].pools[0].cont',
        value: 3,
        message: 'is not a known field (did you mean "count"?); allowed fields here: name, count',
      },
      {
        path: 'clusters[0].pools[0].zzz',
        value: 1,
        message: 'is not a known field; allowed fields here: name, count',
      },
    ]);
    expect(unknownFieldMessage('nme', ['name'])).toBe(
      'is not a known field (did you mean "name"?); allowed fields here: name',
    );
  });

  test('a check may show another value and name a place inside its field', () => {
    const checked = section({
      labels: stringMap().check(
        z.check<Record<string, string>>((payload) => {
          payload.issues.push({
            code: 'custom',
            message: 'is refused',
            input: payload.value,
            params: { shown: 'a/b', suffix: '["a/b"]' },
          });
        }),
      ),
    });
    const input = { labels: { 'a/b': 'x' } };
    const result = checked.safeParse(input);
    expect(result.success).toBe(false);
    expect(issuesToProblems(result.error!.issues, input, checked, 'pool')).toEqual([
      { path: 'pool.labels["a/b"]', value: 'a/b', message: 'is refused' },
    ]);
  });

  test("a mapping's key that breaks the key rule: the key is the value, with the key rule's message", () => {
    const zones = z.record(
      z.string().check(z.regex(/^[a-z.]+$/, { error: 'must be a lower-case domain' })),
      list(name()),
      {
        error: 'must be a mapping',
      },
    );
    const input = { 'Corp.Example': ['a'], 'ok.example': ['b'] };
    const result = zones.safeParse(input);
    expect(result.success).toBe(false);
    expect(issuesToProblems(result.error!.issues, input, zones, 'zones')).toEqual([
      { path: 'zones["Corp.Example"]', value: 'Corp.Example', message: 'must be a lower-case domain' },
    ]);
  });

  test('problems follow the order of the document, not of the schema', () => {
    const input = { 'odd-key': 5, pools: [{ count: -1, name: 'B' }] };
    const problems = new Problems();
    addIssues(problems, issuesOf(input), input, schema, '');
    expect(problems.all.map((p) => [p.path, p.value])).toEqual([
      ['"odd-key"', 5],
      ['pools[0].count', -1],
      ['pools[0].name', 'B'],
    ]);
  });
});
