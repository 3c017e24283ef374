/**
 * The rules an app's props must meet, as one table: the `App` construct runs it before building any
 * object, and the app check of the environment charts (apps/plan-environment-apps.ts) runs it on every
 * definition and every environment's overrides. Each rule names the field it is about and reports each
 * problem with its field path and message; a rule lives here and nowhere else.
 */
import { DNS_1123_LABEL } from '../../config';
import { envProblems } from './app-env';
import { RESERVED_PROCESS_NAMES, appObjectName } from './app-object-names';
import { AppProbe, isPort } from './app-probe';
import { AppProps, WebProcessProps } from './app-props';
import { AppPropsProblem, AppRule, AppRuleInput, at, hasAny, keyed, listed, rule, when } from './app-rule';

/** A lower-case DNS name with at least two labels. */
const HOSTNAME = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+$/;
/** Longest Deployment name of a worker (a DNS-1123 label). */
const MAX_WORKER_NAME = 63;
/** CronJob names are limited to 52 characters (the controller appends an 11-character suffix). */
const MAX_CRON_JOB_NAME = 52;
/** Most replicas of one process, by hand or by autoscaling. */
const MAX_REPLICAS = 50;

const web = (app: AppRuleInput): WebProcessProps | undefined => app.props.web;
const isAbsolutePath = (path: string) => path.startsWith('/');

const replicas = (value: number) =>
  when(
    !Number.isInteger(value) || value < 0 || value > MAX_REPLICAS,
    `${value} must be a whole number from 0 to ${MAX_REPLICAS}`,
  );

/** A worker's or cron job's name: a label, short enough for its object name, not a reserved part name. */
const processName = (maxLength: number) => (process: string, app: AppRuleInput) => {
  const full = appObjectName(app.name, process);
  return [
    ...(!DNS_1123_LABEL.test(process)
      ? [`"${process}" must be a DNS-1123 label`]
      : when(full.length > maxLength, `object name "${full}" is longer than ${maxLength} characters`)),
    ...when(RESERVED_PROCESS_NAMES.includes(process), `"${process}" is reserved`),
  ];
};

/** Every rule of an app's props, in the order their problems are reported. */
export const APP_RULES: readonly AppRule[] = [
  rule(
    'name',
    (app) => [['name', app.name]],
    (name) =>
      when(!DNS_1123_LABEL.test(name), `"${name}" must be a DNS-1123 label such as "shop" or "team-a-api"`),
  ),
  rule(
    'web',
    ({ props }) => at('web', props),
    (props) =>
      when(
        !props.web &&
          Object.keys(props.workers ?? {}).length === 0 &&
          Object.keys(props.cronJobs ?? {}).length === 0 &&
          !props.release,
        'an app needs at least one process: web, a worker, a cron job or a release',
      ),
  ),
  rule(
    'web.port',
    (app) => at('web.port', web(app)),
    ({ port }) =>
      when(
        !isPort(port) || port < 1024,
        `${port} must be an unprivileged port from 1024 to 65535 (containers do not run as root)`,
      ),
  ),
  rule(
    'web.readiness',
    (app) => at('web.readiness', web(app)),
    ({ readiness }) =>
      when(
        !(readiness instanceof AppProbe),
        'is required: a web process gets traffic only when ready, e.g. AppProbe.http("/healthz")',
      ),
  ),
  rule(
    'web.<probe>',
    (app) => {
      const process = web(app);
      if (!process) return [];
      return (['readiness', 'liveness', 'startup'] as const).map(
        (probe) => [`web.${probe}`, process[probe]] as const,
      );
    },
    (probe) => (probe instanceof AppProbe ? probe.problems() : []),
  ),
  rule('web.replicas', (app) => at('web.replicas', web(app)?.replicas), replicas),
  rule(
    'web.autoscale.min',
    (app) => at('web.autoscale.min', web(app)?.autoscale?.min),
    (min) => when(!Number.isInteger(min) || min < 1, `${min} must be a whole number of 1 or more`),
  ),
  rule(
    'web.autoscale.max',
    (app) => at('web.autoscale.max', web(app)?.autoscale),
    ({ min, max }) =>
      when(
        !Number.isInteger(max) || max < min || max > MAX_REPLICAS,
        `${max} must be a whole number from min (${min}) to ${MAX_REPLICAS}`,
      ),
  ),
  rule(
    'web.autoscale.cpuUtilization',
    (app) => at('web.autoscale.cpuUtilization', web(app)?.autoscale?.cpuUtilization),
    (target) =>
      when(
        !Number.isInteger(target) || target < 10 || target > 100,
        `${target} must be a whole percentage from 10 to 100`,
      ),
  ),
  rule(
    'web.hostnames[i]',
    (app) => listed('web.hostnames', web(app)?.hostnames),
    (host) =>
      when(!HOSTNAME.test(host), `"${host}" must be a lower-case DNS name such as "blog.example.com"`),
  ),
  rule(
    'web.hostnames',
    (app) => at('web.hostnames', web(app)),
    (process) =>
      when(
        process.public === false && (process.hostnames ?? []).length > 0,
        'only a public web process has host names; remove them or make it public',
      ),
  ),
  rule(
    'metrics',
    ({ props }) => at('metrics', props.metrics),
    (_, app) => when(!web(app), 'needs a web process to scrape'),
  ),
  rule(
    'metrics.port',
    ({ props }) => at('metrics.port', props.metrics?.port),
    (port) => when(!isPort(port), `${port} must be a whole number from 1 to 65535`),
  ),
  rule(
    'metrics.path',
    ({ props }) => at('metrics.path', props.metrics?.path),
    (path) => when(!isAbsolutePath(path), `"${path}" must start with "/"`),
  ),
  rule(
    'workers.<name>',
    ({ props }) => Object.keys(props.workers ?? {}).map((worker) => [`workers.${worker}`, worker] as const),
    processName(MAX_WORKER_NAME),
  ),
  rule(
    'workers.<name>.replicas',
    ({ props }) =>
      Object.entries(props.workers ?? {}).flatMap(([worker, spec]) =>
        at(`workers.${worker}.replicas`, spec.replicas),
      ),
    replicas,
  ),
  rule(
    'workers.<name>.liveness',
    ({ props }) =>
      Object.entries(props.workers ?? {}).flatMap(([worker, spec]) =>
        at(`workers.${worker}.liveness`, spec.liveness),
      ),
    (probe) => [
      ...probe.problems(),
      ...when(
        probe.needsPort && probe.options.port === undefined,
        'a worker has no port: give options.port or use AppProbe.exec',
      ),
    ],
  ),
  rule(
    'cronJobs.<name>',
    ({ props }) => Object.keys(props.cronJobs ?? {}).map((cron) => [`cronJobs.${cron}`, cron] as const),
    processName(MAX_CRON_JOB_NAME),
  ),
  rule(
    'cronJobs.<name> (a worker too)',
    ({ props }) =>
      Object.keys(props.cronJobs ?? {})
        .filter((cron) => cron in (props.workers ?? {}))
        .map((both) => [`cronJobs.${both}`, both] as const),
    (both, app) => [`is also a worker name; ${appObjectName(app.name, both)} would name two workloads`],
  ),
  rule(
    'env.<NAME>',
    ({ props }) => envProblems(props.env ?? {}).map((p) => [`env.${p.name}`, p.message] as const),
    (message) => [message],
  ),
  rule(
    'config.<NAME>',
    ({ props }) => envProblems(props.config ?? {}).map((p) => [`config.${p.name}`, p.message] as const),
    (message) => [message],
  ),
  rule(
    'envFrom[i]',
    ({ props }) => listed('envFrom', props.envFrom),
    (ref) => ref.problems(),
  ),
  rule(
    'files.<path>',
    ({ props }) => Object.keys(props.files ?? {}).map((path) => [`files.${path}`, path] as const),
    (path) => when(!isAbsolutePath(path) || path.endsWith('/'), 'must be an absolute file path'),
  ),
  rule(
    'files.<path> (Secret key)',
    ({ props }) => keyed('files', props.files),
    (content) => (typeof content === 'string' ? [] : content.problems()),
  ),
  rule(
    'volumes.<name>',
    ({ props }) => Object.keys(props.volumes ?? {}).map((volume) => [`volumes.${volume}`, volume] as const),
    (volume) => when(!DNS_1123_LABEL.test(volume), 'volume names must be DNS-1123 labels'),
  ),
  rule(
    'volumes.<name>.path',
    ({ props }) =>
      Object.entries(props.volumes ?? {}).map(
        ([volume, spec]) => [`volumes.${volume}.path`, spec.path] as const,
      ),
    (path) => when(!isAbsolutePath(path), `"${path}" must be an absolute path`),
  ),
  rule(
    'volumes.<name>.size',
    ({ props }) =>
      Object.entries(props.volumes ?? {}).map(
        ([volume, spec]) => [`volumes.${volume}.size`, spec.size] as const,
      ),
    (size) => when(!size.isWholeGibibytes, `${size.toString()} must be whole Gi (Cinder)`),
  ),
  rule(
    'volumes',
    ({ props }) => at('volumes', hasAny(props.volumes)),
    (_, app) => when(!web(app), 'are mounted in the web process; this app has none'),
  ),
  rule(
    'volumes (one replica)',
    ({ props }) => at('volumes', hasAny(props.volumes)),
    (_, app) =>
      when(
        web(app)?.autoscale !== undefined || (web(app)?.replicas ?? 1) > 1,
        'a Cinder volume attaches to one node: an app with volumes runs exactly one web replica',
      ),
  ),
  rule(
    'writablePaths[i]',
    ({ props }) => listed('writablePaths', props.writablePaths),
    (path) => when(!isAbsolutePath(path) || path === '/', `"${path}" must be an absolute directory`),
  ),
  rule(
    'runtime.baseImage',
    ({ props }) => at('runtime.baseImage', props.runtime?.baseImage),
    (image) => when(!image.isDigest, 'must be a digest: one base image, identical in every environment'),
  ),
  rule(
    'runtime.artifactPath',
    ({ props }) => at('runtime.artifactPath', props.runtime?.artifactPath),
    (path) => when(!isAbsolutePath(path), 'must be an absolute path'),
  ),
  rule(
    'runtime.mountPath',
    ({ props }) => at('runtime.mountPath', props.runtime?.mountPath),
    (path) => when(!isAbsolutePath(path), 'must be an absolute path'),
  ),
  rule(
    'allowFrom[i]',
    ({ props }) => listed('allowFrom', props.allowFrom),
    (caller) => when(!DNS_1123_LABEL.test(caller), `"${caller}" must be an app name`),
  ),
  rule(
    'allowFrom',
    ({ props }) => at('allowFrom', hasAny(props.allowFrom)),
    (_, app) => when(!web(app), 'needs a web process to receive calls'),
  ),
  rule(
    'egress[i]',
    ({ props }) => listed('egress', props.egress),
    (egress) => egress.problems(),
  ),
  rule(
    'image',
    ({ props }) => at('image', props.image),
    (image, { props }) =>
      when(
        props.environment.production && !image.isDigest,
        `${image.toString()} must be a digest in production environment ${props.environment.name}`,
      ),
  ),
];

/** Every problem with an app's props (empty when valid): every rule of `APP_RULES`, in order. */
export function appPropsProblems(props: AppProps, name: string): AppPropsProblem[] {
  return APP_RULES.flatMap((appRule) => appRule.check({ props, name }));
}
