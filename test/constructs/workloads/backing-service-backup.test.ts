import { Testing } from 'cdk8s';
import { TimeSpan, isCronSchedule } from '../../../config';
import { BackingServiceKind } from '../../../constructs/workloads/backing-service-connection';
import { MySqlService } from '../../../constructs/workloads/backing-service-mysql';
import { PostgresService } from '../../../constructs/workloads/backing-service-postgres';
import { RedisService } from '../../../constructs/workloads/backing-service-redis';
import {
  BACKUP_PATHS,
  BackupScript,
  dumpScript,
} from '../../../constructs/workloads/backing-service-backup-scripts';
import { BackingServiceProps } from '../../../constructs/workloads/backing-service';
import { BackupPolicy } from '../../../constructs/workloads/backup-policy';
import { BACKUP_KEY_SECRET, BACKUP_STORE_SECRET } from '../../../constructs/workloads/backup-store';
import {
  restrictedPodSecurityViolations,
  workloadHardeningViolations,
} from '../../../constructs/core/restricted-pod-security';
import { secretsUsedBy } from '../../../constructs/workloads/workload-manifests';
import { schemaErrors } from '../../support/kubernetes-schema';
import { Json, at, find, namesOf, testChart, workloadEnvironment } from '../../support/environments';

const DAILY: BackupPolicy = { interval: TimeSpan.days(1), keep: 7 };
const ENGINES = {
  [BackingServiceKind.MYSQL]: MySqlService,
  [BackingServiceKind.POSTGRESQL]: PostgresService,
  [BackingServiceKind.REDIS]: RedisService,
};

function build(
  kind: BackingServiceKind = BackingServiceKind.POSTGRESQL,
  props: Partial<BackingServiceProps> = {},
): Json[] {
  const chart = testChart();
  new ENGINES[kind](chart, 'db', {
    environment: workloadEnvironment('dev'),
    name: 'shop-database',
    clients: ['shop'],
    backup: DAILY,
    ...props,
  });
  return Testing.synth(chart) as Json[];
}

type Container = Json & { name: string; image: string; env: Json[]; volumeMounts: Json[]; command: string[] };
const podOf = (cronJob: Json) => at(cronJob, 'spec', 'jobTemplate', 'spec', 'template', 'spec') as Json;
const containers = (cronJob: Json, group: 'initContainers' | 'containers') =>
  at(podOf(cronJob), group) as Container[];
const envOf = (container: Container) =>
  Object.fromEntries(container.env.map((e) => [e.name, e.value ?? e.valueFrom]));

describe('BackingServiceBackup', () => {
  test('adds a ConfigMap, a backup and a restore CronJob, a NetworkPolicy and an alert, named after the service', () => {
    expect(namesOf(build()).filter((n) => n.includes('-backup') || n.includes('-restore'))).toEqual([
      'ConfigMap/shop-database-backup',
      'CronJob/shop-database-backup',
      'CronJob/shop-database-restore',
      'NetworkPolicy/shop-database-backup',
      'PrometheusRule/shop-database-backup',
    ]);
    expect(namesOf(build(BackingServiceKind.POSTGRESQL, { backup: undefined })).join()).not.toContain(
      'backup',
    );
  });

  test.each(Object.values(BackingServiceKind))(
    '%s: dumps with the service image, stores with rclone, never overlapping, on a valid UTC schedule',
    (kind) => {
      const objects = build(kind);
      const cronJob = find(objects, 'CronJob', 'shop-database-backup');
      const spec = at(cronJob, 'spec') as Json;
      expect(isCronSchedule(spec.schedule as string)).toBe(true);
      expect(spec).toMatchObject({ timeZone: 'Etc/UTC', concurrencyPolicy: 'Forbid' });
      const [dump] = containers(cronJob, 'initContainers');
      const [store] = containers(cronJob, 'containers');
      const server = (
        at(
          find(objects, 'StatefulSet', 'shop-database'),
          'spec',
          'template',
          'spec',
          'containers',
        ) as Container[]
      )[0];
      expect(dump.image).toBe(server.image);
      expect(dump.command).toEqual(['sh', `${BACKUP_PATHS.scripts}/${BackupScript.DUMP}`]);
      expect(store.image).toMatch(
        /^registry\.apps\.main\.berth\.example\.com\/dev\/platform\/rclone@sha256:[0-9a-f]{64}$/,
      );
      expect(envOf(store)).toMatchObject({ BERTH_BACKUP_NAME: 'shop-database', BERTH_BACKUP_KEEP: '7' });
      const scripts = find(objects, 'ConfigMap', 'shop-database-backup');
      expect(at(scripts, 'data', BackupScript.DUMP)).toBe(dumpScript(kind));
    },
  );

  test('the dump reads the password from the credentials Secret; the store from backup-store and backup-key', () => {
    const mysql = find(build(BackingServiceKind.MYSQL), 'CronJob', 'shop-database-backup');
    expect(envOf(containers(mysql, 'initContainers')[0])).toMatchObject({
      BERTH_DB_HOST: 'shop-database',
      BERTH_DB_PORT: '3306',
      BERTH_DB_USER: 'root',
      BERTH_DB_NAME: 'app',
      BERTH_DB_PASSWORD: { secretKeyRef: { name: 'shop-database-credentials', key: 'root-password' } },
    });
    const postgres = find(build(), 'CronJob', 'shop-database-backup');
    expect(envOf(containers(postgres, 'initContainers')[0])).toMatchObject({
      BERTH_DB_USER: 'app',
      BERTH_DB_PASSWORD: { secretKeyRef: { name: 'shop-database-credentials', key: 'password' } },
    });
    // Only the store container mounts the store's credential and the key.
    expect(containers(postgres, 'initContainers')[0].volumeMounts.map((m) => m.name)).not.toContain('store');
    expect([...secretsUsedBy(postgres)].sort()).toEqual([
      BACKUP_KEY_SECRET,
      BACKUP_STORE_SECRET,
      'registry-pull',
      'shop-database-credentials',
    ]);
  });

  test('the restore CronJob is suspended; Redis restores into its stopped server volume', () => {
    const sql = find(build(), 'CronJob', 'shop-database-restore');
    expect(at(sql, 'spec', 'suspend')).toBe(true);
    // A restore may take long even where dumps are hourly; a dump never outlasts its interval.
    expect(at(sql, 'spec', 'jobTemplate', 'spec', 'activeDeadlineSeconds')).toBe(6 * 3600);
    const hourly = build(BackingServiceKind.POSTGRESQL, { backup: { interval: TimeSpan.hours(1), keep: 3 } });
    expect(
      at(
        find(hourly, 'CronJob', 'shop-database-backup'),
        'spec',
        'jobTemplate',
        'spec',
        'activeDeadlineSeconds',
      ),
    ).toBe(3600);
    expect(containers(sql, 'initContainers').map((c) => c.name)).toEqual(['fetch']);
    expect(JSON.stringify(podOf(sql).volumes)).not.toContain('persistentVolumeClaim');
    const redis = find(build(BackingServiceKind.REDIS), 'CronJob', 'shop-database-restore');
    expect(podOf(redis).volumes).toContainEqual({
      name: 'data',
      persistentVolumeClaim: { claimName: 'data-shop-database-0' },
    });
    expect(envOf(containers(redis, 'containers')[0]).BERTH_REDIS_DATA_DIR).toBe('/data');
    expect(at(podOf(redis), 'securityContext', 'fsGroup')).toBe(2000);
  });

  test.each(Object.values(BackingServiceKind))(
    '%s: both CronJobs meet the restricted profile and the Kubernetes schema',
    (kind) => {
      for (const object of build(kind).filter((o) => o.kind === 'CronJob')) {
        expect(restrictedPodSecurityViolations(object)).toEqual([]);
        expect(workloadHardeningViolations(object)).toEqual([]);
        expect(schemaErrors(object)).toEqual([]);
      }
    },
  );

  test('the backup pods reach the service and the object store outside the cluster, and nothing else', () => {
    const objects = build();
    const policy = find(objects, 'NetworkPolicy', 'shop-database-backup');
    expect(at(policy, 'spec')).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'shop-database-backup' } },
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
          ports: [{ protocol: 'TCP', port: 5432 }],
        },
        {
          to: [
            {
              ipBlock: {
                cidr: '0.0.0.0/0',
                except: ['10.0.0.0/24', '10.244.0.0/16', '10.96.0.0/12', '169.254.0.0/16'],
              },
            },
          ],
          ports: [443, 5000, 8080].map((port) => ({ protocol: 'TCP', port })),
        },
      ],
    });
    // The service admits them besides its apps.
    const service = find(objects, 'NetworkPolicy', 'shop-database');
    expect(
      at(service, 'spec', 'ingress', 0, 'from', 0, 'podSelector', 'matchExpressions', 0, 'values'),
    ).toEqual(['shop', 'shop-database-backup']);
  });

  test('alerts when the newest dump is older than two intervals and a half hour, or there never was one', () => {
    const rule = find(
      build(BackingServiceKind.POSTGRESQL, { backup: { interval: TimeSpan.hours(6), keep: 4 } }),
      'PrometheusRule',
      'shop-database-backup',
    );
    const [alert] = at(rule, 'spec', 'groups', 0, 'rules') as Json[];
    expect(alert.alert).toBe('ShopDatabaseBackupTooOld');
    const selector = 'namespace="dev",cronjob="shop-database-backup"';
    expect(alert.expr).toBe(
      `time() - kube_cronjob_status_last_successful_time{${selector}} > 45000` +
        ` or (time() - kube_cronjob_created{${selector}} > 45000` +
        ` unless on (namespace, cronjob) kube_cronjob_status_last_successful_time{${selector}})`,
    );
    expect(alert.labels).toMatchObject({ severity: 'critical', namespace: 'dev' });
  });

  test('refuses a backup in an environment without a store', () => {
    const env = { ...workloadEnvironment('dev'), backupStore: undefined };
    expect(() => build(BackingServiceKind.POSTGRESQL, { environment: env })).toThrow(
      'shop-database has a backup, but environment dev has no backup store',
    );
  });
});
