import * as YAML from 'yaml';
import { INPUT_LIMITS } from './input-limits';
import { NOT_A_VALUE, Problem, TOP_LEVEL } from './problems';

/** The outcome of reading a platform file's bytes: its data, or every problem that prevents reading it. */
export type DocumentRead =
  | { readonly ok: true; readonly data: unknown; readonly empty: boolean }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/**
 * Turns a platform file's bytes into plain data: checks the size, decodes strict UTF-8 (no byte is
 * silently replaced), parses YAML 1.2 (JSON is YAML) with unique keys, and refuses what YAML would
 * otherwise drop or expand without a word: unknown tags (`!vault`), complex keys, several documents,
 * alias bombs. Never throws; problems carry line and column and the offending line.
 */
export function readDocument(bytes: Uint8Array): DocumentRead {
  if (bytes.length > INPUT_LIMITS.fileBytes) {
    return fail(
      `is ${bytes.length} bytes; a platform file is at most ${INPUT_LIMITS.fileBytes} bytes (1 MiB)`,
    );
  }
  const text = decode(bytes);
  if (typeof text !== 'string') return { ok: false, problems: [text] };

  let doc: YAML.Document.Parsed;
  try {
    doc = YAML.parseDocument(text, { uniqueKeys: true, prettyErrors: true, strict: true, version: '1.2' });
  } catch (err) {
    return fail(`cannot be parsed as YAML: ${(err as Error).message}`);
  }
  const problems: Problem[] = [...doc.errors, ...doc.warnings].map((e) => yamlProblem(e, text));
  YAML.visit(doc, {
    Pair(_, pair) {
      if (!YAML.isScalar(pair.key) && pair.key !== null) {
        problems.push(atNode(text, pair.key as YAML.Node, 'keys must be plain names, not lists or mappings'));
      }
    },
  });
  if (problems.length > 0) return { ok: false, problems };

  try {
    const data: unknown = doc.toJS({ maxAliasCount: INPUT_LIMITS.aliases });
    return { ok: true, data, empty: doc.contents === null };
  } catch (err) {
    // The yaml library throws on an alias bomb ("Excessive alias count ...").
    return fail(
      `expands too many YAML aliases (${(err as Error).message}); write the values out or use fewer aliases`,
    );
  }
}

function fail(message: string): DocumentRead {
  return { ok: false, problems: [{ path: TOP_LEVEL, value: NOT_A_VALUE, message }] };
}

/** Strict UTF-8 (a UTF-8 byte order mark is allowed); a problem names the encoding or the first bad byte. */
function decode(bytes: Uint8Array): string | Problem {
  const problem = (message: string): Problem => ({ path: TOP_LEVEL, value: NOT_A_VALUE, message });
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return problem('is UTF-16 encoded; save it as UTF-8');
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return problem(
      `contains a NUL byte at offset ${nul}${nul < 4 ? ' (UTF-16 or UTF-32 without a byte order mark?)' : ''}; save it as UTF-8 text`,
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const before = Buffer.from(bytes.subarray(0, offset)).toString('utf8');
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return problem(
      `is not valid UTF-8: byte 0x${bytes[offset].toString(16)} at line ${line}, column ${column} (Latin-1 or another legacy encoding?); save it as UTF-8`,
    );
  }
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    // Overlong, surrogate and out-of-range forms.
    if (b === 0xe0 && bytes[i + 1] < 0xa0) return i;
    if (b === 0xed && bytes[i + 1] > 0x9f) return i;
    if (b === 0xf0 && bytes[i + 1] < 0x90) return i;
    if (b === 0xf4 && bytes[i + 1] > 0x8f) return i;
    i += length;
  }
  return bytes.length;
}

/** A YAML error or warning with its position and the whole offending line, caret under the column. */
function yamlProblem(error: YAML.YAMLError, text: string): Problem {
  const first = error.message.split(' at line ')[0].split('\n')[0];
  const message =
    error.code === 'TAG_RESOLVE_FAILED' ? `${first}: Berth reads plain YAML; remove the tag` : first;
  const pos = error.linePos?.[0];
  if (!pos) return { path: TOP_LEVEL, value: NOT_A_VALUE, message };
  return { path: TOP_LEVEL, value: NOT_A_VALUE, message: excerpt(text, pos.line, pos.col, message) };
}

function atNode(text: string, node: YAML.Node, message: string): Problem {
  const offset = node.range?.[0] ?? 0;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return {
    path: TOP_LEVEL,
    value: NOT_A_VALUE,
    message: excerpt(text, line, offset - before.lastIndexOf('\n'), message),
  };
}

function excerpt(text: string, line: number, col: number, message: string): string {
  const source = (text.split(/\r?\n/)[line - 1] ?? '').slice(0, 160);
  return `line ${line}, column ${col}: ${message}\n| ${source}\n| ${' '.repeat(Math.max(col - 1, 0))}^`;
}
