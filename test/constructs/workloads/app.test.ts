import { Cron, Duration, Testing } from 'cdk8s';
import { DataSize } from '../../../config';
import { App } from '../../../constructs/workloads/app';
import { AppProps, WebProcessProps } from '../../../constructs/workloads/app-props';
import { AppEgress } from '../../../constructs/workloads/app-egress';
import { ConfigMapRef, SecretRef } from '../../../constructs/workloads/app-env';
import { AppImage } from '../../../constructs/workloads/app-image';
import { AppProbe } from '../../../constructs/workloads/app-probe';
import { SizeClass } from '../../../constructs/workloads/app-size';
import { mysqlConnection } from '../../../constructs/workloads/backing-service-mysql';
import { Json, at, find, namesOf, testChart, workloadEnvironment } from '../../support/environments';

const DIGEST = `sha256:${'c'.repeat(64)}`;
const IMAGE = AppImage.tag('team/shop', '1.2.0');
const WEB: WebProcessProps = { port: 8080, readiness: AppProbe.http('/ready') };

function props(extra: Partial<AppProps> = {}): AppProps {
  return { environment: workloadEnvironment('dev'), image: IMAGE, web: WEB, ...extra };
}

function synth(appProps: AppProps, id = 'shop'): Json[] {
  const chart = testChart();
  new App(chart, id, appProps);
  return Testing.synth(chart) as Json[];
}

const podSpec = (o: Json, path: (string | number)[] = ['spec', 'template', 'spec']) => at(o, ...path) as Json;
const container = (o: Json, path?: (string | number)[]) => (podSpec(o, path).containers as Json[])[0];

describe('App: a web app', () => {
  test('synthesizes a full-featured app to the reviewed objects', () => {
    const objects = synth(
      props({
        web: { ...WEB, liveness: AppProbe.tcp(), replicas: 2, hostnames: ['shop.example.com'] },
        workers: { mailer: { command: ['shop', 'mail'] } },
        cronJobs: { nightly: { command: ['shop', 'report'], schedule: Cron.daily() } },
        release: { command: ['shop', 'migrate'] },
        config: { FEATURE: 'on' },
        files: {
          '/etc/shop/app.yaml': 'a: 1\n',
          '/etc/shop/key.pem': SecretRef.named('shop-tls').key('tls.key'),
        },
        metrics: { port: 9090 },
        bindings: {
          database: {
            prefix: 'DATABASE',
            connection: mysqlConnection('shop-database'),
            selector: { 'app.kubernetes.io/name': 'shop-database' },
          },
        },
        allowFrom: ['frontend'],
        egress: [AppEgress.toNetwork('192.0.2.0/24', [587])],
      }),
    );
    expect(objects).toMatchSnapshot();
  });

  test('names every object after the app: web gets the bare name', () => {
    const objects = synth(props());
    expect(namesOf(objects).sort()).toEqual([
      'Deployment/shop',
      'HTTPRoute/shop',
      'PrometheusRule/shop',
      'Service/shop',
      'ServiceAccount/shop',
    ]);
    expect(objects.every((o) => at(o, 'metadata', 'namespace') === 'dev')).toBe(true);
  });

  test('routes <app>.<env>.apps.<domain> and custom host names through the shared Gateway', () => {
    const route = find(
      synth(props({ web: { ...WEB, hostnames: ['shop.example.com'] } })),
      'HTTPRoute',
      'shop',
    );
    expect(at(route, 'spec')).toEqual({
      parentRefs: [{ name: 'apps', namespace: 'gateway', sectionName: 'https' }],
      hostnames: ['shop.dev.apps.main.berth.example.com', 'shop.example.com'],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/' } }],
          backendRefs: [{ name: 'shop', port: 80 }],
        },
      ],
    });
  });

  test('an internal web process has no route and is not reachable from the Gateway', () => {
    const objects = synth(props({ web: { ...WEB, public: false } }));
    expect(objects.some((o) => o.kind === 'HTTPRoute')).toBe(false);
    expect(
      at(find(objects, 'Deployment', 'shop'), 'spec', 'template', 'metadata', 'labels', 'berth.dev/gateway'),
    ).toBeUndefined();
  });

  test('the Service answers on port 80 for the web port', () => {
    const service = find(synth(props()), 'Service', 'shop');
    expect(at(service, 'spec', 'ports')).toEqual([
      { name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' },
    ]);
    expect(at(service, 'spec', 'selector')).toEqual({
      'app.kubernetes.io/name': 'shop',
      'app.kubernetes.io/component': 'web',
    });
  });

  test('pods are restricted: non-root, no escalation, no capabilities, read-only root, writable /tmp, RuntimeDefault', () => {
    const deployment = find(synth(props({ writablePaths: ['/var/cache/shop'] })), 'Deployment', 'shop');
    const spec = podSpec(deployment);
    expect(spec.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(spec.automountServiceAccountToken).toBe(false);
    expect(container(deployment).securityContext).toEqual({
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container(deployment).volumeMounts).toEqual([
      { name: 'tmp', mountPath: '/tmp' },
      { name: 'writable-0', mountPath: '/var/cache/shop' },
    ]);
    expect(spec.volumes).toEqual([
      { name: 'tmp', emptyDir: {} },
      { name: 'writable-0', emptyDir: {} },
    ]);
  });

  test('pulls a tag whenever a pod starts (it may move), a digest only once', () => {
    expect(container(find(synth(props()), 'Deployment', 'shop')).imagePullPolicy).toBe('Always');
    const pinned = synth(props({ image: AppImage.digest('team/shop', DIGEST) }));
    expect(container(find(pinned, 'Deployment', 'shop')).imagePullPolicy).toBe('IfNotPresent');
  });

  test('rolls out without losing capacity', () => {
    expect(at(find(synth(props()), 'Deployment', 'shop'), 'spec', 'strategy')).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 },
    });
  });

  test('one replica: no disruption budget and no spread', () => {
    const objects = synth(props());
    expect(objects.some((o) => o.kind === 'PodDisruptionBudget')).toBe(false);
    expect(podSpec(find(objects, 'Deployment', 'shop')).topologySpreadConstraints).toBeUndefined();
  });

  test('several replicas: a disruption budget of one and a spread over nodes and zones', () => {
    const objects = synth(props({ web: { ...WEB, replicas: 3 } }));
    expect(at(find(objects, 'Deployment', 'shop'), 'spec', 'replicas')).toBe(3);
    expect(at(find(objects, 'PodDisruptionBudget', 'shop'), 'spec', 'maxUnavailable')).toBe(1);
    const spread = podSpec(find(objects, 'Deployment', 'shop')).topologySpreadConstraints as Json[];
    expect(spread.map((s) => [s.topologyKey, s.whenUnsatisfiable, s.maxSkew])).toEqual([
      ['kubernetes.io/hostname', 'DoNotSchedule', 1],
      ['topology.kubernetes.io/zone', 'ScheduleAnyway', 1],
    ]);
  });

  test('autoscaling: the autoscaler owns the replica count, the budget follows its minimum', () => {
    const objects = synth(
      props({ web: { ...WEB, replicas: 5, autoscale: { min: 2, max: 6, cpuUtilization: 60 } } }),
    );
    expect(at(find(objects, 'Deployment', 'shop'), 'spec', 'replicas')).toBeUndefined();
    expect(at(find(objects, 'HorizontalPodAutoscaler', 'shop'), 'spec')).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'shop' },
      minReplicas: 2,
      maxReplicas: 6,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } },
        },
      ],
    });
    expect(find(objects, 'PodDisruptionBudget', 'shop')).toBeDefined();
  });

  test('resources by size class, overridable per process', () => {
    const objects = synth(
      props({
        size: SizeClass.M,
        web: { ...WEB, size: SizeClass.L },
        workers: { mailer: { command: ['m'], resources: { memory: DataSize.mebibytes(300) } } },
      }),
    );
    expect(at(container(find(objects, 'Deployment', 'shop')), 'resources', 'requests')).toEqual({
      cpu: '500m',
      memory: '1Gi',
    });
    expect(at(container(find(objects, 'Deployment', 'shop-mailer')), 'resources')).toEqual({
      requests: { cpu: '100m', memory: '300Mi' },
      limits: { cpu: '1', memory: '300Mi' },
    });
  });

  test('volumes: a Cinder claim per volume, the volume group, and replacement instead of a rolling update', () => {
    const objects = synth(
      props({ volumes: { uploads: { path: '/srv/uploads', size: DataSize.gibibytes(3) } } }),
    );
    expect(at(find(objects, 'PersistentVolumeClaim', 'shop-uploads'), 'spec')).toEqual({
      accessModes: ['ReadWriteOnce'],
      storageClassName: 'cinder',
      resources: { requests: { storage: '3Gi' } },
    });
    const deployment = find(objects, 'Deployment', 'shop');
    expect(at(deployment, 'spec', 'strategy')).toEqual({ type: 'Recreate' });
    expect(podSpec(deployment).securityContext).toMatchObject({
      fsGroup: 2000,
      fsGroupChangePolicy: 'OnRootMismatch',
    });
    expect(container(deployment).volumeMounts).toContainEqual({
      name: 'volume-uploads',
      mountPath: '/srv/uploads',
    });
  });
});

describe('App: configuration', () => {
  test('every process reads the environment ConfigMap, the app ConfigMap and the referenced Secrets', () => {
    const objects = synth(
      props({
        config: { FEATURE: 'on' },
        envFrom: [SecretRef.named('shop-api'), ConfigMapRef.named('shared')],
        env: { MODE: 'fast', STRIPE_KEY: SecretRef.named('stripe').key('key') },
      }),
    );
    expect(at(find(objects, 'ConfigMap', 'shop'), 'data')).toEqual({ FEATURE: 'on' });
    const web = container(find(objects, 'Deployment', 'shop'));
    expect(web.envFrom).toEqual([
      { configMapRef: { name: 'environment' } },
      { configMapRef: { name: 'shop' } },
      { secretRef: { name: 'shop-api' } },
      { configMapRef: { name: 'shared' } },
    ]);
    expect(web.env).toEqual([
      { name: 'MODE', value: 'fast' },
      { name: 'STRIPE_KEY', valueFrom: { secretKeyRef: { name: 'stripe', key: 'key' } } },
    ]);
    expect(objects.some((o) => o.kind === 'Secret')).toBe(false);
  });

  test('files: text in the app files ConfigMap, Secret keys from their Secret, each at its path', () => {
    const objects = synth(
      props({
        files: { '/etc/shop/app.yaml': 'a: 1\n', '/etc/shop/key.pem': SecretRef.named('tls').key('tls.key') },
      }),
    );
    expect(at(find(objects, 'ConfigMap', 'shop-files'), 'data')).toEqual({ 'etc_shop_app.yaml': 'a: 1\n' });
    const deployment = find(objects, 'Deployment', 'shop');
    expect(container(deployment).volumeMounts).toEqual(
      expect.arrayContaining([
        { name: 'files', mountPath: '/etc/shop/app.yaml', subPath: 'etc_shop_app.yaml', readOnly: true },
        { name: 'secret-file-0', mountPath: '/etc/shop/key.pem', subPath: 'value', readOnly: true },
      ]),
    );
    expect(podSpec(deployment).volumes).toEqual(
      expect.arrayContaining([
        { name: 'files', configMap: { name: 'shop-files' } },
        { name: 'secret-file-0', secret: { secretName: 'tls', items: [{ key: 'tls.key', path: 'value' }] } },
      ]),
    );
  });

  test('a binding injects DATABASE_URL-style variables by reference and opens egress to the service', () => {
    const objects = synth(
      props({
        bindings: {
          database: {
            prefix: 'DATABASE',
            connection: mysqlConnection('shop-database'),
            selector: {
              'app.kubernetes.io/name': 'shop-database',
              'app.kubernetes.io/component': 'database',
            },
          },
        },
      }),
    );
    const secret = (key: string) => ({ secretKeyRef: { name: 'shop-database-credentials', key } });
    expect(container(find(objects, 'Deployment', 'shop')).env).toEqual([
      { name: 'DATABASE_URL', valueFrom: secret('url') },
      { name: 'DATABASE_HOST', value: 'shop-database' },
      { name: 'DATABASE_PORT', value: '3306' },
      { name: 'DATABASE_NAME', value: 'app' },
      { name: 'DATABASE_USER', value: 'app' },
      { name: 'DATABASE_PASSWORD', valueFrom: secret('password') },
    ]);
    expect(at(find(objects, 'NetworkPolicy', 'shop'), 'spec')).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'shop' } },
      policyTypes: ['Egress'],
      egress: [
        {
          to: [
            {
              podSelector: {
                matchLabels: {
                  'app.kubernetes.io/name': 'shop-database',
                  'app.kubernetes.io/component': 'database',
                },
              },
            },
          ],
          ports: [{ protocol: 'TCP', port: 3306 }],
        },
      ],
    });
  });

  test('declared callers and Prometheus may reach the app, nothing else', () => {
    const policy = find(
      synth(props({ allowFrom: ['web-b', 'web-a'], metrics: {} })),
      'NetworkPolicy',
      'shop',
    );
    expect(at(policy, 'spec', 'policyTypes')).toEqual(['Ingress']);
    expect(at(policy, 'spec', 'ingress')).toEqual([
      {
        from: [
          {
            podSelector: {
              matchExpressions: [
                { key: 'app.kubernetes.io/name', operator: 'In', values: ['web-a', 'web-b'] },
              ],
            },
          },
        ],
        ports: [{ protocol: 'TCP', port: 8080 }],
      },
      {
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
        ports: [{ protocol: 'TCP', port: 8080 }],
      },
    ]);
  });

  test('metrics on their own port get a Service port and a ServiceMonitor', () => {
    const objects = synth(props({ metrics: { port: 9090, path: '/stats' } }));
    expect(at(find(objects, 'Service', 'shop'), 'spec', 'ports', 1)).toEqual({
      name: 'metrics',
      port: 9090,
      targetPort: 9090,
      protocol: 'TCP',
    });
    expect(at(find(objects, 'ServiceMonitor', 'shop'), 'spec', 'endpoints')).toEqual([
      { port: 'metrics', path: '/stats', interval: '30s' },
    ]);
  });

  test('alerts can be turned off', () => {
    expect(synth(props({ alerts: false })).some((o) => o.kind === 'PrometheusRule')).toBe(false);
  });
});

describe('App: other processes', () => {
  test('a worker is a Deployment without Service, with its own budget when replicated', () => {
    const objects = synth(props({ web: undefined, workers: { mailer: { command: ['mail'], replicas: 2 } } }));
    expect(namesOf(objects).sort()).toEqual([
      'Deployment/shop-mailer',
      'PodDisruptionBudget/shop-mailer',
      'PrometheusRule/shop',
      'ServiceAccount/shop',
    ]);
    expect(container(find(objects, 'Deployment', 'shop-mailer')).command).toEqual(['mail']);
  });

  test('a cron job runs on schedule, one run at a time, in UTC unless told otherwise', () => {
    const objects = synth(
      props({
        cronJobs: {
          nightly: {
            command: ['report'],
            schedule: Cron.schedule({ minute: '0', hour: '3' }),
            deadline: Duration.minutes(30),
          },
        },
      }),
    );
    const cron = find(objects, 'CronJob', 'shop-nightly');
    expect(at(cron, 'spec')).toMatchObject({
      schedule: '0 3 * * *',
      timeZone: 'Etc/UTC',
      concurrencyPolicy: 'Forbid',
    });
    expect(at(cron, 'spec', 'jobTemplate', 'spec', 'activeDeadlineSeconds')).toBe(1800);
    const path = ['spec', 'jobTemplate', 'spec', 'template', 'spec'];
    expect(podSpec(cron, path).restartPolicy).toBe('Never');
    expect(container(cron, path).command).toEqual(['report']);
  });

  test('the release Job is named after the image version and runs before the workloads', () => {
    const chart = testChart();
    const app = new App(
      chart,
      'shop',
      props({ release: { command: ['migrate'] }, workers: { w: { command: ['w'] } } }),
    );
    const objects = Testing.synth(chart) as Json[];
    const job = find(objects, 'Job', 'shop-release-1-2-0');
    expect(container(job).command).toEqual(['migrate']);
    expect(app.webDeployment?.node.dependencies).toContain(app.releaseJob);
    expect(namesOf(objects).indexOf('Job/shop-release-1-2-0')).toBeLessThan(
      namesOf(objects).indexOf('Deployment/shop'),
    );
    const digestJob = synth(
      props({ image: AppImage.digest('team/shop', DIGEST), release: { command: ['m'] } }),
    );
    expect(namesOf(digestJob)).toContain('Job/shop-release-cccccccccccc');
  });

  test('on a shared base image, an init container copies the artifact into it', () => {
    const base = AppImage.digest('platform/tomcat', DIGEST);
    const deployment = find(
      synth(
        props({
          runtime: {
            baseImage: base,
            artifactPath: '/artifact/ROOT.war',
            mountPath: '/usr/local/tomcat/webapps',
          },
        }),
      ),
      'Deployment',
      'shop',
    );
    const spec = podSpec(deployment);
    expect(container(deployment).image).toBe(
      `registry.apps.main.berth.example.com/dev/platform/tomcat@${DIGEST}`,
    );
    expect(container(deployment).volumeMounts).toContainEqual({
      name: 'artifact',
      mountPath: '/usr/local/tomcat/webapps',
    });
    expect((spec.initContainers as Json[])[0]).toMatchObject({
      name: 'artifact',
      image: 'registry.apps.main.berth.example.com/dev/team/shop:1.2.0',
      command: ['cp', '/artifact/ROOT.war', '/berth-artifact/'],
      volumeMounts: [
        { name: 'tmp', mountPath: '/tmp' },
        { name: 'artifact', mountPath: '/berth-artifact' },
      ],
    });
    expect(spec.volumes).toContainEqual({ name: 'artifact', emptyDir: {} });
  });
});

describe('App: invalid props', () => {
  test('the construct refuses invalid props with every problem listed', () => {
    expect(() => synth(props({ web: { ...WEB, port: 80, replicas: -1 } }))).toThrow(
      /App shop is invalid:\n {2}web.port: .*\n {2}web.replicas: /,
    );
  });
});
