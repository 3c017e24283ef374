/**
 * The known name closest to a mistyped one, for "did you mean" hints: the smallest edit distance
 * (insert, delete, substitute, swap two neighbours), within a third of the name's length (at most 3;
 * names under three characters get no guess); ties go to the earlier known name. Case differences count as half an edit, so `podCIDR`
 * finds `podCidr`. Undefined when nothing is close: a wild guess helps nobody.
 */
export function closestName(given: string, known: readonly string[]): string | undefined {
  if (given.length > 64) return undefined; // no quadratic work on a long unknown key
  const limit = Math.min(3, Math.floor(given.length / 3));
  if (limit < 1) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of known) {
    const d = editDistance(given, name);
    if (d <= limit && d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}

/** Optimal string alignment distance; a substitution that only changes case costs 0.5. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) rows[i].push(i === 0 ? j : 0);
  }
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const x = a[i - 1];
      const y = b[j - 1];
      const substitution = x === y ? 0 : x.toLowerCase() === y.toLowerCase() ? 0.5 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + substitution);
      if (i > 1 && j > 1 && x === b[j - 2] && a[i - 2] === y) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
    }
  }
  return rows[a.length][b.length];
}
