/** Samples for the tests that compare Berth's YAML writers with the yaml library. */

/** Strings the yaml library writes plain, quoted, as block scalars or with indicators. */
export const STRINGS = [
  '',
  ' ',
  'a',
  'plain text',
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  'true',
  'False',
  'null',
  '~',
  'NULL',
  '0',
  '1',
  '-1',
  '1.5',
  '.5',
  '1e3',
  '0x1f',
  '0o17',
  '017',
  '1_000',
  '12:30',
  '12:30:00',
  '2024-01-01',
  '.inf',
  '-.inf',
  '.nan',
  'a: b',
  'a:b',
  'a #b',
  '#x',
  '- x',
  '-x',
  '-',
  '?',
  '? x',
  ':',
  'x:',
  '@x',
  '`x',
  '!x',
  '&x',
  '*x',
  '|',
  '>',
  "'q'",
  '"q"',
  '%x',
  '{a}',
  '[a]',
  'a, b',
  'trailing ',
  ' leading',
  'tab\there',
  'ümlaut ✓',
  'ctrl\u0001',
  'line\nline',
  'line\n',
  'line\n\n',
  '\nline',
  'a\n\nb',
  '  indented\nnext',
  'x\n  y\n',
  'echo $${HOME}\nexit 0\n',
  'k: v\n- x\n',
  'a\r\nb',
  '---',
  '...',
  'a\n---\nb',
  'a\n%b',
  '%YAML 1.1\n---\nk: v\n',
  'x\n...\n',
  '  lead\n---\nx',
  'line \nnext',
  'ends in spaces\n  ',
  '\ttab first\nline',
  '-0',
  'e-5',
  'E+3',
  'Yes it is',
  'a ~ b',
  'a\tb',
  'registry/app@sha256:0f3e',
  'up{job="x",k=~"a|b"} == 0',
  'x'.repeat(300),
  `long ${'word '.repeat(60)}`,
];
export const NUMBERS = [0, -0, 1, -1, 1.5, 0.1, 1e21, 1e-7, 123456789, 2 ** 53];

/** A small deterministic random generator (mulberry32). */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random JSON value: mostly tricky strings, some numbers and literals, nested up to five levels. */
export function randomValue(next: () => number, depth: number): unknown {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const r = next();
  if (depth > 4 || r < 0.45) {
    const s = next();
    if (s < 0.7) return pick(STRINGS);
    if (s < 0.85) return pick(NUMBERS);
    return pick([true, false, null]);
  }
  const size = Math.floor(next() * 4);
  if (r < 0.7) {
    const object: Record<string, unknown> = {};
    for (let i = 0; i < size; i++) object[pick(STRINGS)] = randomValue(next, depth + 1);
    return object;
  }
  return Array.from({ length: size }, () => randomValue(next, depth + 1));
}
