import {
  integer,
  list,
  name,
  optional,
  section,
  text,
  toJsonSchema,
  withDefault,
} from '../../../config/schema';

describe('toJsonSchema', () => {
  const s = section(
    {
      name: name('Pool name'),
      count: withDefault(integer(0, 100, 'Minions in the pool'), 2),
      zones: optional(list(text(), 10)),
    },
    'A pool of minions',
  );

  test('the input side: defaults shown, fields with defaults optional, unknown keys refused, docs kept', () => {
    const json = toJsonSchema(s, { title: 'Pool', id: 'https://example.org/pool.json' });
    expect(json).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'https://example.org/pool.json',
      title: 'Pool',
      description: 'A pool of minions',
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', maxLength: 63, description: 'Pool name' },
        count: { type: 'integer', minimum: 0, maximum: 100, default: 2, description: 'Minions in the pool' },
        zones: { type: 'array', maxItems: 10, items: { type: 'string', minLength: 1 } },
      },
    });
  });

  test('the same schema gives the same document (deterministic output)', () => {
    expect(JSON.stringify(toJsonSchema(s, { title: 'Pool' }))).toBe(
      JSON.stringify(toJsonSchema(s, { title: 'Pool' })),
    );
  });
});
