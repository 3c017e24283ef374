/**
 * `npm run bench`: times synthesis (what `npm run synth` runs after its incremental compile) of the
 * default platform and of scaled ones — more VMs, more apps — several runs each in fresh processes, and
 * prints medians and the marginal cost per VM and per app. Output goes to a temporary folder.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { resolvePlatform } from '../config';
import { BENCH_SCENARIOS, BenchScenario } from './bench-scenarios';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const WORKER = path.join(__dirname, 'bench-synth.js');

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function vms(scenario: BenchScenario): number {
  return resolvePlatform(scenario.platform).clusters.reduce(
    (sum, c) => sum + c.masters.count + c.minionPools.reduce((n, p) => n + p.count, 0),
    0,
  );
}

/** Wall time of whole runs (process start included) and the synthesis time each run reports. */
function measure(index: number, outdir: string): { wall: number[]; synth: number[] } {
  const wall: number[] = [];
  const synth: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [WORKER, String(index), outdir], { encoding: 'utf8' });
    wall.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (result.status !== 0) throw new Error(`scenario ${index} failed:\n${result.stderr}`);
    synth.push(Number(result.stdout.trim()));
  }
  return { wall, synth };
}

function main(): void {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-'));
  console.log(
    `Berth synthesis, ${RUNS} runs per scenario in fresh processes; ${os.cpus().length} CPUs, Node ${process.version}`,
  );
  const rows = BENCH_SCENARIOS.map((scenario, index) => {
    const { wall, synth } = measure(index, outdir);
    return {
      scenario,
      vms: vms(scenario),
      apps: scenario.apps.length,
      wall: median(wall),
      synth: median(synth),
    };
  });
  for (const row of rows) {
    console.log(
      `  ${row.scenario.name.padEnd(40)} ${String(row.vms).padStart(3)} VMs ${String(row.apps).padStart(3)} apps` +
        `  median ${row.synth.toFixed(0).padStart(5)} ms synthesis, ${row.wall.toFixed(0).padStart(5)} ms whole process`,
    );
  }
  const [base, moreVms, moreApps] = rows;
  console.log(
    `  marginal cost: ${((moreVms.synth - base.synth) / (moreVms.vms - base.vms)).toFixed(1)} ms per VM, ` +
      `${((moreApps.synth - base.synth) / (moreApps.apps - base.apps)).toFixed(1)} ms per app (3 environments each)`,
  );
  fs.rmSync(outdir, { recursive: true, force: true });
}

main();
