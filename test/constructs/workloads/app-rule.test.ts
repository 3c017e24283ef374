import { at, hasAny, keyed, listed, rule, when } from '../../../constructs/workloads/app-rule';
import { AppProps } from '../../../constructs/workloads/app-props';
import { AppImage } from '../../../constructs/workloads/app-image';
import { workloadEnvironment } from '../../support/environments';

const APP = {
  props: { environment: workloadEnvironment('dev'), image: AppImage.tag('team/shop', '1') } as AppProps,
  name: 'shop',
};

describe('rule', () => {
  test('reports each message of each entry at its path, nothing for entries that meet it', () => {
    const even = rule(
      'numbers[i]',
      () => listed('numbers', [1, 2, 3]),
      (n) => when(n % 2 === 1, `${n} must be even`),
    );
    expect(even.field).toBe('numbers[i]');
    expect(even.check(APP)).toEqual([
      { path: 'numbers[0]', message: '1 must be even' },
      { path: 'numbers[2]', message: '3 must be even' },
    ]);
  });

  test('sees the app: its props and its name', () => {
    const named = rule(
      'name',
      (app) => at('name', app.name),
      (name, app) => [`${name} in ${app.props.environment.name}`],
    );
    expect(named.check(APP)).toEqual([{ path: 'name', message: 'shop in dev' }]);
  });
});

describe('entries', () => {
  test('at: one entry, none for an absent field', () => {
    expect(at('web.port', 8080)).toEqual([['web.port', 8080]]);
    expect(at('web.port', undefined)).toEqual([]);
  });

  test('keyed and listed: one entry per key or item, none for an absent map or list', () => {
    expect(keyed('env', { A: '1', B: '2' })).toEqual([
      ['env.A', '1'],
      ['env.B', '2'],
    ]);
    expect(keyed('env', undefined)).toEqual([]);
    expect(listed('allowFrom', ['a', 'b'])).toEqual([
      ['allowFrom[0]', 'a'],
      ['allowFrom[1]', 'b'],
    ]);
    expect(listed('allowFrom', undefined)).toEqual([]);
  });

  test('hasAny: true for a map or list with entries, else nothing to check', () => {
    expect(hasAny({ a: 1 })).toBe(true);
    expect(hasAny(['x'])).toBe(true);
    expect(hasAny({})).toBeUndefined();
    expect(hasAny([])).toBeUndefined();
    expect(hasAny(undefined)).toBeUndefined();
  });
});
