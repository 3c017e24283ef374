/** One app as it will run in one environment: its overrides applied, its calls and bindings resolved. */
import { NOT_A_VALUE, Problems } from '../config';
import { AppProps, WebProcessProps, WorkerProcessProps } from '../constructs/workloads/app-props';
import { appPropsProblems } from '../constructs/workloads/app-rules';
import { AppEgress } from '../constructs/workloads/app-egress';
import { EnvValue } from '../constructs/workloads/app-env';
import { AppImage } from '../constructs/workloads/app-image';
import { ServiceConnection } from '../constructs/workloads/backing-service-connection';
import { WorkloadEnvironment } from '../constructs/workloads/workload-environment';
import { AppDefinition, AppEnvironmentOverride } from './app-definition';

/** An app as it will run in one environment; bindings name planned services. */
export interface PlannedApp {
  readonly name: string;
  readonly props: Omit<AppProps, 'environment' | 'bindings'>;
  readonly bindings: readonly {
    readonly key: string;
    readonly service: string;
    readonly connection: ServiceConnection;
  }[];
}

/** Path of an app definition in problems: `apps.wordpress`. */
export function appPath(name: string): string {
  return `apps.${name}`;
}

/**
 * Plans `definition` in `environment` (callers and callees among the `deployed` apps, `bindings` resolved
 * by the caller); every problem is recorded on `problems`, and an app with problems is left out.
 */
export function planApp(
  definition: AppDefinition,
  environment: WorkloadEnvironment,
  deployed: ReadonlyMap<string, AppDefinition>,
  callees: readonly AppDefinition[],
  bindings: PlannedApp['bindings'],
  problems: Problems,
): PlannedApp | undefined {
  const path = appPath(definition.name);
  const envPath = `${path}.environments.${environment.name}`;
  const override = definition.environments[environment.name] as AppEnvironmentOverride;
  const before = problems.count;

  const version = { tag: override.tag, digest: override.digest };
  AppImage.problemsOf(definition.image, version).forEach((message) =>
    problems.add(message.startsWith('repository') ? `${path}.image` : envPath, NOT_A_VALUE, message),
  );
  if (problems.count > before) return undefined;
  const image =
    override.digest !== undefined
      ? AppImage.digest(definition.image, override.digest)
      : AppImage.tag(definition.image, override.tag as string);

  for (const worker of Object.keys(override.workers ?? {})) {
    if (!(worker in (definition.workers ?? {}))) {
      problems.add(
        `${envPath}.workers.${worker}`,
        worker,
        `is not a worker of ${definition.name}; workers: ${Object.keys(definition.workers ?? {}).join(', ') || 'none'}`,
      );
    }
  }

  const connections = Object.fromEntries(bindings.map((b) => [b.key, b.connection]));
  let fromServices: Readonly<Record<string, EnvValue>> = {};
  try {
    fromServices = definition.envFromServices ? definition.envFromServices(connections) : {};
  } catch (err) {
    // TypeScript rules this out (only bound services can be named); plain JavaScript may still try.
    problems.add(
      `${path}.envFromServices`,
      NOT_A_VALUE,
      `failed: ${(err as Error).message}; name only bound services`,
    );
    return undefined;
  }
  const env: Record<string, EnvValue> = {
    ...(definition.env ?? {}),
    ...fromServices,
    ...(override.env ?? {}),
  };

  // Calls between apps: callers of this app get egress to it, this app gets ingress from them.
  const callers = (definition.calledBy ?? []).filter((caller) => deployed.has(caller));
  const egress = [
    ...(definition.egress ?? []),
    ...callees.map((callee) => AppEgress.toApp(callee.name, (callee.web as WebProcessProps).port)),
  ];

  const base: Omit<AppProps, 'environment' | 'bindings'> = {
    name: definition.name,
    image,
    web: definition.web,
    workers: definition.workers,
    cronJobs: definition.cronJobs,
    release: definition.release,
    env: { ...(definition.env ?? {}), ...fromServices },
    envFrom: definition.envFrom,
    config: definition.config,
    files: definition.files,
    size: definition.size,
    resources: definition.resources,
    volumes: definition.volumes,
    writablePaths: definition.writablePaths,
    runtime: definition.runtime,
    metrics: definition.metrics,
    alerts: definition.alerts,
    allowFrom: callers,
    egress,
  };
  const web: WebProcessProps | undefined = definition.web && {
    ...definition.web,
    replicas: override.replicas ?? definition.web.replicas,
    autoscale: override.autoscale ?? (override.replicas !== undefined ? undefined : definition.web.autoscale),
    hostnames: override.hostnames ?? definition.web.hostnames,
  };
  const workers: Record<string, WorkerProcessProps> | undefined = definition.workers && {};
  for (const [worker, spec] of Object.entries(definition.workers ?? {})) {
    const settings = override.workers?.[worker];
    (workers as Record<string, WorkerProcessProps>)[worker] = {
      ...spec,
      replicas: settings?.replicas ?? spec.replicas,
      size: settings?.size ?? spec.size,
    };
  }
  const props: Omit<AppProps, 'environment' | 'bindings'> = {
    ...base,
    web,
    workers,
    env,
    size: override.size ?? definition.size,
    resources: override.resources ?? definition.resources,
  };

  // Definition problems under the definition's paths; what only the overrides break, under the environment.
  const definitionProblems = appPropsProblems(
    {
      ...base,
      image: AppImage.tag(definition.image, 'definition'),
      environment: { ...environment, production: false },
    },
    definition.name,
  );
  const seen = new Set(definitionProblems.map((p) => `${p.path}\u0000${p.message}`));
  // The rules' messages quote the values they are about: no "got"/"missing" prefix.
  for (const problem of definitionProblems)
    problems.add(`${path}.${problem.path}`, NOT_A_VALUE, problem.message);
  for (const problem of appPropsProblems({ ...props, environment }, definition.name)) {
    if (!seen.has(`${problem.path}\u0000${problem.message}`)) {
      problems.add(
        problem.path === 'image' ? envPath : `${envPath}.${problem.path}`,
        NOT_A_VALUE,
        problem.message,
      );
    }
  }
  if (problems.count > before) return undefined;
  return { name: definition.name, props, bindings };
}
