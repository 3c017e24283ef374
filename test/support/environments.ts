/** Environments, charts and objects for tests, from the embedded default platform. */
import { Chart, Testing } from 'cdk8s';
import { ResolvedEnvironment } from '../../config';
import { resolvePlatform } from './berth-platform';
import { WorkloadEnvironment } from '../../constructs/workloads/workload-environment';
import { AppDefinition } from '../../apps/app-definition';
import { EnvironmentChart } from '../../charts/environment-chart';
import { workloadEnvironmentOf } from '../../apps/workload-environment-of';

export type Json = Record<string, unknown>;

/** The default platform: one cluster `main` (domain main.berth.example.com), environments dev, test, prod. */
export const PLATFORM = resolvePlatform({});
export const CLUSTER = PLATFORM.clusters[0];

export function environment(name: 'dev' | 'test' | 'prod'): ResolvedEnvironment {
  return PLATFORM.environments.find((e) => e.name === name) as ResolvedEnvironment;
}

/** What workloads of a default environment see of the platform. */
export function workloadEnvironment(name: 'dev' | 'test' | 'prod' = 'dev'): WorkloadEnvironment {
  return workloadEnvironmentOf(environment(name), CLUSTER);
}

/** An empty chart to put constructs under. */
export function testChart(): Chart {
  return new Chart(Testing.app(), 'test', { disableResourceNameHashes: true });
}

/** The environment chart of a default environment with `apps`. */
export function environmentChart(
  apps: readonly AppDefinition[],
  name: 'dev' | 'test' | 'prod' = 'dev',
  env: ResolvedEnvironment = environment(name),
): EnvironmentChart {
  return new EnvironmentChart(Testing.app(), env.name, { environment: env, cluster: CLUSTER, apps });
}

/** The objects a chart synthesizes (validations run). */
export function objectsOf(chart: Chart): Json[] {
  return chart.toJson() as Json[];
}

/** The one object of `kind` named `name`. */
export function find(objects: readonly Json[], kind: string, name: string): Json {
  const found = objects.filter((o) => o.kind === kind && (o.metadata as Json).name === name);
  if (found.length !== 1) throw new Error(`expected one ${kind}/${name}, found ${found.length}`);
  return found[0];
}

/** `Kind/name` of every object. */
export function namesOf(objects: readonly Json[]): string[] {
  return objects.map((o) => `${String(o.kind)}/${String((o.metadata as Json).name)}`);
}

/** Reads a nested field: `at(o, 'spec', 'template', 'spec')`. */
export function at(value: unknown, ...keys: (string | number)[]): unknown {
  return keys.reduce<unknown>(
    (node, key) =>
      node === undefined || node === null ? undefined : (node as Record<string | number, unknown>)[key],
    value,
  );
}
