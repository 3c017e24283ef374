import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-33';
import { CpuQuantity, DataSize } from '../../config';
import { alertPrefix } from './app-alerts';
import { EnvValue, SecretRef } from './app-env';
import { AppImage } from './app-image';
import { WorkloadResources } from './app-size';
import { BackingEngine } from './backing-service';
import {
  BACKUP_PATHS,
  BackupScript,
  DUMP_SUFFIX,
  dumpScript,
  fetchScript,
  restoreScript,
  storeScript,
} from './backing-service-backup-scripts';
import { BackupPolicy, backupMaxAge, backupSchedule } from './backup-policy';
import { BACKUP_KEY_KEY, BACKUP_KEY_SECRET, BACKUP_STORE_SECRET, BackupStore } from './backup-store';
import { AlertSeverity, PrometheusRule } from './workload-monitoring';
import { WorkloadEnvironment } from './workload-environment';
import { WorkloadContainerProps, restrictedPodSpec } from './workload-pod';
import { WorkloadLabel, selectorLabels, workloadLabels } from '../core/workload-labels';

/** Resources of each backup container: the dump tools stream, rclone buffers a few chunks. */
export const BACKUP_RESOURCES: WorkloadResources = {
  cpu: CpuQuantity.millicores(50),
  cpuLimit: CpuQuantity.millicores(500),
  memory: DataSize.mebibytes(256),
};

/** The longest a backup or restore Job may run. */
const MAX_JOB_SECONDS = 6 * 3600;

/** Name of a service's backup objects (CronJob, ConfigMap, NetworkPolicy, alert): `<service>-backup`. */
export function backupName(service: string): string {
  return `${service}-backup`;
}

/** Name of a service's restore CronJob (suspended; run with `kubectl create job --from`). */
export function restoreName(service: string): string {
  return `${service}-restore`;
}

export interface BackingServiceBackupProps {
  readonly environment: WorkloadEnvironment;
  readonly store: BackupStore;
  /** The service's name (its StatefulSet, Service and credentials Secret prefix). */
  readonly service: string;
  readonly engine: BackingEngine;
  /** The service's image: its dump and restore tools match the server's version. */
  readonly image: AppImage;
  /** The service's credentials Secret. */
  readonly credentialsSecret: string;
  /** The service's service account (no token, no permissions). */
  readonly serviceAccountName: string;
  readonly policy: BackupPolicy;
}

/**
 * Scheduled, encrypted logical dumps of one backing service to the environment's object store: a
 * CronJob whose init container dumps with the service's own tools (`pg_dump`, `mysqldump`,
 * `redis-cli --rdb`) into an emptyDir and whose container encrypts and uploads with rclone and applies
 * the retention; a suspended restore CronJob to run by hand; a NetworkPolicy letting both reach the
 * service and the store and nothing else; and an alert when the newest dump is too old.
 */
export class BackingServiceBackup extends Construct {
  public readonly name: string;
  /** Labels selecting the backup and restore pods (the service admits them). */
  public readonly selector: Readonly<Record<string, string>>;
  public readonly cronJob: k8s.KubeCronJob;
  public readonly restoreCronJob: k8s.KubeCronJob;

  constructor(scope: Construct, id: string, props: BackingServiceBackupProps) {
    super(scope, id);
    const { environment: env, engine, service, policy } = props;
    const namespace = env.name;
    const name = backupName(service);
    this.name = name;
    const labels = (component: string) => workloadLabels(name, component, namespace);
    this.selector = { [WorkloadLabel.NAME]: name };

    new k8s.KubeConfigMap(this, 'scripts', {
      metadata: { name, namespace, labels: labels('backup') },
      data: {
        [BackupScript.DUMP]: dumpScript(engine.kind),
        [BackupScript.STORE]: storeScript(),
        [BackupScript.FETCH]: fetchScript(),
        [BackupScript.RESTORE]: restoreScript(engine.kind),
      },
    });

    const access = engine.backupAccess;
    const credentials = SecretRef.named(props.credentialsSecret);
    const databaseEnv: Record<string, EnvValue> = {
      BERTH_DB_HOST: service,
      BERTH_DB_PORT: String(engine.port),
      ...(access.database !== undefined ? { BERTH_DB_NAME: access.database } : {}),
      ...(access.user !== undefined ? { BERTH_DB_USER: access.user } : {}),
      BERTH_DB_PASSWORD: credentials.key(access.passwordKey),
      BERTH_BACKUP_WORK_DIR: BACKUP_PATHS.work,
    };
    const storeEnv = (extra: Record<string, EnvValue>): Record<string, EnvValue> => ({
      BERTH_BACKUP_NAME: service,
      BERTH_BACKUP_SUFFIX: DUMP_SUFFIX[engine.kind],
      ...extra,
      BERTH_BACKUP_STORE_DIR: BACKUP_PATHS.store,
      BERTH_BACKUP_KEY_FILE: `${BACKUP_PATHS.key}/${BACKUP_KEY_KEY}`,
      BERTH_BACKUP_WORK_DIR: BACKUP_PATHS.work,
      HOME: '/tmp',
    });
    const mount = (volume: string, path: string, readOnly = true) => ({
      name: volume,
      mountPath: path,
      readOnly,
    });
    const scriptMount = mount('scripts', BACKUP_PATHS.scripts);
    const workMount = mount('work', BACKUP_PATHS.work, false);
    const storeMounts = [mount('store', BACKUP_PATHS.store), mount('key', BACKUP_PATHS.key)];
    const run = (script: BackupScript) => ['sh', `${BACKUP_PATHS.scripts}/${script}`];
    const databaseContainer = (
      container: string,
      script: BackupScript,
      extra: Partial<WorkloadContainerProps> = {},
    ): WorkloadContainerProps => ({
      name: container,
      image: props.image.reference(env.registryPrefix),
      command: run(script),
      env: { ...databaseEnv, ...(extra.env ?? {}) },
      resources: BACKUP_RESOURCES,
      volumeMounts: [scriptMount, workMount, ...(extra.volumeMounts ?? [])],
    });
    const toolContainer = (container: string, script: BackupScript, extra: Record<string, EnvValue>) => ({
      name: container,
      image: props.store.toolImage.reference(env.registryPrefix),
      command: run(script),
      env: storeEnv(extra),
      resources: BACKUP_RESOURCES,
      volumeMounts: [scriptMount, workMount, ...storeMounts],
    });
    const volumes = (extra: k8s.Volume[] = []): k8s.Volume[] => [
      { name: 'scripts', configMap: { name, defaultMode: 0o444 } },
      { name: 'work', emptyDir: {} },
      { name: 'store', secret: { secretName: BACKUP_STORE_SECRET, defaultMode: 0o444 } },
      { name: 'key', secret: { secretName: BACKUP_KEY_SECRET, defaultMode: 0o444 } },
      ...extra,
    ];
    const jobSpec = (
      component: string,
      deadlineSeconds: number,
      spec: Parameters<typeof restrictedPodSpec>[0],
    ) => ({
      metadata: { labels: labels(component) },
      spec: {
        backoffLimit: 1,
        activeDeadlineSeconds: deadlineSeconds,
        template: { metadata: { labels: labels(component) }, spec: restrictedPodSpec(spec) },
      },
    });

    // The dump runs first, in the service's image; the upload only starts with a complete dump.
    this.cronJob = new k8s.KubeCronJob(this, 'cron-job', {
      metadata: { name, namespace, labels: labels('backup') },
      spec: {
        schedule: backupSchedule(policy, namespace, service),
        timeZone: 'Etc/UTC',
        concurrencyPolicy: 'Forbid',
        startingDeadlineSeconds: 600,
        successfulJobsHistoryLimit: 1,
        failedJobsHistoryLimit: 2,
        // A dump never outlasts its interval (the next one would be skipped), nor six hours.
        jobTemplate: jobSpec('backup', Math.min(policy.interval.toSeconds(), MAX_JOB_SECONDS), {
          environment: env,
          serviceAccountName: props.serviceAccountName,
          labels: labels('backup'),
          restartPolicy: 'Never',
          initContainers: [databaseContainer('dump', BackupScript.DUMP)],
          containers: [
            toolContainer('store', BackupScript.STORE, { BERTH_BACKUP_KEEP: String(policy.keep) }),
          ],
          volumes: volumes(),
        }),
      },
    });

    // Redis restores into its stopped server's volume; SQL restores through the running server.
    const offline = access.offlineRestore === true;
    const restore = restoreName(service);
    this.restoreCronJob = new k8s.KubeCronJob(this, 'restore-cron-job', {
      metadata: {
        name: restore,
        namespace,
        labels: labels('restore'),
        annotations: {
          'berth.dev/run': `kubectl -n ${namespace} create job ${restore}-1 --from=cronjob/${restore}`,
        },
      },
      spec: {
        // Never scheduled: a template for `kubectl create job --from`, kept with the backup it restores.
        schedule: '0 0 1 1 *',
        suspend: true,
        timeZone: 'Etc/UTC',
        concurrencyPolicy: 'Forbid',
        successfulJobsHistoryLimit: 1,
        failedJobsHistoryLimit: 1,
        jobTemplate: jobSpec('restore', MAX_JOB_SECONDS, {
          environment: env,
          serviceAccountName: props.serviceAccountName,
          labels: labels('restore'),
          restartPolicy: 'Never',
          ownsVolumes: offline,
          initContainers: [toolContainer('fetch', BackupScript.FETCH, { BERTH_RESTORE_OBJECT: '' })],
          containers: [
            databaseContainer(
              'restore',
              BackupScript.RESTORE,
              offline
                ? {
                    env: { BERTH_REDIS_DATA_DIR: engine.dataPath },
                    volumeMounts: [mount('data', engine.dataPath, false)],
                  }
                : {},
            ),
          ],
          volumes: volumes(
            offline ? [{ name: 'data', persistentVolumeClaim: { claimName: `data-${service}-0` } }] : [],
          ),
        }),
      },
    });

    const tcp = (port: number) => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) });
    new k8s.KubeNetworkPolicy(this, 'network-policy', {
      metadata: { name, namespace, labels: labels('backup') },
      spec: {
        podSelector: { matchLabels: { ...this.selector } },
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ podSelector: { matchLabels: selectorLabels(service, engine.component) } }],
            ports: [tcp(engine.port)],
          },
          {
            to: [
              {
                ipBlock: {
                  cidr: props.store.network.cidr,
                  except: props.store.network.except.length > 0 ? [...props.store.network.except] : undefined,
                },
              },
            ],
            ports: props.store.network.ports.map(tcp),
          },
        ],
      },
    });

    const maxAge = backupMaxAge(policy);
    const cronJob = `namespace="${namespace}",cronjob="${name}"`;
    new PrometheusRule(this, 'alerts', {
      metadata: { name, namespace, labels: labels('backup') },
      spec: {
        groups: [
          {
            name: `${namespace}.${name}`,
            rules: [
              {
                alert: `${alertPrefix(service)}BackupTooOld`,
                expr:
                  `time() - kube_cronjob_status_last_successful_time{${cronJob}} > ${maxAge.toSeconds()}` +
                  ` or (time() - kube_cronjob_created{${cronJob}} > ${maxAge.toSeconds()}` +
                  ` unless on (namespace, cronjob) kube_cronjob_status_last_successful_time{${cronJob}})`,
                for: '15m',
                labels: { severity: AlertSeverity.CRITICAL, namespace, service },
                annotations: {
                  summary: `No backup of ${service} in ${namespace} for more than ${maxAge}`,
                  description: `${service} is dumped every ${policy.interval}; no dump has been stored for more than ${maxAge} (or ever). kubectl -n ${namespace} get jobs -l app.kubernetes.io/name=${name}; kubectl -n ${namespace} logs job/<job> --all-containers.`,
                },
              },
            ],
          },
        ],
      },
    });
  }
}
