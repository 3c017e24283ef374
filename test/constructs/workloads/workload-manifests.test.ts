import { ApiObject, Chart, Testing as K8sTesting } from 'cdk8s';
import { k8s } from 'cdk8s-plus-33';
import { App, TerraformStack, Testing } from 'cdktf';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { GeneratedSecret } from '../../../constructs/workloads/workload-generated-secret';
import {
  WorkloadManifests,
  logicalId,
  secretsUsedBy,
} from '../../../constructs/workloads/workload-manifests';

type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** A small environment: a namespace, a ConfigMap, a Job and a Deployment that waits for it. */
function chart(script = 'echo ${HOME} %{x}\nexit 0', jobImage = 'i'): Chart {
  const c = new Chart(K8sTesting.app(), 'dev', { disableResourceNameHashes: true });
  new k8s.KubeNamespace(c, 'ns', { metadata: { name: 'dev' } });
  new k8s.KubeConfigMap(c, 'cm', {
    metadata: { name: 'scripts', namespace: 'dev' },
    data: { 'run.sh': script },
  });
  const container = {
    name: 'c',
    image: jobImage,
    env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } }],
  };
  const job = new k8s.KubeJob(c, 'job', {
    metadata: { name: 'migrate', namespace: 'dev' },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [container] } } },
  });
  const deployment = new k8s.KubeDeployment(c, 'web', {
    metadata: { name: 'web', namespace: 'dev' },
    spec: {
      selector: { matchLabels: { a: 'b' } },
      template: {
        metadata: { labels: { a: 'b' } },
        spec: { imagePullSecrets: [{ name: 'pull' }], containers: [{ name: 'w', image: 'i' }] },
      },
    },
  });
  deployment.node.addDependency(job);
  new GeneratedSecret(c, 'creds', {
    name: 'db-credentials',
    namespace: 'dev',
    passwordKeys: ['password'],
    derivedKeys: { url: 'x://${user}:{{password}}@db' },
  });
  return c;
}

function build(c: Chart = chart()): { manifests: WorkloadManifests; stack: TerraformStack } {
  const stack = new TerraformStack(Testing.app() as App, 'envs');
  const provider = new KubernetesProvider(stack, 'kubernetes', {});
  new RandomProvider(stack, 'random');
  return { manifests: new WorkloadManifests(stack, 'dev', { chart: c, provider }), stack };
}

const resources = (stack: TerraformStack) =>
  (JSON.parse(Testing.synth(stack)) as { resource: Resources }).resource;

describe('WorkloadManifests', () => {
  test('one kubernetes_manifest per object, named <env>_<kind>_<name>', () => {
    const { stack, manifests } = build();
    expect(Object.keys(resources(stack).kubernetes_manifest).sort()).toEqual([
      'dev_configmap_scripts',
      'dev_deployment_web',
      'dev_job_migrate',
      'dev_namespace_dev',
    ]);
    expect([...manifests.manifests.keys()]).toEqual([
      'Namespace/dev',
      'ConfigMap/scripts',
      'Job/migrate',
      'Deployment/web',
    ]);
  });

  test('escapes Terraform templates and keeps new lines', () => {
    const cm = resources(build().stack).kubernetes_manifest.dev_configmap_scripts as {
      manifest: { data: Record<string, string> };
    };
    expect(cm.manifest.data['run.sh']).toBe('echo $${HOME} %%{x}\nexit 0');
  });

  test('orders: namespace, then the Secrets pods use, then declared dependencies', () => {
    const r = resources(build().stack).kubernetes_manifest;
    expect(r.dev_configmap_scripts.depends_on).toEqual(['kubernetes_manifest.dev_namespace_dev']);
    expect(r.dev_job_migrate.depends_on).toEqual([
      'kubernetes_manifest.dev_namespace_dev',
      'kubernetes_secret_v1.dev_secret_db-credentials',
    ]);
    expect(r.dev_deployment_web.depends_on).toEqual([
      'kubernetes_manifest.dev_namespace_dev',
      'kubernetes_manifest.dev_job_migrate',
    ]);
  });

  test('waits for rollouts and completed Jobs, within the timeout', () => {
    const r = resources(build().stack).kubernetes_manifest;
    expect(r.dev_deployment_web.wait).toEqual({ rollout: true });
    expect(r.dev_job_migrate.wait).toEqual({ condition: [{ type: 'Complete', status: 'True' }] });
    expect(r.dev_configmap_scripts.wait).toBeUndefined();
    expect(r.dev_deployment_web.timeouts).toEqual({ create: '10m', update: '10m', delete: '10m' });
  });

  test('a Job whose spec changes is replaced, so it runs again', () => {
    const first = resources(build(chart('a', 'migrate:1')).stack);
    const second = resources(build(chart('a', 'migrate:1')).stack);
    const newImage = resources(build(chart('a', 'migrate:2')).stack);
    expect(first.kubernetes_manifest.dev_job_migrate.lifecycle).toEqual({
      replace_triggered_by: ['terraform_data.dev_job_migrate_template'],
    });
    const hash = (r: Resources) =>
      (r.terraform_data.dev_job_migrate_template.triggers_replace as { sha256: string }).sha256;
    expect(hash(first)).toMatch(/^[0-9a-f]{64}$/);
    // Same Job, same trigger: nothing is replaced on a plain re-deploy.
    expect(hash(second)).toBe(hash(first));
    // A new image in the Job's pod template changes the trigger, so Terraform replaces the Job.
    expect(hash(newImage)).not.toBe(hash(first));
    expect(newImage.kubernetes_manifest.dev_job_migrate.manifest).toMatchObject({
      spec: { template: { spec: { containers: [{ image: 'migrate:2' }] } } },
    });
  });

  test('a change outside the Job (its ConfigMap) does not replace the Job', () => {
    const hash = (r: Resources) =>
      (r.terraform_data.dev_job_migrate_template.triggers_replace as { sha256: string }).sha256;
    const first = resources(build(chart('a')).stack);
    const changed = resources(build(chart('b')).stack);
    expect(changed.kubernetes_manifest.dev_configmap_scripts.manifest).toMatchObject({
      data: { 'run.sh': 'b' },
    });
    expect(hash(changed)).toBe(hash(first));
  });

  test('generates passwords at deploy time and builds derived values from them', () => {
    const r = resources(build().stack);
    expect(r.random_password['dev_password_db-credentials-password']).toMatchObject({
      length: 32,
      special: false,
    });
    expect(r.kubernetes_secret_v1['dev_secret_db-credentials']).toMatchObject({
      metadata: { name: 'db-credentials', namespace: 'dev' },
      type: 'Opaque',
      data: {
        password: '${random_password.dev_password_db-credentials-password.result}',
        url: 'x://$${user}:${random_password.dev_password_db-credentials-password.result}@db',
      },
      depends_on: ['kubernetes_manifest.dev_namespace_dev'],
    });
  });

  test('makes the users of an outside Secret wait for it', () => {
    const { stack, manifests } = build();
    const pull = new SecretV1(stack, 'pull', { metadata: { name: 'pull', namespace: 'dev' } });
    manifests.addSecret('pull', pull);
    const r = resources(stack).kubernetes_manifest;
    expect(r.dev_deployment_web.depends_on).toContain(`kubernetes_secret_v1.${pull.friendlyUniqueId}`);
    expect(r.dev_job_migrate.depends_on).not.toContain(`kubernetes_secret_v1.${pull.friendlyUniqueId}`);
  });

  test('refuses two objects of the same kind and name', () => {
    const c = chart();
    new ApiObject(c, 'dup', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'scripts', namespace: 'dev' },
    });
    expect(() => build(c)).toThrow('dev: two objects are named ConfigMap/scripts');
  });

  test('finds the Secrets a manifest uses', () => {
    expect(
      [
        ...secretsUsedBy({
          env: [{ valueFrom: { secretKeyRef: { name: 'a' } } }],
          envFrom: [{ secretRef: { name: 'b' } }],
          volumes: [{ secret: { secretName: 'c' } }],
          imagePullSecrets: [{ name: 'd' }],
          configMapRef: { name: 'not-a-secret' },
        }),
      ].sort(),
    ).toEqual(['a', 'b', 'c', 'd']);
  });

  test('logical IDs are valid Terraform names', () => {
    expect(logicalId('dev', 'HTTPRoute', 'shop.v2')).toBe('dev_httproute_shop_v2');
  });
});
