import * as z from './zod';

/** What a published JSON Schema document says about itself. */
export interface JsonSchemaDocument {
  /** The schema's `$id`: where it is published. */
  readonly id?: string;
  readonly title: string;
  readonly description?: string;
}

/**
 * The JSON Schema (draft 2020-12) of what a user writes for `schema`: the input side, so fields with a
 * default are optional and show their `default`; descriptions come from the field builders' `doc`.
 * Rules a JSON Schema cannot state (a size that must parse, cross-field checks) are checked by Berth only.
 */
export function toJsonSchema(schema: z.core.$ZodType, document: JsonSchemaDocument): Record<string, unknown> {
  const body = z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  const { $schema, ...rest } = body;
  return {
    $schema,
    ...(document.id === undefined ? {} : { $id: document.id }),
    title: document.title,
    ...(document.description === undefined ? {} : { description: document.description }),
    ...rest,
  };
}
