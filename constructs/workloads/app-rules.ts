/**
 * The rules an app's props must meet, checked before any object is built (and by the app check of the
 * environment charts), each problem with its field path.
 */
import { envProblems } from './app-env';
import { AppProbe, isPort } from './app-probe';
import { AppProps } from './app-props';

/** A DNS-1123 label (app, process and volume names). */
const LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** A lower-case DNS name with at least two labels. */
const HOSTNAME = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+$/;
/** CronJob names are limited to 52 characters (the controller appends an 11-character suffix). */
const MAX_CRON_JOB_NAME = 52;

/** A problem with an app's props: the field path inside the props and what is wrong. */
export interface AppPropsProblem {
  readonly path: string;
  readonly message: string;
}

/** Every problem with an app's props (empty when valid). */
export function appPropsProblems(props: AppProps, name: string): AppPropsProblem[] {
  const problems: AppPropsProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  if (!LABEL.test(name)) add('name', `"${name}" must be a DNS-1123 label such as "shop" or "team-a-api"`);
  const processes = [
    ...(props.web ? ['web'] : []),
    ...Object.keys(props.workers ?? {}),
    ...Object.keys(props.cronJobs ?? {}),
    ...(props.release ? ['release'] : []),
  ];
  if (processes.length === 0)
    add('web', 'an app needs at least one process: web, a worker, a cron job or a release');

  const web = props.web;
  if (web) {
    if (!isPort(web.port) || web.port < 1024) {
      add(
        'web.port',
        `${web.port} must be an unprivileged port from 1024 to 65535 (containers do not run as root)`,
      );
    }
    if (!(web.readiness instanceof AppProbe)) {
      add(
        'web.readiness',
        'is required: a web process gets traffic only when ready, e.g. AppProbe.http("/healthz")',
      );
    }
    for (const [field, probe] of [
      ['readiness', web.readiness],
      ['liveness', web.liveness],
      ['startup', web.startup],
    ] as const) {
      if (probe instanceof AppProbe) probe.problems().forEach((m) => add(`web.${field}`, m));
    }
    checkReplicas(add, 'web.replicas', web.replicas);
    if (web.autoscale) {
      const { min, max, cpuUtilization } = web.autoscale;
      if (!Number.isInteger(min) || min < 1)
        add('web.autoscale.min', `${min} must be a whole number of 1 or more`);
      if (!Number.isInteger(max) || max < min || max > 50) {
        add('web.autoscale.max', `${max} must be a whole number from min (${min}) to 50`);
      }
      if (
        cpuUtilization !== undefined &&
        (!Number.isInteger(cpuUtilization) || cpuUtilization < 10 || cpuUtilization > 100)
      ) {
        add('web.autoscale.cpuUtilization', `${cpuUtilization} must be a whole percentage from 10 to 100`);
      }
    }
    (web.hostnames ?? []).forEach((host, i) => {
      if (!HOSTNAME.test(host))
        add(`web.hostnames[${i}]`, `"${host}" must be a lower-case DNS name such as "blog.example.com"`);
    });
    if (web.public === false && (web.hostnames ?? []).length > 0) {
      add('web.hostnames', 'only a public web process has host names; remove them or make it public');
    }
  }
  if (props.metrics && !web) add('metrics', 'needs a web process to scrape');
  if (props.metrics?.port !== undefined && !isPort(props.metrics.port)) {
    add('metrics.port', `${props.metrics.port} must be a whole number from 1 to 65535`);
  }
  if (props.metrics?.path !== undefined && !props.metrics.path.startsWith('/')) {
    add('metrics.path', `"${props.metrics.path}" must start with "/"`);
  }

  for (const [worker, spec] of Object.entries(props.workers ?? {})) {
    checkProcessName(add, `workers.${worker}`, name, worker, 63);
    checkReplicas(add, `workers.${worker}.replicas`, spec.replicas);
    spec.liveness?.problems().forEach((m) => add(`workers.${worker}.liveness`, m));
    if (spec.liveness?.needsPort && spec.liveness.options.port === undefined) {
      add(`workers.${worker}.liveness`, 'a worker has no port: give options.port or use AppProbe.exec');
    }
  }
  for (const cron of Object.keys(props.cronJobs ?? {})) {
    checkProcessName(add, `cronJobs.${cron}`, name, cron, MAX_CRON_JOB_NAME);
  }
  if (props.workers && props.cronJobs) {
    for (const both of Object.keys(props.workers).filter((w) => w in (props.cronJobs ?? {}))) {
      add(`cronJobs.${both}`, `is also a worker name; ${name}-${both} would name two workloads`);
    }
  }

  envProblems(props.env ?? {}).forEach((p) => add(`env.${p.name}`, p.message));
  envProblems(props.config ?? {}).forEach((p) => add(`config.${p.name}`, p.message));
  (props.envFrom ?? []).forEach((ref, i) => ref.problems().forEach((m) => add(`envFrom[${i}]`, m)));
  for (const [path, content] of Object.entries(props.files ?? {})) {
    if (!path.startsWith('/') || path.endsWith('/')) add(`files.${path}`, 'must be an absolute file path');
    if (typeof content !== 'string') content.problems().forEach((m) => add(`files.${path}`, m));
  }

  const volumes = Object.entries(props.volumes ?? {});
  for (const [volume, spec] of volumes) {
    if (!LABEL.test(volume)) add(`volumes.${volume}`, 'volume names must be DNS-1123 labels');
    if (!spec.path.startsWith('/')) add(`volumes.${volume}.path`, `"${spec.path}" must be an absolute path`);
    if (!spec.size.isWholeGibibytes)
      add(`volumes.${volume}.size`, `${spec.size.toString()} must be whole Gi (Cinder)`);
  }
  if (volumes.length > 0) {
    if (!web) add('volumes', 'are mounted in the web process; this app has none');
    if (web?.autoscale || (web?.replicas ?? 1) > 1) {
      add(
        'volumes',
        'a Cinder volume attaches to one node: an app with volumes runs exactly one web replica',
      );
    }
  }
  (props.writablePaths ?? []).forEach((path, i) => {
    if (!path.startsWith('/') || path === '/')
      add(`writablePaths[${i}]`, `"${path}" must be an absolute directory`);
  });
  if (props.runtime) {
    if (!props.runtime.baseImage.isDigest) {
      add('runtime.baseImage', 'must be a digest: one base image, identical in every environment');
    }
    if (!props.runtime.artifactPath.startsWith('/')) add('runtime.artifactPath', 'must be an absolute path');
    if (!props.runtime.mountPath.startsWith('/')) add('runtime.mountPath', 'must be an absolute path');
  }
  (props.allowFrom ?? []).forEach((app, i) => {
    if (!LABEL.test(app)) add(`allowFrom[${i}]`, `"${app}" must be an app name`);
  });
  if ((props.allowFrom ?? []).length > 0 && !web) add('allowFrom', 'needs a web process to receive calls');
  (props.egress ?? []).forEach((rule, i) => rule.problems().forEach((m) => add(`egress[${i}]`, m)));
  if (props.environment.production && !props.image.isDigest) {
    add(
      'image',
      `${props.image.toString()} must be a digest in production environment ${props.environment.name}`,
    );
  }
  return problems;
}

function checkReplicas(
  add: (path: string, message: string) => void,
  path: string,
  replicas: number | undefined,
): void {
  if (replicas !== undefined && (!Number.isInteger(replicas) || replicas < 0 || replicas > 50)) {
    add(path, `${replicas} must be a whole number from 0 to 50`);
  }
}

function checkProcessName(
  add: (path: string, message: string) => void,
  path: string,
  app: string,
  process: string,
  maxLength: number,
): void {
  const full = `${app}-${process}`;
  if (!LABEL.test(process)) add(path, `"${process}" must be a DNS-1123 label`);
  else if (full.length > maxLength) add(path, `object name "${full}" is longer than ${maxLength} characters`);
  if (process === 'release' || process === 'files') add(path, `"${process}" is reserved`);
}
