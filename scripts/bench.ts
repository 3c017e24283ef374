/**
 * `npm run bench`: times synthesis (what `npm run synth` runs after its build) of the default platform,
 * of 300 VMs and of 10, 100 and 1,000 apps (each in dev, test and prod), in fresh processes. The
 * scenarios take turns, round after round, so that a busy moment of a shared machine falls on all of
 * them alike; it prints per scenario the medians of elapsed time, CPU time and peak memory, and the cost
 * per app (the slope between app counts, and a least-squares fit). Output goes to a temporary folder.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { resolvePlatform } from '../config';
import { PLATFORM_ADDONS } from '../constructs/addons/platform-addons';
import { BENCH_SCENARIOS, BenchScenario } from './bench-scenarios';
import type { BenchRun } from './bench-synth';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** `dist/scripts/` → the project's build script, which runs a bundle as `npm run synth` runs main. */
const BUILD = path.join(__dirname, '..', '..', 'scripts', 'build.js');

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function vms(scenario: BenchScenario): number {
  return resolvePlatform(scenario.platform, undefined, {
    addonSections: PLATFORM_ADDONS.sections,
  }).clusters.reduce((sum, c) => sum + c.masters.count + c.minionPools.reduce((n, p) => n + p.count, 0), 0);
}

/** One run in a fresh process, timed from its start to its exit (Node's own start included). */
function runOnce(index: number, outdir: string): BenchRun & { ms: number } {
  const started = process.hrtime.bigint();
  const args = [BUILD, '--run', 'scripts/bench-synth', String(index), outdir];
  const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`scenario ${index} failed:\n${result.stderr}`);
  return { ...(JSON.parse(result.stdout) as BenchRun), ms };
}

/** Least-squares slope of y over x. */
function slope(points: readonly { x: number; y: number }[]): number {
  const mx = points.reduce((s, p) => s + p.x, 0) / points.length;
  const my = points.reduce((s, p) => s + p.y, 0) / points.length;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return num / den;
}

function main(): void {
  // Every program built before any run is timed (`--run` builds only the program it runs, when stale).
  const build = spawnSync(process.execPath, [BUILD], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`the build failed:\n${build.stderr}`);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-'));
  const cpus = os.cpus();
  console.log(
    `Berth synthesis: ${RUNS} rounds of every scenario in fresh processes; ${cpus.length} × ${cpus[0]?.model.trim()}, ` +
      `Node ${process.version}, load average ${os.loadavg()[0].toFixed(1)} at start`,
  );
  const runs: (BenchRun & { ms: number })[][] = BENCH_SCENARIOS.map(() => []);
  for (let round = 0; round < RUNS; round++) {
    BENCH_SCENARIOS.forEach((_, index) => runs[index].push(runOnce(index, outdir)));
  }
  const rows = BENCH_SCENARIOS.map((scenario, index) => ({
    scenario,
    vms: vms(scenario),
    apps: scenario.apps.length,
    ms: median(runs[index].map((r) => r.ms)),
    cpuMs: median(runs[index].map((r) => r.cpuMs)),
    rss: median(runs[index].map((r) => r.maxRssMib)),
  }));
  console.log(`load average ${os.loadavg()[0].toFixed(1)} at the end; medians:`);
  console.log(`  ${'scenario'.padEnd(34)} VMs  apps    elapsed        CPU     memory`);
  for (const row of rows) {
    console.log(
      `  ${row.scenario.name.padEnd(34)} ${String(row.vms).padStart(3)} ${String(row.apps).padStart(5)}` +
        ` ${(row.ms / 1000).toFixed(2).padStart(8)} s ${(row.cpuMs / 1000).toFixed(2).padStart(8)} s` +
        ` ${row.rss.toFixed(0).padStart(6)} MiB`,
    );
  }
  const byApps = rows.filter((row) => /^\d+ apps$/.test(row.scenario.name));
  const steps = byApps.slice(1).map((row, i) => {
    const before = byApps[i];
    const per = (field: 'ms' | 'cpuMs') => (row[field] - before[field]) / (row.apps - before.apps);
    return `${before.apps}→${row.apps} apps ${per('ms').toFixed(2)} ms elapsed, ${per('cpuMs').toFixed(2)} ms CPU`;
  });
  const fit = (field: 'ms' | 'cpuMs') => slope(byApps.map((row) => ({ x: row.apps, y: row[field] })));
  console.log(`  per app (3 environments each): ${steps.join('; ')}`);
  console.log(
    `  least-squares slope: ${fit('ms').toFixed(2)} ms elapsed, ${fit('cpuMs').toFixed(2)} ms CPU per app`,
  );
  fs.rmSync(outdir, { recursive: true, force: true });
}

main();
