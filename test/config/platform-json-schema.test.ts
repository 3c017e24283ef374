import Ajv2020 from 'ajv/dist/2020';
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { loadPlatformFile } from '../support/berth-platform';
import { PLATFORM_JSON_SCHEMA_FILE, platformJsonSchemaText } from '../../config/platform-json-schema';
import { platformSchemaFor } from '../../config/resolve-addons';
import { AddonName } from '../../config/addons-config';
import { PLATFORM_ADDONS } from '../../constructs/addons/platform-addons';

const ROOT = path.join(__dirname, '..', '..');
const EXAMPLES = path.join(ROOT, 'examples');
const examples = fs
  .readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.platform.yaml'))
  .sort();
const published = JSON.parse(fs.readFileSync(path.join(ROOT, PLATFORM_JSON_SCHEMA_FILE), 'utf8'));
/** A real JSON Schema validator (draft 2020-12, strict), as editors use one. */
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(published);

/** A section of the published schema, as the tests read it. */
interface JsonSection {
  readonly description?: string;
  readonly properties: Record<string, JsonSection & { readonly default?: unknown }>;
}
const cluster = (): JsonSection => published.properties.clusters.items;
const order = (name: string) => (Object.values(AddonName) as string[]).indexOf(name);

function errorsOf(data: unknown): string[] {
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe('the published JSON Schema of platform files', () => {
  test(`${PLATFORM_JSON_SCHEMA_FILE} is what npm run schema generates from the platform schema`, () => {
    expect(fs.readFileSync(path.join(ROOT, PLATFORM_JSON_SCHEMA_FILE), 'utf8')).toBe(
      platformJsonSchemaText(platformSchemaFor(PLATFORM_ADDONS.sections)),
    );
  });

  test('there are example platform files', () => {
    expect(examples.length).toBeGreaterThanOrEqual(2);
  });

  test.each(examples)(
    'examples/%s names the schema for editors, and it resolves to the published file',
    (file) => {
      const first = fs.readFileSync(path.join(EXAMPLES, file), 'utf8').split('\n')[0];
      const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      expect(match).not.toBeNull();
      expect(path.resolve(EXAMPLES, match![1])).toBe(path.join(ROOT, PLATFORM_JSON_SCHEMA_FILE));
    },
  );

  test.each(examples)('examples/%s is valid for a JSON Schema validator and for Berth', (file) => {
    const full = path.join(EXAMPLES, file);
    expect(errorsOf(YAML.parse(fs.readFileSync(full, 'utf8')))).toEqual([]);
    expect(loadPlatformFile(full).clusters.length).toBeGreaterThan(0);
  });

  test('the JSON Schema refuses what Berth refuses field by field: unknown keys, wrong types, bad patterns', () => {
    expect(errorsOf({ clusters: [{ minonPools: [] }] })).toContain(
      '/clusters/0 must NOT have additional properties',
    );
    expect(errorsOf({ clusters: [{ masters: { count: 2 } }] })).toContain(
      '/clusters/0/masters/count must be equal to one of the allowed values',
    );
    expect(errorsOf({ name: 'Berth!' })).toContain(
      '/name must match pattern "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$"',
    );
    expect(errorsOf({ cloud: { flavors: [{ name: 'x', vcpus: 'two', memory: '1Gi' }] } })).toContain(
      '/cloud/flavors/0/vcpus must be integer',
    );
    expect(errorsOf({ state: { backend: 'consul' } })).toContain(
      '/state/backend must be equal to one of the allowed values',
    );
    expect(errorsOf({ clusters: [{ minionPools: [{ count: 1 }] }] })).toContain(
      "/clusters/0/minionPools/0 must have required property 'name'",
    );
  });

  test('it documents defaults and fields for completion', () => {
    const cluster = published.properties.clusters.items;
    expect(cluster.properties.podCidr).toMatchObject({
      default: '10.244.0.0/16',
      description: expect.any(String),
    });
    expect(cluster.properties.masters.properties.count).toMatchObject({ default: 1, enum: [1, 3, 5] });
    expect(published.properties.cloud.properties.loadBalancer.properties.algorithm.enum).toContain(
      'SOURCE_IP_PORT',
    );
  });

  test("every add-on's section is published: its fields with descriptions and defaults, unknown keys refused", () => {
    const addons = cluster().properties.addons;
    expect(Object.keys(addons.properties)).toEqual([
      'storageClass',
      ...PLATFORM_ADDONS.sections.map((s) => s.name).sort((a, b) => order(a) - order(b)),
    ]);
    expect(addons.properties.monitoring.properties.retention).toMatchObject({
      default: '7d',
      description: expect.any(String),
    });
    expect(addons.properties.gateway.properties.resources.properties.cpuLimit.default).toBe('500m');
    for (const [name, section] of Object.entries(addons.properties) as [string, JsonSection][]) {
      if (name === 'storageClass') continue;
      expect([name, section.description, section.properties.enabled.description]).toEqual([
        name,
        expect.any(String),
        expect.any(String),
      ]);
    }
    expect(errorsOf({ clusters: [{ addons: { monitoring: { retension: '7d' } } }] })).toContain(
      '/clusters/0/addons/monitoring must NOT have additional properties',
    );
    expect(errorsOf({ clusters: [{ addons: { ingressNginx: {} } }] })).toContain(
      '/clusters/0/addons must NOT have additional properties',
    );
  });
});
