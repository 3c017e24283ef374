import { promotionSources } from '../../config';
import { resolvePlatform } from '../support/berth-platform';

function sourcesOf(environments: unknown[]): Record<string, readonly string[]> {
  const platform = resolvePlatform({ environments });
  return Object.fromEntries(
    platform.environments.map((e) => [e.name, promotionSources(e, platform.environments)]),
  );
}

describe('promotionSources', () => {
  test('default: prod promotes from test, then dev; other environments promote from nothing', () => {
    expect(sourcesOf([{ name: 'dev' }, { name: 'test' }, { name: 'prod' }])).toEqual({
      dev: [],
      test: [],
      prod: ['test', 'dev'],
    });
  });

  test('an added staging comes first, the older environments stay behind it', () => {
    expect(
      sourcesOf([{ name: 'dev' }, { name: 'test' }, { name: 'staging' }, { name: 'prod' }]).prod,
    ).toEqual(['staging', 'test', 'dev']);
  });

  test('explicit promotesFrom is followed, then the list order', () => {
    expect(
      sourcesOf([
        { name: 'dev' },
        { name: 'qa' },
        { name: 'uat', promotesFrom: 'dev' },
        { name: 'live', production: true, promotesFrom: 'uat' },
      ]).live,
    ).toEqual(['uat', 'dev']);
  });
});
