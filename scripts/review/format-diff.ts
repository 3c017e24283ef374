/** A plan diff as text for people and JSON for CI, and the exit code a CI job acts on. */
import { ChangeKind, PlatformChange, PlatformDiff, Risk } from './platform-change';

/** Exit codes of `npm run diff`. */
export enum DiffExitCode {
  NO_CHANGE = 0,
  CHANGES = 1,
  ERROR = 2,
  DANGEROUS = 3,
}

export function exitCodeOf(diff: PlatformDiff): DiffExitCode {
  if (diff.changes.some((c) => c.risk === Risk.DANGEROUS)) return DiffExitCode.DANGEROUS;
  return diff.changes.length > 0 ? DiffExitCode.CHANGES : DiffExitCode.NO_CHANGE;
}

const MARK: Readonly<Record<ChangeKind, string>> = {
  [ChangeKind.ADDED]: '+',
  [ChangeKind.REMOVED]: '-',
  [ChangeKind.REPLACED]: '±',
  [ChangeKind.CHANGED]: '~',
  [ChangeKind.IGNORED]: '=',
};

export interface FormatOptions {
  /** Header line naming what was compared. */
  readonly title?: string;
  /** Longest template diff shown per change. @default 60 lines */
  readonly maxDetailLines?: number;
}

/** The diff as text, per cluster and scope, "no change" where nothing changes. */
export function formatDiff(diff: PlatformDiff, options: FormatOptions = {}): string {
  const max = options.maxDetailLines ?? 60;
  const out: string[] = [];
  if (options.title) out.push(options.title, '');
  let cluster: string | undefined;
  for (const { cluster: c, scope } of diff.scopes) {
    if (c !== cluster) {
      if (cluster !== undefined) out.push('');
      out.push(`cluster ${c}`);
      cluster = c;
    }
    const changes = diff.changes.filter((x) => x.cluster === c && x.scope === scope);
    if (changes.length === 0) {
      out.push(`  ${scope}: no change`);
      continue;
    }
    out.push(`  ${scope}:`);
    for (const change of changes) out.push(...formatChange(change, max));
  }
  if (diff.scopes.length === 0) out.push('nothing synthesized on either side: no change');
  out.push('', summaryLine(diff));
  return `${out.join('\n')}\n`;
}

function formatChange(change: PlatformChange, max: number): string[] {
  const flag =
    change.risk === Risk.DANGEROUS ? 'DANGEROUS ' : change.risk === Risk.DISRUPTIVE ? 'disruptive ' : '';
  const lines = [`    ${MARK[change.kind]} ${flag}${change.subject} ${change.verb ?? change.kind}`];
  for (const reason of change.reasons) lines.push(`        ${reason}`);
  const details = change.details.slice(0, max).map((l) => `          ${l}`);
  if (change.details.length > max)
    details.push(`          ... ${change.details.length - max} more lines (--json has them all)`);
  return [...lines, ...details];
}

export function summaryLine(diff: PlatformDiff): string {
  const n = diff.changes.length;
  if (n === 0) return 'No change.';
  const dangerous = diff.changes.filter((c) => c.risk === Risk.DANGEROUS).length;
  const disruptive = diff.changes.filter((c) => c.risk === Risk.DISRUPTIVE).length;
  const ignored = diff.changes.filter((c) => c.kind === ChangeKind.IGNORED).length;
  const parts = [`${n} change${n > 1 ? 's' : ''}`];
  if (dangerous) parts.push(`${dangerous} DANGEROUS`);
  if (disruptive) parts.push(`${disruptive} disruptive`);
  if (ignored) parts.push(`${ignored} ignored by lifecycle rules`);
  return `${parts.join(', ')}.`;
}

/** The diff for CI: stable key order, the exit code and a one-line summary included. */
export function diffJson(diff: PlatformDiff, extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify(
    {
      ...extra,
      summary: summaryLine(diff),
      exitCode: exitCodeOf(diff),
      dangerous: diff.changes.some((c) => c.risk === Risk.DANGEROUS),
      scopes: diff.scopes.map((s) => ({
        ...s,
        changes: diff.changes.filter((c) => c.cluster === s.cluster && c.scope === s.scope).length,
      })),
      changes: diff.changes,
    },
    null,
    2,
  )}\n`;
}
