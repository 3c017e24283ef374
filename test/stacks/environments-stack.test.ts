import { App, TerraformStack, Testing } from 'cdktf';
import { Password } from '@cdktf/provider-random/lib/password';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import * as cdk8s from 'cdk8s';
import { StateBackendKind } from '../../config';
import { APPS } from '../../apps/teams';
import { EnvironmentChart } from '../../charts/environment-chart';
import { EnvironmentsStack, environmentsStackName } from '../../stacks/environments-stack';
import { CLUSTER, PLATFORM } from '../support/environments';
import { ENDPOINTS } from '../support/cluster-endpoints';

type Resources = Record<string, Record<string, Record<string, unknown>>>;
interface StackJson {
  readonly resource: Resources;
  readonly provider: Record<string, unknown[]>;
}

function charts(apps = APPS): EnvironmentChart[] {
  const k8sApp = new cdk8s.App();
  return PLATFORM.environments.map(
    (environment) => new EnvironmentChart(k8sApp, environment.name, { environment, cluster: CLUSTER, apps }),
  );
}

/** The environments stack; the pull password comes from another stack, as the platform stack's does. */
function stack(withPullSecret = true, apps = APPS): EnvironmentsStack {
  const app = Testing.app() as App;
  const platform = new TerraformStack(app, 'main-platform');
  new RandomProvider(platform, 'random');
  const credentials = new Map(
    ['dev', 'test', 'prod'].map((env) => [
      env,
      {
        host: 'registry.apps.main.berth.example.com',
        username: `pull-${env}`,
        password: new Password(platform, `pull-${env}`, { length: 32, special: false }).result,
      },
    ]),
  );
  return new EnvironmentsStack(app, environmentsStackName('main'), {
    state: { kind: StateBackendKind.LOCAL },
    endpoints: ENDPOINTS,
    charts: charts(apps),
    registryPullCredentials: withPullSecret ? credentials : undefined,
  });
}

function synth(s: EnvironmentsStack): StackJson {
  return JSON.parse(Testing.synth(s)) as StackJson;
}

const manifest = (json: StackJson, id: string) =>
  json.resource.kubernetes_manifest[id] as {
    manifest: Record<string, unknown>;
    depends_on?: string[];
    wait?: unknown;
    lifecycle?: { replace_triggered_by?: string[] };
  };

describe('EnvironmentsStack', () => {
  test('synthesizes the reviewed Terraform configuration', () => {
    expect(Testing.synth(stack())).toMatchSnapshot();
  });

  test('configures the Kubernetes provider from the cluster endpoints, and the random provider (no Helm)', () => {
    const json = synth(stack());
    expect(Object.keys(json.provider).sort()).toEqual(['kubernetes', 'random']);
    expect(json.provider.kubernetes[0]).toMatchObject({
      host: ENDPOINTS.apiServerUrl,
      cluster_ca_certificate: ENDPOINTS.clusterCaCertificatePem,
      client_certificate: ENDPOINTS.adminClientCertificatePem,
      client_key: ENDPOINTS.adminClientKeyPem,
    });
  });

  test('applies every object of every environment under a readable, stable name', () => {
    const json = synth(stack());
    const ids = Object.keys(json.resource.kubernetes_manifest);
    expect(ids).toEqual(
      expect.arrayContaining([
        'dev_namespace_dev',
        'dev_deployment_wordpress',
        'test_statefulset_wordpress-database',
        'prod_httproute_petclinic',
        'prod_cronjob_reports-nightly',
      ]),
    );
    const objects = charts().reduce((n, c) => n + c.toJson().length, 0);
    expect(ids).toHaveLength(objects);
  });

  test('adding an app renames no Terraform resource and changes none', () => {
    const before = synth(stack(true)).resource.kubernetes_manifest;
    const extra = { ...APPS[2], name: 'zz-extra', environments: { dev: { tag: '1' } } };
    const after = synth(stack(true, [...APPS, extra])).resource.kubernetes_manifest;
    for (const [id, resource] of Object.entries(before)) expect(after[id]).toEqual(resource);
  });

  test('orders objects: the namespace first, then secrets, a database before its migration, a release before the rollout', () => {
    const json = synth(stack());
    expect(manifest(json, 'dev_namespace_dev').depends_on).toBeUndefined();
    expect(manifest(json, 'dev_service_wordpress').depends_on).toEqual([
      'kubernetes_manifest.dev_namespace_dev',
    ]);
    const job = manifest(json, 'dev_job_reports-release-main');
    expect(job.depends_on).toEqual(
      expect.arrayContaining([
        'kubernetes_manifest.dev_namespace_dev',
        'kubernetes_secret_v1.dev_secret_reports-queue-credentials',
        'kubernetes_manifest.dev_statefulset_reports-queue',
        expect.stringMatching(/^kubernetes_secret_v1\..*registry-pull/),
      ]),
    );
    expect(manifest(json, 'dev_deployment_reports-worker').depends_on).toContain(
      'kubernetes_manifest.dev_job_reports-release-main',
    );
    expect(manifest(json, 'dev_cronjob_reports-nightly').depends_on).toContain(
      'kubernetes_manifest.dev_job_reports-release-main',
    );
  });

  test('waits for rollouts and release jobs; a changed release job is replaced so it runs again', () => {
    const json = synth(stack());
    expect(manifest(json, 'dev_deployment_wordpress').wait).toEqual({ rollout: true });
    expect(manifest(json, 'dev_statefulset_wordpress-database').wait).toEqual({ rollout: true });
    const job = manifest(json, 'dev_job_reports-release-main');
    expect(job.wait).toEqual({ condition: [{ status: 'True', type: 'Complete' }] });
    expect(job.lifecycle?.replace_triggered_by).toEqual([
      'terraform_data.dev_job_reports-release-main_template',
    ]);
    expect(manifest(json, 'dev_service_wordpress').wait).toBeUndefined();
  });

  test('generates backing service credentials at deploy time: no value in the configuration', () => {
    const json = synth(stack());
    const passwords = json.resource.random_password;
    expect(passwords['dev_password_wordpress-database-credentials-password']).toMatchObject({
      length: 32,
      special: false,
    });
    const secret = json.resource.kubernetes_secret_v1['dev_secret_wordpress-database-credentials'] as {
      data: Record<string, string>;
      metadata: Record<string, unknown>;
    };
    expect(secret.metadata).toMatchObject({ name: 'wordpress-database-credentials', namespace: 'dev' });
    expect(secret.data).toEqual({
      password: '${random_password.dev_password_wordpress-database-credentials-password.result}',
      'root-password': '${random_password.dev_password_wordpress-database-credentials-root-password.result}',
      url: 'mysql://app:${random_password.dev_password_wordpress-database-credentials-password.result}@wordpress-database:3306/app',
    });
    // Every value of every generated Secret is built from references only.
    for (const s of Object.values(json.resource.kubernetes_secret_v1) as { data: Record<string, string> }[]) {
      for (const value of Object.values(s.data)) {
        expect(value.replace(/\$\{[^}]+\}/g, '')).not.toMatch(/[A-Za-z0-9]{16,}/);
      }
    }
  });

  test('writes each namespace its registry pull secret when the platform hands over credentials', () => {
    const withPull = synth(stack(true)).resource.kubernetes_secret_v1;
    const pulls = Object.values(withPull).filter(
      (s) => (s as { metadata: { name: string } }).metadata.name === 'registry-pull',
    ) as { metadata: { namespace: string } }[];
    expect(pulls.map((s) => s.metadata.namespace).sort()).toEqual(['dev', 'prod', 'test']);
    // Each namespace its own credential: dev's secret cannot pull prod's images.
    const users = (
      pulls as unknown as { metadata: { namespace: string }; data: Record<string, string> }[]
    ).map((p) => [p.metadata.namespace, /pull-(dev|test|prod)/.exec(p.data['.dockerconfigjson'])![0]]);
    expect(Object.fromEntries(users)).toEqual({ dev: 'pull-dev', test: 'pull-test', prod: 'pull-prod' });
    const without = synth(stack(false)).resource.kubernetes_secret_v1;
    expect(
      Object.values(without).some(
        (s) => (s as { metadata: { name: string } }).metadata.name === 'registry-pull',
      ),
    ).toBe(false);
  });

  test('escapes Terraform template sequences and keeps new lines in manifests', () => {
    const json = synth(stack());
    const wordpress = JSON.stringify(manifest(json, 'dev_deployment_wordpress').manifest);
    expect(wordpress).toContain("$_SERVER['HTTPS']");
    const alerts = JSON.stringify(manifest(json, 'dev_prometheusrule_wordpress').manifest);
    expect(alerts).toContain('{{ $labels.deployment }}');
  });

  test("writes each namespace its own backup store; backups wait for it and for the environment's key", () => {
    const json = synth(stack());
    const secrets = json.resource.kubernetes_secret_v1 as Record<
      string,
      { metadata: { name: string; namespace: string }; data: Record<string, string> }
    >;
    const stores = Object.values(secrets).filter((s) => s.metadata.name === 'backup-store');
    expect(Object.fromEntries(stores.map((s) => [s.metadata.namespace, s.data.container]))).toEqual({
      dev: 'berth-main-backups-dev',
      test: 'berth-main-backups-test',
      prod: 'berth-main-backups-prod',
    });
    const prod = stores.find((s) => s.metadata.namespace === 'prod')!;
    expect(prod.data).toMatchObject({
      type: 'swift',
      'auth-url': 'https://keystone.example.com:5000/v3',
      region: 'RegionOne',
      'application-credential-id': 'backup-cred-id-prod',
      'application-credential-secret': 'backup-cred-secret-prod',
    });
    // The sample WordPress database is backed up in test and prod, not in dev.
    expect(manifest(json, 'prod_cronjob_wordpress-database-backup').depends_on).toEqual(
      expect.arrayContaining([
        'kubernetes_secret_v1.prod_secret_backup-key',
        expect.stringMatching(/^kubernetes_secret_v1\..*backup-store/),
        'kubernetes_secret_v1.prod_secret_wordpress-database-credentials',
      ]),
    );
    expect(json.resource.random_password['prod_password_backup-key-key']).toMatchObject({ special: false });
    expect(json.resource.kubernetes_manifest['dev_cronjob_wordpress-database-backup']).toBeUndefined();
    expect(json.resource.random_password['dev_password_backup-key-key']).toBeUndefined();
  });

  test('refuses an environment whose services have backups but the cluster stack gave no store', () => {
    const endpoints = { ...ENDPOINTS, environmentBackupStores: new Map() };
    expect(
      () =>
        new EnvironmentsStack(Testing.app() as App, environmentsStackName('main'), {
          state: { kind: StateBackendKind.LOCAL },
          endpoints,
          charts: charts(),
        }),
    ).toThrow('No backup store for environment test');
  });
});
