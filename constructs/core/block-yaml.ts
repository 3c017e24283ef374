import * as YAML from 'yaml';

/** The options of `YAML.stringify` a {@link BlockYaml} writes with. */
export type BlockYamlOptions = YAML.DocumentOptions &
  YAML.SchemaOptions &
  YAML.ParseOptions &
  YAML.CreateNodeOptions &
  YAML.ToStringOptions;

/** How the library writes `---` and `...` at the start of a key depends on the depth: left to it. */
const DOCUMENT_MARKER = /(^|\n)(---|\.\.\.)/;

/**
 * A string every option set writes as it is, as a key or a value, unless it quotes strings (keys) by
 * default (`defaultStringType`, `defaultKeyType`): it starts with a letter and has no
 * character YAML gives a meaning to, and it is none of YAML 1.1's and 1.2's booleans or nulls (in any
 * case: what the library would write plain anyway is just asked), nor YAML 1.1's float `e5`. Other
 * numbers, dates and `.inf` start with a digit, a sign or a dot.
 */
const PLAIN_WORD = /^[a-zA-Z][a-zA-Z0-9._/-]{0,200}$/;
const RESERVED_WORD = /^(?:y|n|yes|no|on|off|true|false|null|e[-+]?[0-9]+)$/i;

function isPlainWord(text: string): boolean {
  return PLAIN_WORD.test(text) && !RESERVED_WORD.test(text);
}

/**
 * A value (not a key) the library writes as it is when it folds no line (`lineWidth: 0`), with the
 * default schema and plain strings: a letter or a slash (a path), then printable ASCII holding none of
 * the sequences that end a plain scalar (`: `, ` #`, a trailing space or colon), and no reserved word.
 * Such as a sentence, an image reference, a query or a file's path: what most distinct values of an app's
 * objects and a node's files are. (No number, date or other scalar of YAML 1.1 or 1.2 starts with a slash.)
 */
const PLAIN_TEXT = /^[a-zA-Z/][\x20-\x7e]*$/;
const PLAIN_TEXT_END = /: | #|[ :]$/;

function isPlainText(text: string): boolean {
  return PLAIN_TEXT.test(text) && !PLAIN_TEXT_END.test(text) && !RESERVED_WORD.test(text);
}

/**
 * A value (not a key) the library writes between double quotes as it is when strings are double-quoted
 * and no line is folded: printable ASCII without a quote or a backslash, which are the only characters
 * of it JSON escapes.
 */
const QUOTABLE_TEXT = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * The options under which a scalar value is known without asking the library: with no line folded
 * (`lineWidth: 0`) and YAML 1.1 or 1.2's schema, none of them changes how a single-line string, a finite
 * number, a boolean or null is written (`blockQuote` is for multi-line strings, the string types are read
 * by {@link BlockYaml}'s constructor). Numbers are then written as JavaScript writes them, booleans and null
 * as `true`, `false` and `null`.
 */
const SCALAR_NEUTRAL_OPTIONS = new Set([
  'keepUndefined',
  'lineWidth',
  'minContentWidth',
  'version',
  'aliasDuplicateObjects',
  'blockQuote',
  'defaultStringType',
  'defaultKeyType',
]);

/** A value the fast path leaves to the yaml library: the whole document is then written by it. */
class Unusual extends Error {}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

/**
 * The YAML `YAML.stringify(doc, options)` writes, byte for byte, several times faster: the block structure
 * of plain JSON data (mappings, sequences, their indentation) is written here, every scalar and key as the
 * library writes it with the same options, asked once per distinct value and remembered (a plain word,
 * such as a name or a label, is known without asking, and so is plain text, such as a sentence or an
 * image reference, under options that fold no line). A document
 * holding anything unusual is left to the library whole: `undefined`, `-0`, a non-finite number, a
 * document marker in a key, a key too long for one line, an empty document, a scalar document,
 * and, unless `aliasDuplicateObjects` is false, an object or list met twice (the library writes an alias).
 *
 * `test/constructs/core/block-yaml.test.ts` compares it with the library on tricky strings and thousands of
 * random documents for each option set Berth uses.
 */
export class BlockYaml {
  private readonly values = new Map<unknown, string>();
  private readonly keys = new Map<string, string>();

  /** Whether a number, boolean or null value is known without asking (see SCALAR_NEUTRAL_OPTIONS). */
  private readonly knownScalars: boolean;
  /** Whether a value that {@link isPlainText} is known without asking: strings are plain. */
  private readonly plainText: boolean;
  /** Whether a value that is {@link QUOTABLE_TEXT} is known without asking: strings are double-quoted. */
  private readonly quotedText: boolean;
  /** Whether a value that {@link isPlainWord} is known without asking: not when strings are quoted. */
  private readonly plainWords: boolean;
  /** Whether a key that {@link isPlainWord} is known without asking: not when keys are quoted. */
  private readonly plainKeys: boolean;

  constructor(private readonly options: BlockYamlOptions) {
    const strings = options.defaultStringType ?? 'PLAIN';
    this.plainWords = strings === 'PLAIN';
    this.plainKeys = (options.defaultKeyType ?? strings) === 'PLAIN';
    this.knownScalars =
      options.lineWidth === 0 &&
      (options.version ?? '1.2') in { '1.1': 1, '1.2': 1 } &&
      Object.keys(options).every((option) => SCALAR_NEUTRAL_OPTIONS.has(option));
    this.plainText = this.knownScalars && strings === 'PLAIN';
    this.quotedText = this.knownScalars && strings === 'QUOTE_DOUBLE';
  }

  /** `YAML.stringify(doc, options)`. */
  public stringify(doc: unknown): string {
    return this.tryStringify(doc) ?? YAML.stringify(doc, this.options);
  }

  /** What {@link stringify} writes itself, or `undefined` for a document it leaves to the library. */
  public tryStringify(doc: unknown): string | undefined {
    try {
      if (isScalar(doc)) throw new Unusual();
      if (Array.isArray(doc) ? doc.length === 0 : Object.keys(doc as object).length === 0)
        throw new Unusual();
      const out: string[] = [];
      const seen = this.options.aliasDuplicateObjects === false ? undefined : new Set<object>();
      if (Array.isArray(doc)) this.seq(doc, '', out, seen);
      else this.map(doc as Record<string, unknown>, '', out, seen);
      return out.join('');
    } catch (err) {
      if (err instanceof Unusual) return undefined;
      throw err;
    }
  }

  private scalar(value: unknown): string {
    let text = this.values.get(value);
    if (text === undefined) {
      if (
        value === undefined ||
        (typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0)))
      ) {
        throw new Unusual();
      }
      text =
        this.known(value) ??
        YAML.stringify({ k: value }, this.options).slice(`${this.key('k')}: `.length, -1);
      this.values.set(value, text);
    } else if (Object.is(value, -0)) {
      throw new Unusual(); // the map holds 0 under the same key
    }
    return text;
  }

  /** How the library writes a value (a finite number, not -0), when that is known without asking it. */
  private known(value: unknown): string | undefined {
    if (typeof value === 'string') {
      if ((this.plainWords && isPlainWord(value)) || (this.plainText && isPlainText(value))) return value;
      return this.quotedText && QUOTABLE_TEXT.test(value) ? `"${value}"` : undefined;
    }
    const other = value === null || typeof value === 'number' || typeof value === 'boolean';
    return other && this.knownScalars ? String(value) : undefined;
  }

  private key(name: string): string {
    let text = this.keys.get(name);
    if (text === undefined) {
      if (this.plainKeys && isPlainWord(name)) text = name;
      else {
        if (DOCUMENT_MARKER.test(name)) throw new Unusual();
        const written = YAML.stringify({ [name]: 0 }, this.options);
        if (!written.endsWith(': 0\n') || written.slice(0, -4).includes('\n')) throw new Unusual();
        text = written.slice(0, -4);
      }
      this.keys.set(name, text);
    }
    return text;
  }

  /** A scalar standing at `indent`: the lines of a block scalar go two spaces deeper (blank lines stay empty). */
  private scalarAt(value: unknown, indent: string): string {
    const text = this.scalar(value);
    return indent === '' || !text.includes('\n') ? text : text.replace(/\n(?=[^\n])/g, `\n${indent}`);
  }

  private enter(value: object, seen: Set<object> | undefined): void {
    if (!seen) return;
    if (seen.has(value)) throw new Unusual();
    seen.add(value);
  }

  private map(object: Record<string, unknown>, indent: string, out: string[], seen?: Set<object>): void {
    this.enter(object, seen);
    for (const name of Object.keys(object)) {
      const value = object[name];
      const head = `${indent}${this.key(name)}:`;
      if (isScalar(value)) out.push(`${head} ${this.scalarAt(value, indent)}\n`);
      else if (Array.isArray(value)) {
        this.enter(value, seen);
        if (value.length === 0) out.push(`${head} []\n`);
        else {
          out.push(`${head}\n`);
          this.items(value, `${indent}  `, out, seen);
        }
      } else if (Object.keys(value as object).length === 0) {
        this.enter(value as object, seen);
        out.push(`${head} {}\n`);
      } else {
        out.push(`${head}\n`);
        this.map(value as Record<string, unknown>, `${indent}  `, out, seen);
      }
    }
  }

  private seq(items: readonly unknown[], indent: string, out: string[], seen?: Set<object>): void {
    this.enter(items, seen);
    this.items(items, indent, out, seen);
  }

  private items(items: readonly unknown[], indent: string, out: string[], seen?: Set<object>): void {
    for (const item of items) {
      if (isScalar(item)) out.push(`${indent}- ${this.scalarAt(item, indent)}\n`);
      else if (Array.isArray(item) ? item.length === 0 : Object.keys(item as object).length === 0) {
        this.enter(item as object, seen);
        out.push(`${indent}- ${Array.isArray(item) ? '[]' : '{}'}\n`);
      } else {
        // The first line of a nested collection follows "- "; the rest are indented under it.
        const start = out.length;
        if (Array.isArray(item)) this.seq(item, `${indent}  `, out, seen);
        else this.map(item as Record<string, unknown>, `${indent}  `, out, seen);
        out[start] = `${indent}- ${out[start].slice(indent.length + 2)}`;
      }
    }
  }
}
