/**
 * What `npm run pod-records` does (scripts/pod-records.ts runs it).
 *
 * `npm run pod-records -- values <release>`: prints the values of Berth's `helm_release` `<release>`
 * from the synthesized output (`cdktf.out/`, `npm run synth` first), to render the chart with.
 *
 * `npm run pod-records -- check <release> <rendering.yaml>`: compares a rendering of that chart
 * (`helm template <release> <chart> --version <pin> -n <namespace> -f values.yaml`) with the add-on's
 * record of its pods (`<addon>-pod-security.ts`); prints each difference and the pods as rendered, and
 * exits 1 when they differ. Re-checking a record after a pin or values change is these two commands
 * and `helm template`.
 */
import * as fs from 'fs';
import * as YAML from 'yaml';
import { recordDrift, reduceRendering } from '../constructs/addons/core/rendered-pod-fields';
import { RENDERED_POD_RECORDS } from './pod-record-list';
import { readSynthOutput } from './review/synth-output';

export const POD_RECORDS_USAGE =
  'usage: npm run pod-records -- values <release>\n' +
  '       npm run pod-records -- check <release> <rendering.yaml>';

/** Runs the command; returns the exit code and what it prints. */
export function podRecords(args: readonly string[], outDir = 'cdktf.out'): { code: number; out: string } {
  const [command, release, file] = args;
  const records = RENDERED_POD_RECORDS.filter((r) => r.release === release);
  if (command === 'values' && release !== undefined && args.length === 2) {
    const found = helmReleaseValues(outDir, release);
    return found === undefined
      ? { code: 2, out: `no helm_release named ${release} in ${outDir} (run npm run synth first)` }
      : { code: 0, out: found };
  }
  if (command !== 'check' || release === undefined || file === undefined || args.length !== 3) {
    return { code: 2, out: POD_RECORDS_USAGE };
  }
  if (records.length === 0) {
    const known = [...new Set(RENDERED_POD_RECORDS.map((r) => r.release))].join(', ');
    return { code: 2, out: `no record for release ${release}; records exist for: ${known}` };
  }
  if (!fs.existsSync(file)) return { code: 2, out: `${file} does not exist` };
  const rendered = reduceRendering(
    YAML.parseAllDocuments(fs.readFileSync(file, 'utf8')).map((d) => d.toJSON()),
  );
  const drift = recordDrift(
    records.flatMap((r) => r.pods),
    rendered,
  );
  const pods = JSON.stringify(rendered, null, 2);
  return drift.length === 0
    ? { code: 0, out: `the record of ${release} is what the chart renders\n${pods}` }
    : { code: 1, out: `${drift.join('\n')}\n\npods as rendered:\n${pods}` };
}

function helmReleaseValues(outDir: string, release: string): string | undefined {
  for (const stack of readSynthOutput(outDir).stacks.values()) {
    for (const block of stack.blocks.values()) {
      if (block.type === 'helm_release' && block.config.name === release) {
        return (block.config.values as string[])[0];
      }
    }
  }
  return undefined;
}
