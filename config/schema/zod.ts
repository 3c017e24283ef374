/**
 * The schema library, imported in one place: zod 4's functional "mini" API. Only the pieces named here
 * reach the synth bundle (zod's ESM modules tree-shake; `export * from 'zod/mini'` would pull in every
 * locale), so a section needing another piece adds it to this list (docs/decisions/0030-config-schema-zod.md).
 * Sections import `z` from `config/schema`, never 'zod' itself.
 */
export {
  array,
  boolean,
  check,
  enum,
  gt,
  gte,
  int,
  literal,
  lt,
  lte,
  maxLength,
  meta,
  minLength,
  number,
  optional,
  prefault,
  record,
  refine,
  regex,
  strictObject,
  string,
  toJSONSchema,
  unknown,
} from 'zod/mini';
export type { infer, input, output, ZodMiniType } from 'zod/mini';
export type * as core from 'zod/v4/core';
