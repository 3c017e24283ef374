/**
 * `npm run report -- [--base <git ref>] [--out <file>] [--config <file>]`: synthesizes the platform and
 * writes one self-contained HTML page (default `cdktf.out/report.html`): topology, add-on versions,
 * capacity, policy and promotion results, and with --base the plan diff against that revision, highlighted.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ConfigError, loadPlatform } from '../config';
import { BerthApp } from '../stacks/berth-app';
import { PLATFORM_ADDONS } from '../constructs/addons/platform-addons';
import { platformDiff } from './review/platform-diff';
import { reportHtml } from './review/report-html';
import { reportModel } from './review/report-model';
import { SynthError, resolveRevision, synthRevision } from './review/synth-ref';
import { readSynthOutput } from './review/synth-output';
import { parseReportArgs, REPORT_USAGE } from './review/report-args';

function main(): number {
  const args = parseReportArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    if (args) console.error(args);
    console.error(REPORT_USAGE);
    return args ? 2 : 0;
  }
  const env = args.config ? { ...process.env, BERTH_CONFIG: path.resolve(args.config) } : process.env;
  const platform = loadPlatform([], env, { addonSections: PLATFORM_ADDONS.sections });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-report-'));
  try {
    const app = new BerthApp({ platform, outdir: path.join(work, 'head') });
    app.synth();
    const head = readSynthOutput(path.join(work, 'head'));
    let diff;
    if (args.base) {
      const commit = resolveRevision(process.cwd(), args.base);
      synthRevision(process.cwd(), commit, work, path.join(work, 'base'), {
        env: args.config ? { BERTH_CONFIG: env.BERTH_CONFIG } : {},
      });
      diff = {
        diff: platformDiff(readSynthOutput(path.join(work, 'base')), head),
        title: `Plan diff: ${args.base} (${commit.slice(0, 12)}) -> working tree`,
      };
    }
    const footprints = new Map([...app.platformStacks].map(([cluster, stack]) => [cluster, stack.footprint]));
    const html = reportHtml(reportModel(head, platform, footprints, diff));
    fs.mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
    fs.writeFileSync(args.out, html);
    console.log(`Wrote ${args.out}`);
    return 0;
  } catch (err) {
    if (err instanceof ConfigError || err instanceof SynthError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

process.exitCode = main();
