import { NOT_A_VALUE, Problems, DataSize } from '../config';
import { AppImage } from '../constructs/workloads/app-image';
import { SizeClass } from '../constructs/workloads/app-size';
import { BackingEngine } from '../constructs/workloads/backing-service';
import { BackingServiceKind } from '../constructs/workloads/backing-service-connection';
import { MYSQL_ENGINE } from '../constructs/workloads/backing-service-mysql';
import { POSTGRES_ENGINE } from '../constructs/workloads/backing-service-postgres';
import { REDIS_ENGINE } from '../constructs/workloads/backing-service-redis';
import { WorkloadEnvironment } from '../constructs/workloads/workload-environment';
import { BackupPolicy, backupPolicy, backupSettingsProblems } from '../constructs/workloads/backup-policy';
import {
  AppDefinition,
  AppEnvironmentOverride,
  BackingServiceSettings,
  BackingServiceSpec,
} from './app-definition';
import { PlannedApp, appPath, planApp } from './plan-app';

/** The engine of each backing service kind. */
export const BACKING_ENGINES: Readonly<Record<BackingServiceKind, BackingEngine>> = {
  [BackingServiceKind.MYSQL]: MYSQL_ENGINE,
  [BackingServiceKind.POSTGRESQL]: POSTGRES_ENGINE,
  [BackingServiceKind.REDIS]: REDIS_ENGINE,
};

/** A backing service as it will run in one environment. */
export interface PlannedService {
  readonly name: string;
  readonly kind: BackingServiceKind;
  readonly image: AppImage;
  readonly size?: SizeClass;
  readonly storage?: DataSize;
  /** Apps bound to it, in definition order. */
  readonly clients: readonly string[];
  /** Scheduled dumps, when asked for. */
  readonly backup?: BackupPolicy;
}

/** Everything the apps of one environment need. */
export interface EnvironmentPlan {
  readonly apps: readonly PlannedApp[];
  readonly services: readonly PlannedService[];
}

/**
 * Turns the app definitions into what runs in `environment`: each app that lists it gets its overrides
 * applied, its bindings resolved to backing services (shared ones once), and its calls turned into
 * ingress and egress rules. Every problem is recorded on `problems`, with the definition's field path;
 * apps with problems are left out of the plan.
 */
export function planEnvironmentApps(
  definitions: readonly AppDefinition[],
  environment: WorkloadEnvironment,
  problems: Problems,
): EnvironmentPlan {
  const deployed = definitions.filter((d) =>
    Object.prototype.hasOwnProperty.call(d.environments, environment.name),
  );
  const byName = new Map(deployed.map((d) => [d.name, d]));

  // Backing services, shared by identity of their spec.
  const services = new Map<
    string,
    {
      spec: BackingServiceSpec;
      settings: BackingServiceSettings;
      clients: string[];
      owner: string;
      key: string;
      /** Path of the settings' `backup`: the environment's override or the spec. */
      backupPath: string;
    }
  >();
  const bindingsOf = new Map<string, PlannedApp['bindings'][number][]>();
  for (const definition of deployed) {
    const path = appPath(definition.name);
    const override = definition.environments[environment.name] as AppEnvironmentOverride;
    const bindings: PlannedApp['bindings'][number][] = [];
    for (const key of Object.keys(override.services ?? {})) {
      if (!(key in (definition.services ?? {}))) {
        problems.add(
          `${path}.environments.${environment.name}.services.${key}`,
          key,
          `is not a service of ${definition.name}; bound services: ${Object.keys(definition.services ?? {}).join(', ') || 'none'}`,
        );
      }
    }
    for (const [key, spec] of Object.entries(definition.services ?? {})) {
      const name = spec.name ?? `${definition.name}-${key}`;
      const existing = services.get(name);
      const settings = override.services?.[key];
      if (settings !== undefined && spec.name !== undefined) {
        problems.add(
          `${path}.environments.${environment.name}.services.${key}`,
          settings,
          `${name} is shared (it has a name): set its settings in the shared spec, not per app`,
        );
      }
      if (existing && existing.spec !== spec) {
        problems.add(
          `${path}.services.${key}`,
          name,
          `names a service that ${existing.owner} defines differently; share one spec object, or give this one another name`,
        );
        continue;
      }
      if (existing) existing.clients.push(definition.name);
      else
        services.set(name, {
          spec,
          settings: { ...spec, ...settings },
          clients: [definition.name],
          owner: definition.name,
          key,
          backupPath:
            settings?.backup !== undefined
              ? `${path}.environments.${environment.name}.services.${key}.backup`
              : `${path}.services.${key}.backup`,
        });
      bindings.push({ key, service: name, connection: spec.connection(name) });
    }
    bindingsOf.set(definition.name, bindings);
  }

  const plannedServices: PlannedService[] = [];
  for (const [name, { spec, settings, clients, owner, key, backupPath }] of services) {
    const engine = BACKING_ENGINES[spec.kind];
    const path = `${appPath(owner)}.services.${key}`;
    if (!/^[a-z0-9]([-a-z0-9]{0,50}[a-z0-9])?$/.test(name)) {
      problems.add(
        spec.name !== undefined ? `${path}.name` : path,
        name,
        'service names must be DNS-1123 labels of at most 52 characters',
      );
      continue;
    }
    const version =
      settings.digest !== undefined
        ? { digest: settings.digest }
        : { tag: settings.tag ?? engine.defaultImage.tag };
    const imageProblems = AppImage.problemsOf(engine.defaultImage.repository, version);
    // Each message quotes the repository, tag or digest it is about.
    imageProblems.forEach((message) => problems.add(path, NOT_A_VALUE, message));
    if (environment.production && settings.digest === undefined) {
      problems.add(
        `${path}.digest`,
        undefined,
        `runs ${engine.defaultImage.repository}:${version.tag} in production environment ${environment.name}: pin a digest (the one the promoting environment runs)`,
      );
    }
    if (settings.storage !== undefined && !settings.storage.isWholeGibibytes) {
      problems.add(
        `${path}.storage`,
        settings.storage.toString(),
        `storage of ${name} must be whole Gi (Cinder)`,
      );
    }
    const backup = planBackup(settings.backup, backupPath, name, environment, problems);
    if (imageProblems.length > 0) continue;
    plannedServices.push({
      name,
      kind: spec.kind,
      image:
        settings.digest !== undefined
          ? AppImage.digest(engine.defaultImage.repository, settings.digest)
          : AppImage.tag(engine.defaultImage.repository, version.tag as string),
      size: settings.size,
      storage: settings.storage,
      clients,
      backup,
    });
  }

  const apps: PlannedApp[] = [];
  // Who each app calls, from the callees' calledBy lists: one pass, not one per app.
  const calleesOf = new Map<string, AppDefinition[]>();
  for (const callee of deployed) {
    if (!callee.web) continue;
    for (const caller of new Set(callee.calledBy ?? [])) {
      const list = calleesOf.get(caller) ?? [];
      list.push(callee);
      calleesOf.set(caller, list);
    }
  }
  for (const definition of deployed) {
    const planned = planApp(
      definition,
      environment,
      byName,
      calleesOf.get(definition.name) ?? [],
      bindingsOf.get(definition.name) ?? [],
      problems,
    );
    if (planned) apps.push(planned);
  }
  return { apps, services: plannedServices };
}

/** The backup policy of a service's `backup` setting, its problems recorded at `path`. */
function planBackup(
  settings: BackingServiceSettings['backup'],
  path: string,
  service: string,
  environment: WorkloadEnvironment,
  problems: Problems,
): BackupPolicy | undefined {
  if (settings === undefined || settings === false) return undefined;
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
    problems.add(path, settings, 'must be { every?, keep? } (`{}` for the defaults) or false');
    return undefined;
  }
  const found = backupSettingsProblems(settings);
  found.forEach((p) => problems.add(`${path}.${p.field}`, p.value, p.message));
  if (!environment.backupStore) {
    problems.add(path, NOT_A_VALUE, `environment ${environment.name} has no backup store for ${service}`);
    return undefined;
  }
  return found.length === 0 ? backupPolicy(settings) : undefined;
}
