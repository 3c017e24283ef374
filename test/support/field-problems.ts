import { Problems, readSection, section, z } from '../../config';

/** The problems of reading `{ f: value }` with `schema` as field `f`, as "path: value; message" lines. */
export function problemsOf(schema: z.ZodMiniType, value: unknown): string[] {
  const problems = new Problems();
  readSection(section({ f: schema }), { f: value }, '', problems);
  return problems.all.map((p) => `${p.path}: ${JSON.stringify(p.value)}; ${p.message}`);
}

/** What reading `{ f: value }` with `schema` gives for `f` (defaults applied), problems aside. */
export const read = (schema: z.ZodMiniType, value: unknown): unknown =>
  (readSection(section({ f: schema }), { f: value }, '', new Problems()) as { f?: unknown } | undefined)?.f;
