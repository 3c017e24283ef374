import * as fs from 'fs';
import * as path from 'path';
import { App, Names, Yaml, YamlOutputType } from 'cdk8s';
import * as YAML from 'yaml';

/** The options cdk8s 2.x stringifies every document with (`Yaml.stringify`). */
const OPTIONS = { keepUndefined: true, lineWidth: 0, version: '1.1' } as const;

/** Scalars as the yaml library writes them after `key: ` or `- `, and keys before `: `. */
const values = new Map<unknown, string>();
const keys = new Map<string, string>();

/** How the library writes `---` and `...` at the start of a line depends on the depth: left to it. */
const DOCUMENT_MARKER = /(^|\n)(---|\.\.\.)/;

/** A value the fast path leaves to the yaml library: the whole document is then written by it. */
class Unusual extends Error {}

function scalar(value: unknown): string {
  let text = values.get(value);
  if (text === undefined) {
    if (value === undefined || (typeof value === 'number' && !Number.isFinite(value))) throw new Unusual();
    if (typeof value === 'string' && DOCUMENT_MARKER.test(value)) throw new Unusual();
    text = YAML.stringify({ k: value }, OPTIONS).slice('k: '.length, -1);
    values.set(value, text);
  }
  return text;
}

function key(name: string): string {
  let text = keys.get(name);
  if (text === undefined) {
    if (DOCUMENT_MARKER.test(name)) throw new Unusual();
    const written = YAML.stringify({ [name]: 0 }, OPTIONS);
    if (!written.endsWith(': 0\n') || written.slice(0, -4).includes('\n')) throw new Unusual();
    text = written.slice(0, -4);
    keys.set(name, text);
  }
  return text;
}

/** A scalar standing at `indent`: the lines of a block scalar go two spaces deeper (blank lines stay empty). */
function scalarAt(value: unknown, indent: string): string {
  const text = scalar(value);
  return indent === '' || !text.includes('\n') ? text : text.replace(/\n(?=[^\n])/g, `\n${indent}`);
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

function map(object: Record<string, unknown>, indent: string, out: string[]): void {
  for (const name of Object.keys(object)) {
    const value = object[name];
    const head = `${indent}${key(name)}:`;
    if (isScalar(value)) out.push(`${head} ${scalarAt(value, indent)}\n`);
    else if (Array.isArray(value)) {
      if (value.length === 0) out.push(`${head} []\n`);
      else {
        out.push(`${head}\n`);
        seq(value, `${indent}  `, out);
      }
    } else if (Object.keys(value as object).length === 0) out.push(`${head} {}\n`);
    else {
      out.push(`${head}\n`);
      map(value as Record<string, unknown>, `${indent}  `, out);
    }
  }
}

function seq(items: readonly unknown[], indent: string, out: string[]): void {
  for (const item of items) {
    if (isScalar(item)) out.push(`${indent}- ${scalarAt(item, indent)}\n`);
    else if (Array.isArray(item) ? item.length === 0 : Object.keys(item as object).length === 0) {
      out.push(`${indent}- ${Array.isArray(item) ? '[]' : '{}'}\n`);
    } else {
      // The first line of a nested collection follows "- "; the rest are indented under it.
      const start = out.length;
      if (Array.isArray(item)) seq(item, `${indent}  `, out);
      else map(item as Record<string, unknown>, `${indent}  `, out);
      out[start] = `${indent}- ${out[start].slice(indent.length + 2)}`;
    }
  }
}

function document(doc: unknown): string {
  if (doc === undefined) return '\n';
  try {
    if (isScalar(doc)) throw new Unusual();
    if (Array.isArray(doc) ? doc.length === 0 : Object.keys(doc as object).length === 0) throw new Unusual();
    const out: string[] = [];
    if (Array.isArray(doc)) seq(doc, '', out);
    else map(doc as Record<string, unknown>, '', out);
    return out.join('');
  } catch (err) {
    if (!(err instanceof Unusual)) throw err;
    return Yaml.stringify(doc);
  }
}

/**
 * The YAML cdk8s writes for these documents (`Yaml.stringify`), byte for byte, several times faster: the
 * block structure of plain JSON data is written here, every scalar and key as the yaml library writes it
 * (asked once per distinct value), and a document holding anything unusual (`undefined`, a
 * non-finite number, a document marker in a string or key, a key too long for one line) is left to the
 * library.
 */
export function toYaml(docs: readonly unknown[]): string {
  return docs.map(document).join('---\n');
}

/**
 * Writes an app's charts as `App.synth()` does with one file per chart (`<chart>.k8s.yaml`), with
 * {@link toYaml}. Anything else (another output type, construct metadata, charts that depend on each
 * other and so get numbered file names) is left to `App.synth()`.
 */
export function synthCharts(app: App): void {
  const charts = app.charts;
  const objects = charts.map((chart) => chart.toJson());
  const usual =
    app.yamlOutputType === YamlOutputType.FILE_PER_CHART &&
    !(app as unknown as { recordConstructMetadata?: boolean }).recordConstructMetadata &&
    charts.every((chart) => chart.node.dependencies.length === 0);
  if (!usual) {
    app.synth();
    return;
  }
  fs.mkdirSync(app.outdir, { recursive: true });
  charts.forEach((chart, i) => {
    fs.writeFileSync(
      path.join(app.outdir, `${Names.toDnsLabel(chart)}${app.outputFileExtension}`),
      toYaml(objects[i]),
    );
  });
}
