/**
 * `npm run schema`: writes the JSON Schema of platform files (`schema/platform.schema.json`) from the
 * platform schema in config/, composed with the sections of Berth's add-ons (`PLATFORM_ADDONS`), so every
 * add-on field is published with its description and default. `npm run schema -- --check` only compares,
 * exiting 1 when the file is stale.
 */
import * as fs from 'fs';
import * as path from 'path';
import { PLATFORM_JSON_SCHEMA_FILE, platformJsonSchemaText, platformSchemaFor } from '../config';
import { PLATFORM_ADDONS } from '../constructs/addons/platform-addons';

function main(argv: readonly string[]): number {
  const file = path.join(__dirname, '..', '..', PLATFORM_JSON_SCHEMA_FILE);
  const text = platformJsonSchemaText(platformSchemaFor(PLATFORM_ADDONS.sections));
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (argv.includes('--check')) {
    if (current === text) return 0;
    console.error(`${PLATFORM_JSON_SCHEMA_FILE} is stale: run npm run schema and commit it`);
    return 1;
  }
  if (current !== text) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    console.log(`wrote ${PLATFORM_JSON_SCHEMA_FILE}`);
  } else {
    console.log(`${PLATFORM_JSON_SCHEMA_FILE} is up to date`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
