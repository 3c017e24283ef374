import { ConfigError, INPUT_LIMITS, NOT_A_VALUE, firstInvalidUtf8, readDocument } from '../../config';
import { cpuMillisOf } from '../support/cpu-time';

function problemsOf(input: string | Uint8Array): string[] {
  const result = readDocument(typeof input === 'string' ? Buffer.from(input, 'utf8') : input);
  if (result.ok) throw new Error(`expected problems, got ${JSON.stringify(result.data)}`);
  for (const p of result.problems) expect(p.value).toBe(NOT_A_VALUE);
  return result.problems.map((p) => p.message);
}

function formatted(input: string | Uint8Array): string {
  const result = readDocument(typeof input === 'string' ? Buffer.from(input, 'utf8') : input);
  if (result.ok) throw new Error('expected problems');
  return new ConfigError(result.problems, 'p.yaml').message;
}

describe('readDocument: encodings', () => {
  test('reads UTF-8, with or without a byte order mark', () => {
    expect(readDocument(Buffer.from('name: café\n'))).toEqual({
      ok: true,
      data: { name: 'café' },
      empty: false,
    });
    expect(readDocument(Buffer.from('\ufeffname: x\n'))).toMatchObject({ ok: true, data: { name: 'x' } });
  });

  test.each([
    ['UTF-16 LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name: x\n', 'utf16le')])],
    ['UTF-16 BE', Buffer.from([0xfe, 0xff, 0, 0x6e, 0, 0x61])],
  ])('names a %s file instead of reading garbage', (_, bytes) => {
    expect(problemsOf(bytes)).toEqual(['is UTF-16 encoded; save it as UTF-8']);
  });

  test('names a file without byte order mark that holds NUL bytes', () => {
    expect(problemsOf(Buffer.from('name: x\n', 'utf16le'))[0]).toMatch(/NUL byte at offset 1 .*UTF-16/);
  });

  test.each([
    [
      'a Latin-1 é',
      Buffer.from([...Buffer.from('name: x\nimage: caf'), 0xe9, 0x0a]),
      'byte 0xe9 at line 2, column 11',
    ],
    [
      'a truncated sequence',
      Buffer.from([...Buffer.from('a: '), 0xe2, 0x82]),
      'byte 0xe2 at line 1, column 4',
    ],
    ['an overlong form', Buffer.from([...Buffer.from('a: '), 0xc0, 0xaf]), 'byte 0xc0 at line 1, column 4'],
    [
      'a UTF-8 surrogate',
      Buffer.from([...Buffer.from('a: '), 0xed, 0xa0, 0x80]),
      'byte 0xed at line 1, column 4',
    ],
  ])('refuses invalid bytes (%s) instead of turning them into U+FFFD', (_, bytes, where) => {
    expect(problemsOf(bytes)[0]).toContain(`is not valid UTF-8: ${where}`);
  });

  test('firstInvalidUtf8 accepts every well-formed sequence', () => {
    const text = Buffer.from('a é € 𝄞 z');
    expect(firstInvalidUtf8(text)).toBe(text.length);
  });

  test('refuses a file over the size limit before decoding it', () => {
    const big = Buffer.alloc(INPUT_LIMITS.fileBytes + 1, 0x61);
    expect(problemsOf(big)[0]).toMatch(/a platform file is at most 1048576 bytes/);
  });
});

describe('readDocument: YAML', () => {
  test('an empty or comments-only document is flagged empty', () => {
    expect(readDocument(Buffer.from(''))).toMatchObject({ ok: true, empty: true });
    expect(readDocument(Buffer.from('# nothing yet\n\n# still nothing\n'))).toMatchObject({
      ok: true,
      empty: true,
    });
  });

  test('a syntax error shows line, column, the whole line and a caret, never "missing"', () => {
    const message = formatted('name: acme\ncloud:\n  region: one\n region: two\n');
    expect(message).toContain('  - (top level): line 4, column 1: ');
    expect(message).toContain('\n      |  region: two\n      | ^');
    expect(message).not.toContain('missing');
    expect(message).not.toMatch(/:\s*$/m);
  });

  test('a flow mapping left open is reported with its line', () => {
    expect(problemsOf('cloud: { region: one\nname: x\n')[0]).toMatch(/^line 2, column 1: /);
  });

  test.each([
    ['!vault', 'cloud:\n  image: !vault secret/image\n'],
    ['!ENV', 'name: !ENV ${PLATFORM}\n'],
  ])('refuses the unknown tag %s instead of dropping it', (tag, text) => {
    const [message] = problemsOf(text);
    expect(message).toContain(`Unresolved tag: ${tag}`);
    expect(message).toContain('remove the tag');
    expect(message).toMatch(/^line \d+, column \d+: /);
  });

  test('refuses several documents and duplicate keys', () => {
    expect(problemsOf('name: a\n---\nname: b\n')[0]).toMatch(/multiple documents/i);
    expect(problemsOf('name: a\nname: b\n')[0]).toMatch(/unique/i);
  });

  test('refuses keys that are lists or mappings', () => {
    expect(problemsOf('? [a, b]\n: 1\n')[0]).toContain('keys must be plain names');
    expect(problemsOf('{ {x: 1}: 2 }\n')[0]).toContain('keys must be plain names');
  });

  test.each([
    [
      'nested aliases',
      [
        'a: &a [x, x, x, x, x, x, x, x, x, x]',
        ...'bcdefghij'.split('').map(
          (c, i) =>
            `${c}: &${c} [${Array(10)
              .fill(`*${String.fromCharCode(97 + i)}`)
              .join(', ')}]`,
        ),
      ].join('\n'),
    ],
    ['many aliases', `a: &a x\nb: [${Array(500).fill('*a').join(', ')}]\n`],
  ])('refuses an alias bomb (%s) with a message, not a crash', (_, text) => {
    let problems: string[] = [];
    expect(cpuMillisOf(() => (problems = problemsOf(text)))).toBeLessThan(1000);
    expect(problems[0]).toContain('expands too many YAML aliases');
  });

  test('a few aliases are fine', () => {
    expect(readDocument(Buffer.from('a: &x [1]\nb: *x\n'))).toMatchObject({
      ok: true,
      data: { a: [1], b: [1] },
    });
  });
});
