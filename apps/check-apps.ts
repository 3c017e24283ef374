import {
  DNS_1123_LABEL,
  NOT_A_VALUE,
  Problem,
  Problems,
  ResolvedCluster,
  ResolvedEnvironment,
  ResolvedPlatform,
  closestName,
  promotionSources,
} from '../config';
import {
  EnvironmentNetworkPolicy,
  appHostName,
  gatewayCertificateNames,
  servedByGateway,
} from '../config/platform-names';
import { appFilesName, appObjectName } from '../constructs/workloads/app-object-names';
import { credentialsSecretName } from '../constructs/workloads/backing-service-connection';
import { backupName, restoreName } from '../constructs/workloads/backing-service-backup';
import { BACKUP_KEY_SECRET, BACKUP_STORE_SECRET } from '../constructs/workloads/backup-store';
import { AppDefinition, AppEnvironmentOverride, BackingServiceSettings } from './app-definition';
import { appPath } from './plan-app';
import { PlannedService, planEnvironmentApps } from './plan-environment-apps';
import {
  ENVIRONMENT_CONFIG_MAP,
  ENVIRONMENT_POLICY_NAME,
  workloadEnvironmentOf,
} from './workload-environment-of';

/** Object names the environment chart itself uses in every namespace. */
const ENVIRONMENT_OBJECT_NAMES: readonly string[] = [
  ENVIRONMENT_POLICY_NAME,
  ENVIRONMENT_CONFIG_MAP,
  ...Object.values(EnvironmentNetworkPolicy),
  BACKUP_KEY_SECRET,
  BACKUP_STORE_SECRET,
];

/**
 * Checks the app definitions against the platform before anything is built, and reports every problem
 * at once: each environment's plan (overrides, bindings, processes), names that would collide, host
 * names claimed twice on a cluster, environment keys that look like typos, and promotion: an
 * environment that promotes from another runs exactly the image digests that one runs.
 */
export function checkApps(apps: readonly AppDefinition[], platform: ResolvedPlatform): Problem[] {
  const problems = new Problems();
  const names = new Map<string, number>();
  apps.forEach((app, i) => {
    const first = names.get(app.name);
    if (first !== undefined) {
      problems.add(
        appPath(app.name),
        app.name,
        `is defined twice (apps ${first} and ${i} of the registry); app names are unique`,
      );
    } else {
      names.set(app.name, i);
    }
  });
  const environmentNames = platform.environments.map((e) => e.name);
  for (const app of apps) {
    for (const key of Object.keys(app.environments)) {
      if (environmentNames.includes(key)) continue;
      if (!DNS_1123_LABEL.test(key)) {
        problems.add(
          `${appPath(app.name)}.environments.${key}`,
          key,
          'must be an environment name (a DNS-1123 label)',
        );
        continue;
      }
      const near = closestName(key, environmentNames);
      if (near) {
        problems.add(
          `${appPath(app.name)}.environments.${key}`,
          key,
          `is not an environment of the platform; did you mean "${near}"? (${environmentNames.join(', ')})`,
        );
      }
    }
    (app.calledBy ?? []).forEach((caller, i) => {
      if (!names.has(caller)) {
        problems.add(
          `${appPath(app.name)}.calledBy[${i}]`,
          caller,
          `must name a registered app (${[...names.keys()].join(', ')})`,
        );
      }
    });
  }

  for (const environment of platform.environments) {
    const cluster = platform.clusters.find((c) => c.name === environment.cluster) as ResolvedCluster;
    const plan = planEnvironmentApps(apps, workloadEnvironmentOf(environment, cluster), problems);
    checkObjectNames(
      problems,
      environment,
      plan.apps.map((a) => a.name),
      apps,
      plan.services,
    );
    checkPromotion(problems, environment, platform.environments, apps);
  }
  checkHostnames(problems, apps, platform);

  // One problem per path and message: a definition problem shows up in every environment's plan.
  const seen = new Set<string>();
  return problems.all.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function checkObjectNames(
  problems: Problems,
  environment: ResolvedEnvironment,
  deployed: readonly string[],
  apps: readonly AppDefinition[],
  services: readonly PlannedService[],
): void {
  const owners = new Map<string, string>();
  const claim = (name: string, owner: string, path: string) => {
    const other = owners.get(name);
    if (other !== undefined && other !== owner) {
      problems.add(
        path,
        name,
        `in ${environment.name}, object name "${name}" is taken by ${other}; rename one of them`,
      );
    } else {
      owners.set(name, owner);
    }
  };
  for (const name of ENVIRONMENT_OBJECT_NAMES) owners.set(name, 'the environment itself');
  for (const app of apps.filter((a) => deployed.includes(a.name))) {
    const path = appPath(app.name);
    claim(app.name, `app ${app.name}`, `${path}.name`);
    for (const worker of Object.keys(app.workers ?? {}))
      claim(appObjectName(app.name, worker), `app ${app.name}`, `${path}.workers.${worker}`);
    for (const cron of Object.keys(app.cronJobs ?? {}))
      claim(appObjectName(app.name, cron), `app ${app.name}`, `${path}.cronJobs.${cron}`);
    for (const volume of Object.keys(app.volumes ?? {}))
      claim(appObjectName(app.name, volume), `app ${app.name}`, `${path}.volumes.${volume}`);
    if (app.files) claim(appFilesName(app.name), `app ${app.name}`, `${path}.files`);
  }
  for (const { name: service, backup } of services) {
    const names = [service, credentialsSecretName(service)];
    if (backup) names.push(backupName(service), restoreName(service));
    for (const name of names) claim(name, `service ${service}`, `services.${service}`);
  }
}

function checkPromotion(
  problems: Problems,
  environment: ResolvedEnvironment,
  environments: readonly ResolvedEnvironment[],
  apps: readonly AppDefinition[],
): void {
  const sources = promotionSources(environment, environments);
  if (sources.length === 0) return;
  for (const app of apps) {
    const target = app.environments[environment.name] as AppEnvironmentOverride | undefined;
    if (!target) continue;
    const path = `${appPath(app.name)}.environments.${environment.name}`;
    // The nearest source the app runs in: a team opts in to a new environment by running there.
    const source = sources.find((name) => app.environments[name] !== undefined);
    if (source === undefined) {
      problems.add(
        path,
        NOT_A_VALUE,
        `${environment.name} promotes from ${sources.join(', then ')}, but ${app.name} runs in none of them: deploy it to ${sources[sources.length - 1]} first`,
      );
      continue;
    }
    const tested = app.environments[source] as AppEnvironmentOverride;
    if (target.digest === undefined) {
      problems.add(
        `${path}.tag`,
        target.tag,
        `${environment.name} promotes from ${source}: give the digest ${source} runs, not a tag`,
      );
    } else if (tested.digest === undefined) {
      problems.add(
        `${path}.digest`,
        target.digest,
        `${source} runs tag "${tested.tag}", not a digest: pin ${source} to the digest you promote so what runs here is what ${source} tested`,
      );
    } else if (tested.digest !== target.digest) {
      problems.add(
        `${path}.digest`,
        target.digest,
        `is not what ${source} runs (${tested.digest}): promote the digest ${source} tested`,
      );
    }
    for (const [key, spec] of Object.entries(app.services ?? {})) {
      const here: BackingServiceSettings = { ...spec, ...(target.services?.[key] ?? {}) };
      const there: BackingServiceSettings = { ...spec, ...(tested.services?.[key] ?? {}) };
      if (here.digest !== undefined && here.digest !== there.digest) {
        problems.add(
          `${path}.services.${key}.digest`,
          here.digest,
          `is not what ${source} runs (${there.digest ?? `tag ${there.tag ?? 'default'}`}): promote the image ${source} tested`,
        );
      }
    }
  }
}

function checkHostnames(
  problems: Problems,
  apps: readonly AppDefinition[],
  platform: ResolvedPlatform,
): void {
  for (const cluster of platform.clusters) {
    const owners = new Map<string, string>();
    const environments = platform.environments.filter((e) => e.cluster === cluster.name);
    const certificateNames = gatewayCertificateNames(
      cluster.domain,
      environments.map((e) => e.name),
    );
    for (const environment of environments) {
      const hostDomain = workloadEnvironmentOf(environment, cluster).hostDomain;
      for (const app of apps) {
        const override = app.environments[environment.name] as AppEnvironmentOverride | undefined;
        if (!override || !app.web || app.web.public === false) continue;
        const owner = `${app.name} in ${environment.name}`;
        const extraPath =
          override.hostnames !== undefined
            ? `${appPath(app.name)}.environments.${environment.name}.hostnames`
            : `${appPath(app.name)}.web.hostnames`;
        const extra = override.hostnames ?? app.web.hostnames ?? [];
        extra.forEach((host, i) => {
          if (!servedByGateway(host, certificateNames)) {
            problems.add(
              `${extraPath}[${i}]`,
              host,
              `is not served by the shared Gateway of cluster ${cluster.name}, which terminates TLS only for ` +
                `${certificateNames.join(', ')}; use one label under one of these names (such as ` +
                `"${host.split('.')[0]}.${hostDomain}") or remove it`,
            );
          }
        });
        const hosts = [appHostName(app.name, hostDomain), ...extra];
        hosts.forEach((host, i) => {
          const other = owners.get(host);
          if (other !== undefined && other !== owner) {
            problems.add(
              i === 0
                ? `${appPath(app.name)}.environments.${environment.name}.hostnames`
                : `${extraPath}[${i - 1}]`,
              host,
              `is already routed to ${other} on cluster ${cluster.name}; a host name belongs to one app`,
            );
          } else {
            owners.set(host, owner);
          }
        });
      }
    }
  }
}
