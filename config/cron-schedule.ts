/**
 * Kubernetes CronJob schedules (robfig/cron's standard parser): five fields, minute hour day-of-month
 * month day-of-week, each `*`, a value, a range `a-b`, a step `x/n`, or a comma list of them; month and
 * weekday names (`jan`, `mon`); or a macro such as `@daily`. Checked field by field, without patterns
 * that could backtrack.
 */
export const CRON_ALLOWED =
  'a cron schedule of five fields, "minute hour day-of-month month day-of-week", e.g. "30 3 * * 0", or @hourly, @daily, @weekly, @monthly, @yearly';

const MACROS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Each field's bounds, and its names (counted from `min`). */
const FIELDS: readonly { readonly min: number; readonly max: number; readonly names?: readonly string[] }[] =
  [
    { min: 0, max: 59 },
    { min: 0, max: 23 },
    { min: 1, max: 31 },
    { min: 1, max: 12, names: MONTHS },
    { min: 0, max: 7, names: DAYS },
  ];

/** Whether `text` is a schedule a Kubernetes CronJob accepts. */
export function isCronSchedule(text: string): boolean {
  if (text.length > 100) return false;
  if (MACROS.includes(text)) return true;
  const fields = text.trim().split(/\s+/);
  return (
    fields.length === 5 &&
    fields.every((field, i) => field.split(',').every((part) => isPart(part, FIELDS[i])))
  );
}

function isPart(part: string, bounds: (typeof FIELDS)[number]): boolean {
  const [range, step, extra] = part.split('/');
  if (extra !== undefined) return false;
  if (step !== undefined && !(isNumber(step) && Number(step) >= 1 && Number(step) <= bounds.max))
    return false;
  if (range === '*' || range === '?') return true;
  const [from, to, more] = range.split('-');
  if (more !== undefined) return false;
  const a = value(from, bounds);
  if (a === undefined) return false;
  if (to === undefined) return true;
  const b = value(to, bounds);
  return b !== undefined && a <= b;
}

function value(text: string, bounds: (typeof FIELDS)[number]): number | undefined {
  const named = bounds.names?.indexOf(text.toLowerCase()) ?? -1;
  if (named >= 0) return named + bounds.min;
  if (!isNumber(text)) return undefined;
  const n = Number(text);
  return n >= bounds.min && n <= bounds.max ? n : undefined;
}

function isNumber(text: string): boolean {
  return /^\d{1,2}$/.test(text);
}
