#!/usr/bin/env node
/**
 * Generates the OpenStack provider bindings into .gen/providers/openstack (the path `cdktf get` uses)
 * from the schema kept in providers/openstack.schema.json, offline, with @cdktf/provider-generator.
 *
 * Runs as npm's postinstall. It skips work when the schema, the generator version and the constraint are
 * unchanged since the last run (a stamp file records their hash); `--force` regenerates anyway.
 */
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const SCHEMA = path.join(__dirname, 'openstack.schema.json');
const TARGET = path.join(ROOT, '.gen', 'providers', 'openstack');
const STAMP = path.join(TARGET, '.berth-stamp');
const SOURCE = 'terraform-provider-openstack/openstack';

function providerConstraint() {
  const cdktf = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8'));
  const entry = (cdktf.terraformProviders || []).find(
    (p) => typeof p === 'string' && p.startsWith(`${SOURCE}@`),
  );
  if (!entry) throw new Error(`cdktf.json must declare "${SOURCE}@<constraint>" in terraformProviders`);
  const constraint = entry.slice(SOURCE.length + 1).trim();
  const version = /(\d+\.\d+\.\d+)/.exec(constraint);
  if (!version) throw new Error(`cannot read a version from the constraint "${constraint}" in cdktf.json`);
  return { constraint, version: version[1] };
}

async function main() {
  const force = process.argv.includes('--force');
  const { constraint, version } = providerConstraint();
  const schemaText = fs.readFileSync(SCHEMA, 'utf8');
  const generatorVersion = require('@cdktf/provider-generator/package.json').version;
  const hash = crypto
    .createHash('sha256')
    .update(`${schemaText}\0${generatorVersion}\0${constraint}\0${fs.readFileSync(__filename, 'utf8')}`)
    .digest('hex');
  if (!force && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8').trim() === hash) {
    console.log(`openstack bindings up to date (${path.relative(ROOT, TARGET)})`);
    return;
  }

  // @cdktf/commons runs `terraform version` and a telemetry check when loaded; keep generation offline.
  process.env.TERRAFORM_BINARY_NAME = process.env.TERRAFORM_BINARY_NAME || 'true';
  process.env.CHECKPOINT_DISABLE = '1';
  const started = Date.now();
  const { TerraformProviderGenerator, CodeMaker } = require('@cdktf/provider-generator');
  const commons = require('@cdktf/commons');

  const schema = JSON.parse(schemaText);
  const fqpn = Object.keys(schema.provider_schemas)[0];
  schema.provider_versions = { [fqpn]: version };
  const code = new CodeMaker();
  const generator = new TerraformProviderGenerator(code, schema);
  const target = new commons.ConstructsMakerProviderTarget(
    new commons.TerraformProviderConstraint(`${SOURCE}@${constraint}`),
    commons.LANGUAGES[0],
  );
  generator.generate(target);

  const staging = `${TARGET}.tmp`;
  fs.rmSync(staging, { recursive: true, force: true });
  await code.save(staging);
  // CodeMaker writes <out>/providers/<name>; move that into place atomically.
  fs.rmSync(TARGET, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(TARGET), { recursive: true });
  fs.renameSync(path.join(staging, 'providers', 'openstack'), TARGET);
  fs.rmSync(staging, { recursive: true, force: true });
  fs.writeFileSync(
    path.join(TARGET, 'versions.json'),
    `${JSON.stringify({ [`registry.terraform.io/${SOURCE}`]: version }, null, 2)}\n`,
  );
  fs.writeFileSync(STAMP, `${hash}\n`);
  const counts = schema.provider_schemas[fqpn];
  console.log(
    `generated openstack ${version} bindings (${Object.keys(counts.resource_schemas).length} resources, ` +
      `${Object.keys(counts.data_source_schemas).length} data sources) into ${path.relative(ROOT, TARGET)} ` +
      `in ${Date.now() - started} ms`,
  );
}

main().catch((err) => {
  console.error(`generate-bindings: ${err.message}`);
  process.exit(1);
});
