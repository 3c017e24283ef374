import {
  AddonSectionContext,
  Problems,
  addonConfig,
  addonSchema,
  integer,
  readSection,
  withDefault,
  z,
} from '../../config';

const schema = addonSchema(
  { doc: 'A test add-on.', enabled: 'Deploy it.' },
  { replicas: withDefault(integer(1, 5, 'Replicas.'), 2) },
);

function read(value: unknown) {
  const problems = new Problems();
  const section = readSection(schema, value, 'addons.test', problems);
  return { section, problems: problems.all.map((p) => `${p.path}: ${p.message}`) };
}

describe('an add-on section', () => {
  test('enabled (on unless told otherwise) and its fields, with their defaults', () => {
    expect(read({}).section).toEqual({ enabled: true, replicas: 2 });
    expect(read({ enabled: false, replicas: 3 }).section).toEqual({ enabled: false, replicas: 3 });
    const off = addonSchema({ doc: 'x', enabled: 'y', enabledByDefault: false }, {});
    expect(readSection(off, {}, 'p', new Problems())).toEqual({ enabled: false });
  });

  test('every problem at once, unknown keys with the closest known field; a wrong value takes its default', () => {
    expect(read({ enabled: 'yes', replica: 3, replicas: 9 })).toEqual({
      section: { enabled: true, replicas: 2 },
      problems: [
        'addons.test.enabled: must be true or false (unquoted in YAML)',
        'addons.test.replica: is not a known field (did you mean "replicas"?); allowed fields here: enabled, replicas',
        'addons.test.replicas: must be a whole number from 1 to 5',
      ],
    });
  });

  test('its descriptions and defaults reach the JSON Schema', () => {
    const json = z.toJSONSchema(schema, { io: 'input' }) as unknown as {
      description: string;
      properties: Record<string, { description: string; default: unknown }>;
    };
    expect(json.description).toBe('A test add-on.');
    expect(json.properties.enabled).toMatchObject({ description: 'Deploy it.', default: true });
    expect(json.properties.replicas).toMatchObject({ description: 'Replicas.', default: 2 });
  });

  test('addonConfig: the section as read, or what the resolver makes of it with its context', () => {
    expect(addonConfig(schema)).toEqual({ schema });
    const spec = addonConfig(schema, (section, context: AddonSectionContext) => ({
      replicas: context.isEnabled('other') ? section.replicas : 1,
    }));
    const context = {
      path: 'p',
      problems: new Problems(),
      cloud: undefined as never,
      isEnabled: () => false,
    };
    expect(spec.resolve?.({ enabled: true, replicas: 4 }, context)).toEqual({ replicas: 1 });
  });
});
