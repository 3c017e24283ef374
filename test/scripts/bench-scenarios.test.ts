import { resolvePlatform } from '../support/berth-platform';
import { APP_COUNTS, BENCH_SCENARIOS, SCALED_VMS, appsScenario } from '../../scripts/bench-scenarios';

/** `npm run bench` fails on a scenario the platform's rules reject: each must stay valid as they change. */
describe('bench scenarios', () => {
  test.each(BENCH_SCENARIOS.map((s) => [s.name, s]))('%s is a valid platform', (_name, scenario) => {
    expect(() => resolvePlatform(scenario.platform)).not.toThrow();
  });

  test('the default platform, 300 VMs, and 10, 100 and 1,000 apps besides the samples', () => {
    const vms = (index: number) =>
      resolvePlatform(BENCH_SCENARIOS[index].platform).clusters.reduce(
        (sum, c) => sum + c.masters.count + c.minionPools.reduce((n, p) => n + p.count, 0),
        0,
      );
    expect(BENCH_SCENARIOS[0].platform).toEqual({});
    expect(vms(1)).toBe(SCALED_VMS);
    expect(SCALED_VMS).toBe(300);
    expect(APP_COUNTS).toEqual([10, 100, 1000]);
    const samples = BENCH_SCENARIOS[0].apps.length;
    expect(BENCH_SCENARIOS.slice(2).map((s) => s.apps.length - samples)).toEqual([10, 100, 1000]);
  });

  test('the app scenarios have minions and quotas for their pods', () => {
    const platform = resolvePlatform(appsScenario(1000).platform);
    const minions = platform.clusters[0].minionPools.reduce((n, p) => n + p.count, 0);
    for (const env of platform.environments) {
      expect(env.quota.pods).toBeGreaterThanOrEqual(4 * 1000);
      expect(env.quota.pods).toBeLessThanOrEqual(minions * 110);
    }
  });
});
