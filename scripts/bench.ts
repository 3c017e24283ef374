/**
 * `npm run bench`: times `node dist/main.js` (what `npm run synth` runs after its incremental compile)
 * on the embedded default platform and on a scaled one, several runs each, and prints medians and the
 * marginal cost per VM. Output goes to a temporary folder, so the project's cdktf.out is untouched.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { resolvePlatform } from '../config';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const MAIN = path.join(__dirname, '..', 'main.js');

interface Scenario {
  readonly name: string;
  /** Platform file contents (JSON), or undefined for the embedded default. */
  readonly config?: object;
}

const SCALED_MINIONS = 50;
const scenarios: Scenario[] = [
  { name: 'default platform' },
  {
    name: `scaled: 3 masters + ${SCALED_MINIONS} minions in 2 pools`,
    config: {
      clusters: [
        {
          name: 'main',
          masters: { count: 3 },
          minionPools: [
            { name: 'general', count: SCALED_MINIONS - 10 },
            { name: 'batch', count: 10, flavor: 'm1.xlarge', taints: ['batch=true:NoSchedule'] },
          ],
        },
      ],
    },
  },
];

function vmCount(config: object | undefined): number {
  return resolvePlatform(config ?? {}).clusters.reduce(
    (sum, c) => sum + c.masters.count + c.minionPools.reduce((n, p) => n + p.count, 0),
    0,
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function time(scenario: Scenario, workdir: string): number[] {
  const args: string[] = [];
  if (scenario.config) {
    const file = path.join(workdir, 'platform.json');
    fs.writeFileSync(file, JSON.stringify(scenario.config));
    args.push('--config', file);
  }
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [MAIN, ...args], {
      cwd: workdir,
      env: { ...process.env, CDKTF_OUTDIR: path.join(workdir, 'out') },
      encoding: 'utf8',
    });
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0) throw new Error(`synth failed for ${scenario.name}:\n${result.stderr}`);
    times.push(elapsed);
  }
  return times;
}

function main(): void {
  const workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-'));
  console.log(
    `Synthesis of compiled JS (node dist/main.js), ${RUNS} runs each, ${os.cpus().length} CPUs, Node ${process.version}`,
  );
  const rows = scenarios.map((scenario) => {
    const times = time(scenario, workdir);
    return {
      scenario,
      vms: vmCount(scenario.config),
      median: median(times),
      min: Math.min(...times),
      max: Math.max(...times),
    };
  });
  for (const row of rows) {
    console.log(
      `  ${row.scenario.name.padEnd(44)} ${String(row.vms).padStart(3)} VMs  median ${row.median.toFixed(0).padStart(5)} ms` +
        `  (min ${row.min.toFixed(0)}, max ${row.max.toFixed(0)})`,
    );
  }
  const [base, scaled] = rows;
  const perVm = (scaled.median - base.median) / (scaled.vms - base.vms);
  console.log(`  marginal cost per VM: ${perVm.toFixed(2)} ms`);
  fs.rmSync(workdir, { recursive: true, force: true });
}

main();
