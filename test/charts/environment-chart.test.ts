import { Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-33';
import * as YAML from 'yaml';
import { ConfigError } from '../../config';
import { resolvePlatform } from '../support/berth-platform';
import { AppProbe } from '../../constructs/workloads/app-probe';
import { SECRET_LIKE_NAME } from '../../constructs/workloads/app-env';
import {
  podSpecOf,
  restrictedPodSecurityViolations,
  workloadHardeningViolations,
} from '../../constructs/core/restricted-pod-security';
import { AppDefinition, defineApp } from '../../apps/app-definition';
import { APPS } from '../../apps/teams';
import { EnvironmentChart } from '../../charts/environment-chart';
import { schemaErrors } from '../support/kubernetes-schema';
import {
  CLUSTER,
  Json,
  at,
  environment,
  environmentChart,
  find,
  namesOf,
  objectsOf,
} from '../support/environments';

const ENVIRONMENTS = ['dev', 'test', 'prod'] as const;

/** A small extra app, to add beside the samples. */
const extra = defineApp({
  name: 'aaa-first',
  image: 'team-x/first',
  web: { port: 8080, readiness: AppProbe.http('/ready') },
  environments: {
    dev: { tag: '1' },
    test: { digest: `sha256:${'1'.repeat(64)}` },
    prod: { digest: `sha256:${'1'.repeat(64)}` },
  },
});

function problemsOf(build: () => unknown): { path: string; message: string }[] {
  try {
    build();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => ({ path: p.path, message: p.message }));
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('EnvironmentChart with the sample apps', () => {
  test.each(ENVIRONMENTS)('%s synthesizes to the reviewed YAML', (name) => {
    const yaml = objectsOf(environmentChart(APPS, name))
      .map((o) => YAML.stringify(o))
      .join('---\n');
    expect(yaml).toMatchSnapshot();
  });

  test.each(ENVIRONMENTS)('every object of %s validates against the Kubernetes schema', (name) => {
    const objects = objectsOf(environmentChart(APPS, name));
    expect(objects.length).toBeGreaterThan(30);
    expect(objects.flatMap(schemaErrors)).toEqual([]);
  });

  test.each(ENVIRONMENTS)('every workload of %s meets the restricted Pod Security Standard', (name) => {
    const objects = objectsOf(environmentChart(APPS, name));
    const workloads = objects.filter((o) => podSpecOf(o) !== undefined);
    expect(workloads.map((o) => o.kind).sort()).toEqual(
      expect.arrayContaining(['CronJob', 'Deployment', 'Job', 'StatefulSet']),
    );
    expect(workloads.flatMap(restrictedPodSecurityViolations)).toEqual([]);
    expect(workloads.flatMap(workloadHardeningViolations)).toEqual([]);
  });

  test.each(ENVIRONMENTS)('no secret value is written into %s', (name) => {
    const objects = objectsOf(environmentChart(APPS, name));
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    const envVars = objects.flatMap((o) => {
      const pod = podSpecOf(o);
      if (!pod) return [];
      const containers = [
        ...((pod.spec.containers ?? []) as Json[]),
        ...((pod.spec.initContainers ?? []) as Json[]),
      ];
      return containers.flatMap((c) => (c.env ?? []) as { name: string; value?: string; valueFrom?: Json }[]);
    });
    const secretLike = envVars.filter((v) => SECRET_LIKE_NAME.test(v.name));
    expect(secretLike.length).toBeGreaterThan(0);
    for (const variable of secretLike) {
      expect({ name: variable.name, value: variable.value }).toEqual({
        name: variable.name,
        value: undefined,
      });
      expect(at(variable.valueFrom, 'secretKeyRef', 'name')).toEqual(expect.stringMatching(/-credentials$/));
    }
  });

  test('objects have human names: the app, the app and its process, never a hash', () => {
    const objects = objectsOf(environmentChart(APPS, 'dev'));
    const names = namesOf(objects);
    expect(names).toEqual(
      expect.arrayContaining([
        'Namespace/dev',
        'Deployment/wordpress',
        'Service/wordpress',
        'HTTPRoute/wordpress',
        'StatefulSet/wordpress-database',
        'Service/wordpress-database',
        'Deployment/petclinic',
        'Deployment/reports-worker',
        'CronJob/reports-nightly',
        'Job/reports-release-main',
        'StatefulSet/reports-queue',
      ]),
    );
    for (const o of objects) {
      expect(String(at(o, 'metadata', 'name'))).not.toMatch(/-[0-9a-f]{8}$/);
    }
    expect(at(find(objects, 'Service', 'wordpress'), 'metadata', 'namespace')).toBe('dev');
  });

  test('adding an app renames and changes no other object', () => {
    const before = objectsOf(environmentChart(APPS, 'dev'));
    const after = objectsOf(environmentChart([extra, ...APPS], 'dev'));
    const key = (o: Json) => `${String(o.kind)}/${String(at(o, 'metadata', 'name'))}`;
    const afterByName = new Map(after.map((o) => [key(o), o]));
    for (const object of before) expect(afterByName.get(key(object))).toEqual(object);
    expect(after.length).toBeGreaterThan(before.length);
  });

  test('prod runs the sample images by digest from the production stage of the registry', () => {
    const objects = objectsOf(environmentChart(APPS, 'prod'));
    const images = objects.flatMap((o) => {
      const pod = podSpecOf(o);
      if (!pod) return [];
      return [...((pod.spec.containers ?? []) as Json[]), ...((pod.spec.initContainers ?? []) as Json[])].map(
        (c) => String(c.image),
      );
    });
    expect(images.length).toBeGreaterThan(5);
    for (const image of images) {
      expect(image).toMatch(
        /^registry\.apps\.main\.berth\.example\.com\/prod\/[a-z0-9/-]+@sha256:[0-9a-f]{64}$/,
      );
    }
  });
});

describe('EnvironmentChart environment objects', () => {
  test('the namespace enforces the restricted Pod Security Standard', () => {
    const ns = find(objectsOf(environmentChart([], 'dev')), 'Namespace', 'dev');
    expect(at(ns, 'metadata', 'labels')).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
    });
    expect(at(ns, 'metadata', 'namespace')).toBeUndefined();
  });

  test("app volumes and database volumes use the cluster's addons.storageClass", () => {
    const platform = resolvePlatform({
      clusters: [{ name: 'main', domain: 'main.berth.example.com', addons: { storageClass: 'fast-ssd' } }],
    });
    const chart = new EnvironmentChart(Testing.app(), 'dev', {
      environment: platform.environments.find((e) => e.name === 'dev')!,
      cluster: platform.clusters[0],
      apps: APPS,
    });
    const objects = objectsOf(chart);
    const claims = objects.filter((o) => o.kind === 'PersistentVolumeClaim');
    const templates = objects
      .filter((o) => o.kind === 'StatefulSet')
      .flatMap((o) => (at(o, 'spec', 'volumeClaimTemplates') as Json[] | undefined) ?? []);
    expect(claims.length).toBeGreaterThan(0);
    expect(templates.length).toBeGreaterThan(0);
    for (const claim of [...claims, ...templates]) {
      expect(at(claim, 'spec', 'storageClassName')).toBe('fast-ssd');
    }
  });

  test('quota and limits come from the environment config', () => {
    const platform = resolvePlatform({
      environments: [
        {
          name: 'dev',
          quota: { cpu: '3', memory: '6Gi', storage: '20Gi', pods: 12, volumes: 4 },
          limits: {
            defaultCpu: '50m',
            defaultMemory: '64Mi',
            maxCpu: '1',
            maxMemory: '1Gi',
            maxVolumeSize: '10Gi',
          },
        },
      ],
    });
    const objects = objectsOf(environmentChart([], 'dev', platform.environments[0]));
    expect(at(find(objects, 'ResourceQuota', 'environment'), 'spec', 'hard')).toEqual({
      'requests.cpu': '3',
      'requests.memory': '6Gi',
      'limits.memory': '6Gi',
      'requests.storage': '20Gi',
      persistentvolumeclaims: '4',
      pods: '12',
      'services.loadbalancers': '0',
      'services.nodeports': '0',
    });
    expect(at(find(objects, 'LimitRange', 'environment'), 'spec', 'limits')).toEqual([
      {
        type: 'Container',
        defaultRequest: { cpu: '50m', memory: '64Mi' },
        default: { cpu: '1', memory: '64Mi' },
        max: { cpu: '1', memory: '1Gi' },
      },
      { type: 'PersistentVolumeClaim', min: { storage: '1Gi' }, max: { storage: '10Gi' } },
    ]);
  });

  test('network policies deny by default and allow DNS and the Gateway', () => {
    const objects = objectsOf(environmentChart([], 'dev'));
    expect(at(find(objects, 'NetworkPolicy', 'default-deny'), 'spec')).toEqual({
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
    });
    const dns = find(objects, 'NetworkPolicy', 'allow-dns');
    expect(at(dns, 'spec', 'egress', 0, 'ports')).toEqual([
      { protocol: 'UDP', port: 53 },
      { protocol: 'TCP', port: 53 },
    ]);
    const gateway = find(objects, 'NetworkPolicy', 'allow-gateway');
    expect(at(gateway, 'spec', 'podSelector', 'matchLabels')).toEqual({ 'berth.dev/gateway': 'true' });
    expect(at(gateway, 'spec', 'ingress', 0, 'from', 0, 'namespaceSelector', 'matchLabels')).toEqual({
      'kubernetes.io/metadata.name': 'envoy-gateway-system',
    });
  });

  test('teams edit dev and test, view prod, and the config can say otherwise', () => {
    const binding = (name: 'dev' | 'test' | 'prod') =>
      objectsOf(environmentChart([], name)).find((o) => o.kind === 'RoleBinding') as Json;
    expect(at(binding('dev'), 'roleRef', 'name')).toBe('edit');
    expect(at(binding('test'), 'roleRef', 'name')).toBe('edit');
    expect(at(binding('prod'), 'roleRef', 'name')).toBe('view');
    expect(at(binding('prod'), 'subjects')).toEqual([
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'developers' },
    ]);
    const platform = resolvePlatform({
      environments: [{ name: 'prod', teams: ['ops', 'shop-team'], teamRole: 'edit' }],
    });
    const custom = objectsOf(environmentChart([], 'prod', platform.environments[0]));
    const rb = find(custom, 'RoleBinding', 'teams-edit');
    expect((at(rb, 'subjects') as Json[]).map((s) => s.name)).toEqual(['ops', 'shop-team']);
  });

  test('the environment ConfigMap carries the environment and its settings', () => {
    const platform = resolvePlatform({ environments: [{ name: 'dev', config: { LOG_LEVEL: 'debug' } }] });
    const objects = objectsOf(environmentChart([], 'dev', platform.environments[0]));
    expect(at(find(objects, 'ConfigMap', 'environment'), 'data')).toEqual({
      BERTH_ENVIRONMENT: 'dev',
      BERTH_HOST_DOMAIN: 'dev.apps.main.berth.example.com',
      LOG_LEVEL: 'debug',
    });
  });

  test('apps read the environment ConfigMap and pull with the registry secret', () => {
    const objects = objectsOf(environmentChart(APPS, 'dev'));
    const spec = podSpecOf(find(objects, 'Deployment', 'wordpress'))?.spec as Json;
    expect(spec.imagePullSecrets).toEqual([{ name: 'registry-pull' }]);
    expect(at(spec, 'containers', 0, 'envFrom', 0)).toEqual({ configMapRef: { name: 'environment' } });
  });
});

describe('EnvironmentChart rejects', () => {
  test('an invalid app, naming the field', () => {
    const broken = defineApp({
      name: 'broken',
      image: 'team/broken',
      web: { port: 80, readiness: AppProbe.http('/') },
      environments: { dev: { tag: 'x' } },
    });
    expect(problemsOf(() => environmentChart([broken], 'dev'))).toEqual([
      { path: 'apps.broken.web.port', message: expect.stringContaining('unprivileged port') },
    ]);
  });

  test('apps that do not fit the quota', () => {
    const platform = resolvePlatform({
      environments: [{ name: 'dev', quota: { cpu: '500m', memory: '1Gi' } }],
    });
    const problems = problemsOf(() => environmentChart(APPS, 'dev', platform.environments[0]));
    expect(problems.map((p) => p.path)).toEqual([
      'environments.dev.quota.cpu',
      'environments.dev.quota.memory',
    ]);
    expect(problems[0].message).toContain('raise the quota or shrink the apps');
  });

  test('at synth, any object that breaks the restricted profile', () => {
    const chart = environmentChart([], 'dev');
    new k8s.KubePod(chart, 'rogue', {
      metadata: { name: 'rogue', namespace: 'dev' },
      spec: { containers: [{ name: 'c', image: 'x', securityContext: { privileged: true } }] },
    });
    expect(() => chart.toJson()).toThrow(/Pod\/rogue spec.containers\[0\].securityContext.privileged/);
  });

  test('builds nothing for an environment no app lists', () => {
    const other = resolvePlatform({ environments: [{ name: 'staging' }] }).environments[0];
    const chart = new EnvironmentChart(Testing.app(), 'staging', {
      environment: other,
      cluster: CLUSTER,
      apps: APPS,
    });
    expect(chart.apps.size).toBe(0);
    expect(
      objectsOf(chart).every((o) => at(o, 'metadata', 'labels', 'app.kubernetes.io/name') === undefined),
    ).toBe(true);
  });
});

describe('EnvironmentChart exposes', () => {
  test('its apps and backing services', () => {
    const chart = environmentChart(APPS as readonly AppDefinition[], 'dev');
    expect([...chart.apps.keys()]).toEqual(['wordpress', 'petclinic', 'reports']);
    expect([...chart.services.keys()]).toEqual(['wordpress-database', 'petclinic-database', 'reports-queue']);
    expect(chart.namespaceName).toBe(environment('dev').name);
  });
});
