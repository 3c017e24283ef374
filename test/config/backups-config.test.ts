import { ConfigError } from '../../config';
import { resolvePlatform } from '../support/berth-platform';

const withBackups = (backups: unknown) => ({ clusters: [{ name: 'main', backups }] });

function problems(input: object): string[] {
  try {
    resolvePlatform(input);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => `${p.path}: ${p.message}`);
    throw err;
  }
  return [];
}

describe('backups', () => {
  test('defaults: hourly etcd snapshots, 48 kept', () => {
    const etcd = resolvePlatform({}).clusters[0].backups.etcd;
    expect({ ...etcd, interval: etcd.interval.toString() }).toEqual({
      enabled: true,
      interval: '1h',
      keep: 48,
    });
  });

  test('reads interval, keep and enabled', () => {
    const etcd = resolvePlatform(withBackups({ etcd: { enabled: false, interval: '30m', keep: 10 } }))
      .clusters[0].backups.etcd;
    expect([etcd.enabled, etcd.interval.toSeconds(), etcd.keep]).toEqual([false, 1800, 10]);
  });

  test('reports every bad field at once, with its path, in the order of the file', () => {
    expect(problems(withBackups({ etcd: { interval: '5m', keep: 1, enabled: 'yes', every: 1 } }))).toEqual([
      'clusters[0].backups.etcd.interval: must be a duration from 15m to 1d, e.g. "1h" or "30m"',
      'clusters[0].backups.etcd.keep: must be a whole number from 2 to 1000',
      'clusters[0].backups.etcd.enabled: must be true or false (unquoted in YAML)',
      'clusters[0].backups.etcd.every: is not a known field; allowed fields here: enabled, interval, keep',
    ]);
    expect(problems(withBackups({ etcd: { intervall: '2h' } }))).toEqual([
      'clusters[0].backups.etcd.intervall: is not a known field (did you mean "interval"?); allowed fields here: enabled, interval, keep',
    ]);
    expect(problems(withBackups({ etcd: { interval: '2d' } }))).toHaveLength(1);
    expect(problems(withBackups({ velero: {} }))).toEqual([
      'clusters[0].backups.velero: is not a known field; allowed fields here: etcd, storePorts, credentialAccessRules',
    ]);
  });

  test('the object store ports backup pods may reach: Keystone and Swift, defaults or given', () => {
    expect(resolvePlatform({}).clusters[0].backups.storePorts).toEqual([443, 5000, 8080]);
    expect(
      resolvePlatform(withBackups({ storePorts: [8443, 8443, 13808] })).clusters[0].backups.storePorts,
    ).toEqual([8443, 13808]);
    expect(problems(withBackups({ storePorts: [] }))).toEqual([
      'clusters[0].backups.storePorts: must list at least one port; leave it out for the defaults',
    ]);
    expect(problems(withBackups({ storePorts: [0, 'https'] }))).toEqual([
      'clusters[0].backups.storePorts[0]: must be a whole number from 1 to 65535',
      'clusters[0].backups.storePorts[1]: must be a whole number from 1 to 65535',
    ]);
  });

  test("restricts the environments' backup credentials with access rules unless told not to", () => {
    expect(resolvePlatform({}).clusters[0].backups.credentialAccessRules).toBe(true);
    expect(
      resolvePlatform(withBackups({ credentialAccessRules: false })).clusters[0].backups
        .credentialAccessRules,
    ).toBe(false);
    expect(problems(withBackups({ credentialAccessRules: 'no' }))).toEqual([
      'clusters[0].backups.credentialAccessRules: must be true or false (unquoted in YAML)',
    ]);
  });
});
