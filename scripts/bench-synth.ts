/**
 * One synthesis for `npm run bench`, in a fresh process started as `npm run synth` starts main:
 * `node scripts/build.js --run scripts/bench-synth <scenario index> <outdir>`; prints, as JSON, the CPU
 * time the whole process used and its peak memory (resident set). bench times the process from outside.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const { resolvePlatform } = require('../config') as typeof import('../config');
const { BerthApp } = require('../stacks/berth-app') as typeof import('../stacks/berth-app');
const { PLATFORM_ADDONS } =
  require('../constructs/addons/platform-addons') as typeof import('../constructs/addons/platform-addons');
const { BENCH_SCENARIOS } = require('./bench-scenarios') as typeof import('./bench-scenarios');
/* eslint-enable @typescript-eslint/no-require-imports */

/** What one run measured. */
export interface BenchRun {
  readonly cpuMs: number;
  readonly maxRssMib: number;
}

const scenario = BENCH_SCENARIOS[Number(process.argv[2])];
const app = new BerthApp({
  platform: resolvePlatform(scenario.platform, undefined, { addonSections: PLATFORM_ADDONS.sections }),
  apps: scenario.apps,
  outdir: process.argv[3],
});
app.synth();
const cpu = process.cpuUsage();
const run: BenchRun = {
  cpuMs: (cpu.user + cpu.system) / 1000,
  maxRssMib: process.resourceUsage().maxRSS / 1024,
};
console.log(JSON.stringify(run));
