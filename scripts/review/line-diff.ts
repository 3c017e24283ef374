/** A unified line diff of two texts, small enough to read in a review (no dependency). */

export interface DiffHunk {
  /** 1-based first line of the hunk in the old and the new text. */
  readonly oldStart: number;
  readonly newStart: number;
  /** Lines prefixed with " ", "-" or "+". */
  readonly lines: readonly string[];
}

/** Texts longer than this many lines on both sides are compared line set against line set instead. */
const MAX_LINES = 4000;

/** Hunks of changed lines with `context` unchanged lines around each; none when the texts are equal. */
export function lineDiff(before: string, after: string, context = 2): DiffHunk[] {
  if (before === after) return [];
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = a.length * b.length > MAX_LINES * MAX_LINES ? naiveOps(a, b) : lcsOps(a, b);
  const hunks: DiffHunk[] = [];
  let i = 0;
  while (i < ops.length) {
    if (ops[i].kind === ' ') {
      i++;
      continue;
    }
    let start = Math.max(0, i - context);
    // Extend over changes closer than 2 * context lines apart.
    let end = i;
    for (let j = i; j < ops.length; j++) {
      if (ops[j].kind !== ' ') end = j;
      else if (j - end > 2 * context) break;
    }
    const stop = Math.min(ops.length, end + context + 1);
    if (hunks.length > 0 && start < 0) start = 0;
    const slice = ops.slice(start, stop);
    hunks.push({
      oldStart: slice[0].oldLine,
      newStart: slice[0].newLine,
      lines: slice.map((op) => `${op.kind}${op.text}`),
    });
    i = stop;
  }
  return hunks;
}

/** The hunks as text, `@@ -a +b @@` headers included. */
export function formatHunks(hunks: readonly DiffHunk[]): string[] {
  return hunks.flatMap((h) => [`@@ -${h.oldStart} +${h.newStart} @@`, ...h.lines]);
}

interface Op {
  readonly kind: ' ' | '-' | '+';
  readonly text: string;
  readonly oldLine: number;
  readonly newLine: number;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function lcsOps(a: readonly string[], b: readonly string[]): Op[] {
  // Common prefix and suffix first: most diffs touch a few lines of long files.
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  )
    suffix++;
  const x = a.slice(prefix, a.length - suffix);
  const y = b.slice(prefix, b.length - suffix);
  const n = x.length;
  const m = y.length;
  const table: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i][j] = x[i] === y[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const ops: Op[] = [];
  let oldLine = 1;
  let newLine = 1;
  const push = (kind: Op['kind'], text: string) => {
    ops.push({ kind, text, oldLine, newLine });
    if (kind !== '+') oldLine++;
    if (kind !== '-') newLine++;
  };
  for (let k = 0; k < prefix; k++) push(' ', a[k]);
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      push(' ', x[i]);
      i++;
      j++;
    } else if (j < m && (i >= n || table[i][j + 1] >= table[i + 1][j])) {
      push('+', y[j++]);
    } else {
      push('-', x[i++]);
    }
  }
  for (let k = a.length - suffix; k < a.length; k++) push(' ', a[k]);
  return reorder(ops);
}

/** Within each run of changes, removals before additions (as `diff -u` prints them). */
function reorder(ops: Op[]): Op[] {
  const out: Op[] = [];
  let run: Op[] = [];
  const flush = () => {
    out.push(...run.filter((o) => o.kind === '-'), ...run.filter((o) => o.kind === '+'));
    run = [];
  };
  for (const op of ops) {
    if (op.kind === ' ') {
      flush();
      out.push(op);
    } else run.push(op);
  }
  flush();
  return out;
}

function naiveOps(a: readonly string[], b: readonly string[]): Op[] {
  const inB = new Set(b);
  const inA = new Set(a);
  return [
    ...a
      .filter((l) => !inB.has(l))
      .map((text, i) => ({ kind: '-' as const, text, oldLine: i + 1, newLine: 1 })),
    ...b
      .filter((l) => !inA.has(l))
      .map((text, i) => ({ kind: '+' as const, text, oldLine: 1, newLine: i + 1 })),
  ];
}
