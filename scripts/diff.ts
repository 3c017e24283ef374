/**
 * `npm run diff -- [--base <git ref>] [--json] [--config <file>]`: synthesizes the base revision (default:
 * the merge base with main) and the working tree with the same synth command, and prints what applying
 * the working tree would do, per cluster and environment, in the platform's words.
 *
 * Exit codes: 0 no change, 1 changes, 3 dangerous changes (replacing or removing masters, volumes,
 * floating IPs, load balancers, StatefulSets, the CA, ...), 2 error (bad arguments, a side failed to synth).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DIFF_USAGE, parseDiffArgs } from './review/diff-args';
import { DiffExitCode, diffJson, exitCodeOf, formatDiff } from './review/format-diff';
import { platformDiff } from './review/platform-diff';
import { SynthError, defaultBase, resolveRevision, synthDirectory, synthRevision } from './review/synth-ref';
import { readSynthOutput } from './review/synth-output';

function main(): number {
  const parsed = parseDiffArgs(process.argv.slice(2));
  if (typeof parsed === 'string') {
    if (parsed) console.error(parsed);
    console.error(DIFF_USAGE);
    return parsed ? DiffExitCode.ERROR : DiffExitCode.NO_CHANGE;
  }
  const repo = process.cwd();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-diff-'));
  try {
    const base = parsed.base
      ? { ref: parsed.base, commit: resolveRevision(repo, parsed.base) }
      : defaultBase(repo);
    const env = parsed.config ? { BERTH_CONFIG: path.resolve(parsed.config) } : {};
    synthRevision(repo, base.commit, work, path.join(work, 'base'), { env });
    synthDirectory(repo, path.join(work, 'head'), { env });
    const diff = platformDiff(
      readSynthOutput(path.join(work, 'base')),
      readSynthOutput(path.join(work, 'head')),
    );
    const title = `Plan diff: ${base.ref} (${base.commit.slice(0, 12)}) -> working tree`;
    process.stdout.write(
      parsed.json
        ? diffJson(diff, { base: { ref: base.ref, commit: base.commit }, head: 'working tree' })
        : formatDiff(diff, { title }),
    );
    return exitCodeOf(diff);
  } catch (err) {
    if (err instanceof SynthError) {
      console.error(err.message);
      return DiffExitCode.ERROR;
    }
    throw err;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

try {
  process.exitCode = main();
} catch (err) {
  console.error(`npm run diff: ${(err as Error).message}`);
  process.exitCode = DiffExitCode.ERROR;
}
