import { TimeSpan } from '../../config';

/** How often a backing service is dumped, and how many dumps are kept: the `backup` option of a service. */
export interface BackupSettings {
  /**
   * Time between two dumps: 1, 2, 3, 4, 6, 8 or 12 hours, or a day (`TimeSpan.hours(6)`).
   * @default TimeSpan.days(1)
   */
  readonly every?: TimeSpan;
  /**
   * Dumps kept; older ones are deleted after each successful dump.
   * @default 7
   */
  readonly keep?: number;
}

/** A validated backup policy. */
export interface BackupPolicy {
  readonly interval: TimeSpan;
  readonly keep: number;
}

export const DEFAULT_BACKUP_POLICY: BackupPolicy = { interval: TimeSpan.days(1), keep: 7 };

/** Intervals a CronJob schedule can keep exactly (hours dividing a day), in hours. */
export const BACKUP_INTERVAL_HOURS: readonly number[] = [1, 2, 3, 4, 6, 8, 12, 24];
const KEEP_BOUNDS = { min: 1, max: 1000 };

/** A problem with one field of `BackupSettings`. */
export interface BackupSettingsProblem {
  readonly field: keyof BackupSettings;
  readonly value: unknown;
  readonly message: string;
}

/** Every problem of `settings` (empty when valid). */
export function backupSettingsProblems(settings: BackupSettings): BackupSettingsProblem[] {
  const problems: BackupSettingsProblem[] = [];
  const every = settings.every;
  if (every !== undefined) {
    const seconds = every instanceof TimeSpan ? every.toSeconds() : NaN;
    if (!BACKUP_INTERVAL_HOURS.some((hours) => hours * 3600 === seconds)) {
      problems.push({
        field: 'every',
        value: every instanceof TimeSpan ? every.toString() : every,
        message: `must be ${BACKUP_INTERVAL_HOURS.slice(0, -1).join(', ')} hours or a day, e.g. TimeSpan.hours(6) or TimeSpan.days(1)`,
      });
    }
  }
  const keep = settings.keep;
  if (keep !== undefined && !(Number.isInteger(keep) && keep >= KEEP_BOUNDS.min && keep <= KEEP_BOUNDS.max)) {
    problems.push({
      field: 'keep',
      value: keep,
      message: `must be a whole number of dumps from ${KEEP_BOUNDS.min} to ${KEEP_BOUNDS.max}`,
    });
  }
  return problems;
}

/** The policy of valid `settings`, defaults applied; throws on invalid ones (check them first). */
export function backupPolicy(settings: BackupSettings): BackupPolicy {
  const problems = backupSettingsProblems(settings);
  if (problems.length > 0) {
    throw new Error(`invalid backup: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
  }
  return {
    interval: settings.every ?? DEFAULT_BACKUP_POLICY.interval,
    keep: settings.keep ?? DEFAULT_BACKUP_POLICY.keep,
  };
}

/** A stable number from a name, to spread the services' dumps over the hour (and the night). */
function spread(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) % 1_000_003;
  return hash;
}

/**
 * The CronJob schedule (UTC) of `policy` for the service `name` in `namespace`: a minute derived from
 * the names, so that services do not all dump at once; daily dumps run between 01:00 and 04:59.
 */
export function backupSchedule(policy: BackupPolicy, namespace: string, name: string): string {
  const seed = spread(`${namespace}/${name}`);
  const minute = seed % 60;
  const hours = policy.interval.toSeconds() / 3600;
  if (hours === 24) return `${minute} ${1 + (Math.floor(seed / 60) % 4)} * * *`;
  if (hours === 1) return `${minute} * * * *`;
  return `${minute} ${Math.floor(seed / 60) % hours}-23/${hours} * * *`;
}

/**
 * How old the newest stored dump may get before the alert fires: two missed runs plus half an hour, so
 * that one failed run (a network blip) pages no one.
 */
export function backupMaxAge(policy: BackupPolicy): TimeSpan {
  return TimeSpan.seconds(2 * policy.interval.toSeconds() + 30 * 60);
}
