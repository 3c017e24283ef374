/**
 * One timed synthesis for `npm run bench`, in a fresh process like `npm run synth`:
 * `node dist/scripts/bench-synth.js <scenario index> <outdir>`; prints, as JSON, the milliseconds from the
 * start of the process's own work (module loading included) to the last file written, the CPU time the
 * process used and its peak memory (resident set).
 */
const started = process.hrtime.bigint();
/* eslint-disable @typescript-eslint/no-require-imports */
const { resolvePlatform } = require('../config') as typeof import('../config');
const { BerthApp } = require('../stacks/berth-app') as typeof import('../stacks/berth-app');
const { BENCH_SCENARIOS } = require('./bench-scenarios') as typeof import('./bench-scenarios');
/* eslint-enable @typescript-eslint/no-require-imports */

/** What one run measured. */
export interface BenchRun {
  readonly ms: number;
  readonly cpuMs: number;
  readonly maxRssMib: number;
}

const scenario = BENCH_SCENARIOS[Number(process.argv[2])];
const app = new BerthApp({
  platform: resolvePlatform(scenario.platform),
  apps: scenario.apps,
  outdir: process.argv[3],
});
app.synth();
const cpu = process.cpuUsage();
const run: BenchRun = {
  ms: Number(process.hrtime.bigint() - started) / 1e6,
  cpuMs: (cpu.user + cpu.system) / 1000,
  maxRssMib: process.resourceUsage().maxRSS / 1024,
};
console.log(JSON.stringify(run));
