import { Cron } from 'cdk8s';
import { DataSize } from '../../../config';
import { AppProps, WebProcessProps } from '../../../constructs/workloads/app-props';
import { APP_RULES, appPropsProblems } from '../../../constructs/workloads/app-rules';
import { AppEgress } from '../../../constructs/workloads/app-egress';
import { SecretRef } from '../../../constructs/workloads/app-env';
import { AppImage } from '../../../constructs/workloads/app-image';
import { AppProbe } from '../../../constructs/workloads/app-probe';
import { workloadEnvironment } from '../../support/environments';

const DIGEST = `sha256:${'c'.repeat(64)}`;
const IMAGE = AppImage.tag('team/shop', '1.2.0');
const WEB: WebProcessProps = { port: 8080, readiness: AppProbe.http('/ready') };

function props(extra: Partial<AppProps> = {}): AppProps {
  return { environment: workloadEnvironment('dev'), image: IMAGE, web: WEB, ...extra };
}

describe('appPropsProblems', () => {
  const problems = (p: Partial<AppProps>, name = 'shop') =>
    appPropsProblems(props(p), name).map((x) => x.path);

  test('a valid app has none', () => {
    expect(problems({})).toEqual([]);
  });

  const BAD: [string, Partial<AppProps>, string][] = [
    ['no process', { web: undefined }, 'web'],
    ['a privileged port', { web: { ...WEB, port: 80 } }, 'web.port'],
    [
      'a web process without readiness probe',
      { web: { port: 8080 } as unknown as WebProcessProps },
      'web.readiness',
    ],
    ['a bad readiness probe', { web: { ...WEB, readiness: AppProbe.http('ready') } }, 'web.readiness'],
    ['a bad liveness probe', { web: { ...WEB, liveness: AppProbe.exec([]) } }, 'web.liveness'],
    ['negative replicas', { web: { ...WEB, replicas: -1 } }, 'web.replicas'],
    ['an autoscale minimum of zero', { web: { ...WEB, autoscale: { min: 0, max: 2 } } }, 'web.autoscale.min'],
    [
      'an autoscale maximum below the minimum',
      { web: { ...WEB, autoscale: { min: 3, max: 2 } } },
      'web.autoscale.max',
    ],
    [
      'an autoscale target out of range',
      { web: { ...WEB, autoscale: { min: 1, max: 2, cpuUtilization: 5 } } },
      'web.autoscale.cpuUtilization',
    ],
    ['a bad host name', { web: { ...WEB, hostnames: ['Shop.Example.com'] } }, 'web.hostnames[0]'],
    [
      'host names on an internal app',
      { web: { ...WEB, public: false, hostnames: ['a.example.com'] } },
      'web.hostnames',
    ],
    ['metrics without web', { web: undefined, workers: { w: {} }, metrics: {} }, 'metrics'],
    ['a bad metrics port', { metrics: { port: 0 } }, 'metrics.port'],
    ['a relative metrics path', { metrics: { path: 'metrics' } }, 'metrics.path'],
    ['a bad worker name', { workers: { Mailer: {} } }, 'workers.Mailer'],
    ['a reserved worker name', { workers: { release: {} } }, 'workers.release'],
    ['bad worker replicas', { workers: { w: { replicas: 1.5 } } }, 'workers.w.replicas'],
    [
      'a worker network probe without port',
      { workers: { w: { liveness: AppProbe.tcp() } } },
      'workers.w.liveness',
    ],
    [
      'a cron job name too long for Kubernetes',
      { cronJobs: { ['x'.repeat(50)]: { schedule: Cron.daily() } } },
      `cronJobs.${'x'.repeat(50)}`,
    ],
    [
      'a cron job named like a worker',
      { workers: { w: {} }, cronJobs: { w: { schedule: Cron.daily() } } },
      'cronJobs.w',
    ],
    ['a plain-text secret', { env: { API_TOKEN: 'abc' } }, 'env.API_TOKEN'],
    ['a bad variable name', { env: { 'my-var': 'x' } }, 'env.my-var'],
    ['a secret in the app ConfigMap', { config: { SECRET: 'x' } }, 'config.SECRET'],
    ['a bad envFrom reference', { envFrom: [SecretRef.named('Bad')] }, 'envFrom[0]'],
    ['a relative file path', { files: { 'etc/x': 'y' } }, 'files.etc/x'],
    ['a bad file Secret', { files: { '/etc/x': SecretRef.named('s').key('a b') } }, 'files./etc/x'],
    ['a bad volume name', { volumes: { Data: { path: '/d', size: DataSize.gibibytes(1) } } }, 'volumes.Data'],
    [
      'a relative volume path',
      { volumes: { data: { path: 'd', size: DataSize.gibibytes(1) } } },
      'volumes.data.path',
    ],
    [
      'a volume of part of a GiB',
      { volumes: { data: { path: '/d', size: DataSize.mebibytes(512) } } },
      'volumes.data.size',
    ],
    [
      'volumes with several replicas',
      { web: { ...WEB, replicas: 2 }, volumes: { data: { path: '/d', size: DataSize.gibibytes(1) } } },
      'volumes',
    ],
    [
      'volumes without web',
      { web: undefined, workers: { w: {} }, volumes: { data: { path: '/d', size: DataSize.gibibytes(1) } } },
      'volumes',
    ],
    ['a root writable path', { writablePaths: ['/'] }, 'writablePaths[0]'],
    [
      'a base image by tag',
      {
        runtime: {
          baseImage: AppImage.tag('platform/tomcat', '10'),
          artifactPath: '/a.war',
          mountPath: '/w',
        },
      },
      'runtime.baseImage',
    ],
    [
      'a relative artifact path',
      {
        runtime: {
          baseImage: AppImage.digest('platform/tomcat', DIGEST),
          artifactPath: 'a.war',
          mountPath: '/w',
        },
      },
      'runtime.artifactPath',
    ],
    [
      'a relative artifact mount',
      {
        runtime: {
          baseImage: AppImage.digest('platform/tomcat', DIGEST),
          artifactPath: '/a.war',
          mountPath: 'w',
        },
      },
      'runtime.mountPath',
    ],
    ['a bad caller name', { allowFrom: ['Front End'] }, 'allowFrom[0]'],
    ['callers without web', { web: undefined, workers: { w: {} }, allowFrom: ['x'] }, 'allowFrom'],
    ['a bad egress rule', { egress: [AppEgress.toNetwork('nowhere', [443])] }, 'egress[0]'],
    ['a tag in production', { environment: workloadEnvironment('prod') }, 'image'],
  ];

  test.each(BAD)('reports %s', (_, change, path) => {
    expect(problems(change)).toEqual([path]);
  });

  test('reports a bad app name', () => {
    expect(problems({}, 'Shop')).toEqual(['name']);
  });

  test('every rule of the table is broken by one of the examples above', () => {
    const broken = new Set<string>();
    const examples = [...BAD.map(([, change]) => ({ props: props(change), name: 'shop' }))];
    examples.push({ props: props({}), name: 'Shop' });
    for (const app of examples) {
      for (const appRule of APP_RULES) if (appRule.check(app).length > 0) broken.add(appRule.field);
    }
    expect(APP_RULES.map((r) => r.field).filter((field) => !broken.has(field))).toEqual([]);
  });

  test('each rule has its own field name', () => {
    const fields = APP_RULES.map((r) => r.field);
    expect(new Set(fields).size).toBe(fields.length);
  });

  test('messages say what is wrong with the value given', () => {
    const messages = (p: Partial<AppProps>) => appPropsProblems(props(p), 'shop').map((x) => x.message);
    expect(messages({ web: { ...WEB, port: 80 } })).toEqual([
      '80 must be an unprivileged port from 1024 to 65535 (containers do not run as root)',
    ]);
    expect(messages({ workers: { ['w'.repeat(60)]: {} } })).toEqual([
      `object name "shop-${'w'.repeat(60)}" is longer than 63 characters`,
    ]);
    expect(messages({ workers: { files: {} } })).toEqual(['"files" is reserved']);
    expect(messages({ workers: { w: { liveness: AppProbe.tcp() } } })).toEqual([
      'a worker has no port: give options.port or use AppProbe.exec',
    ]);
  });

  test('problems come in the order of the table, all of them at once', () => {
    expect(
      problems({
        web: { ...WEB, port: 80, replicas: -1 },
        writablePaths: ['/'],
        environment: workloadEnvironment('prod'),
      }),
    ).toEqual(['web.port', 'web.replicas', 'writablePaths[0]', 'image']);
  });
});
