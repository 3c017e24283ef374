import { TimeSpan, isCronSchedule } from '../../../config';
import {
  BACKUP_INTERVAL_HOURS,
  backupMaxAge,
  backupPolicy,
  backupSchedule,
  backupSettingsProblems,
} from '../../../constructs/workloads/backup-policy';

describe('backup policy', () => {
  test('defaults: a daily dump, seven kept', () => {
    const policy = backupPolicy({});
    expect([policy.interval.toString(), policy.keep]).toEqual(['1d', 7]);
  });

  test('every allowed interval gives a valid schedule that runs exactly that often', () => {
    for (const hours of BACKUP_INTERVAL_HOURS) {
      const policy = backupPolicy({ every: TimeSpan.hours(hours) });
      for (const name of ['shop-database', 'jobs-cache', 'a']) {
        const schedule = backupSchedule(policy, 'dev', name);
        expect(isCronSchedule(schedule)).toBe(true);
        const [minute, hour] = schedule.split(' ');
        expect(Number(minute)).toBeGreaterThanOrEqual(0);
        const runHours =
          hour === '*'
            ? 24
            : hour.includes('/')
              ? Math.ceil((24 - Number(hour.split('-')[0])) / Number(hour.split('/')[1]))
              : 1;
        // Runs start before the step's first gap: as many runs a day as the interval allows.
        expect(runHours).toBe(24 / hours);
      }
    }
  });

  test('daily dumps run at night, and services are spread, the same on every synth', () => {
    const daily = backupPolicy({});
    const schedules = ['shop-database', 'jobs-cache', 'blog-database', 'wiki-database'].map((name) =>
      backupSchedule(daily, 'prod', name),
    );
    for (const schedule of schedules) expect(Number(schedule.split(' ')[1])).toBeGreaterThanOrEqual(1);
    for (const schedule of schedules) expect(Number(schedule.split(' ')[1])).toBeLessThanOrEqual(4);
    expect(new Set(schedules).size).toBeGreaterThan(1);
    expect(backupSchedule(daily, 'prod', 'shop-database')).toBe(schedules[0]);
  });

  test('the alert waits two intervals and half an hour', () => {
    expect(backupMaxAge(backupPolicy({ every: TimeSpan.hours(1) })).toString()).toBe('150m');
    expect(backupMaxAge(backupPolicy({})).toSeconds()).toBe(2 * 86400 + 1800);
  });

  test('problems name the field, the value and what is allowed', () => {
    expect(backupSettingsProblems({ every: TimeSpan.seconds(90 * 60), keep: 2.5 })).toEqual([
      {
        field: 'every',
        value: '90m',
        message: 'must be 1, 2, 3, 4, 6, 8, 12 hours or a day, e.g. TimeSpan.hours(6) or TimeSpan.days(1)',
      },
      { field: 'keep', value: 2.5, message: 'must be a whole number of dumps from 1 to 1000' },
    ]);
    expect(backupSettingsProblems({ every: '1d' as never })).toHaveLength(1);
    expect(backupSettingsProblems({ keep: 1001 })).toHaveLength(1);
    expect(() => backupPolicy({ keep: 0 })).toThrow('invalid backup: keep must be a whole number');
  });
});
