import { JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-33';
import { DataSize } from '../../config';
import { EnvValue } from './app-env';
import { AppImage } from './app-image';
import { AppProbe } from './app-probe';
import { SizeClass, resourcesFor } from './app-size';
import { BackingServiceKind, ServiceConnection, credentialsSecretName } from './backing-service-connection';
import { GeneratedSecret } from './workload-generated-secret';
import { WorkloadEnvironment } from './workload-environment';
import { WorkloadLabel, selectorLabels, workloadLabels } from '../core/workload-labels';
import { restrictedPodSpec } from './workload-pod';
import { BackingServiceBackup } from './backing-service-backup';
import { BackupPolicy } from './backup-policy';

/** Props every backing service takes. */
export interface BackingServiceProps {
  readonly environment: WorkloadEnvironment;
  /** Object name of the StatefulSet, Service, NetworkPolicy and Secret prefix, e.g. `wordpress-database`. */
  readonly name: string;
  /**
   * Image in the private registry.
   * @default the engine's platform image at its default tag (see each engine)
   */
  readonly image?: AppImage;
  /**
   * Resources.
   * @default SizeClass.M for MySQL, SizeClass.S for PostgreSQL and Redis
   */
  readonly size?: SizeClass;
  /**
   * Size of the Cinder volume holding the data.
   * @default 5Gi for databases, 1Gi for Redis
   */
  readonly storage?: DataSize;
  /** Apps (their `app.kubernetes.io/name`) allowed to connect; nothing else may. */
  readonly clients: readonly string[];
  /**
   * Scheduled encrypted dumps to the environment's backup store (which the environment must have).
   * @default no backups
   */
  readonly backup?: BackupPolicy;
}

/** What distinguishes one engine from another; everything else is shared. */
export interface BackingEngine {
  readonly kind: BackingServiceKind;
  /** `app.kubernetes.io/component`. */
  readonly component: string;
  readonly port: number;
  readonly defaultImage: AppImage;
  readonly defaultSize: SizeClass;
  readonly defaultStorage: DataSize;
  /** Where the volume is mounted (servers keep their data in a sub-directory: ext4 has `lost+found`). */
  readonly dataPath: string;
  /** Directories the server writes besides its data and /tmp (sockets, pid files). */
  readonly writablePaths: readonly string[];
  /** Keys of the credentials Secret that hold generated passwords. */
  readonly passwordKeys: readonly string[];
  /** Container environment; `secret` is the credentials Secret's name. */
  environment(secret: string): Record<string, EnvValue>;
  /** @default the image's CMD */
  readonly args?: readonly string[];
  /** The connection apps get. */
  connection(name: string): ServiceConnection;
  /** The URL template stored in the Secret, with `{{password}}` placeholders. */
  urlTemplate(name: string): string;
  /** Who dumps and restores the service. */
  readonly backupAccess: BackupAccess;
}

/** The account backups use: for MySQL root (events, routines, DEFINERs), else the service's own. */
export interface BackupAccess {
  /** SQL user. @default none (Redis) */
  readonly user?: string;
  /** SQL database. @default none (Redis) */
  readonly database?: string;
  /** Key of the password in the credentials Secret. */
  readonly passwordKey: string;
  /**
   * Restores need the server stopped and its volume (Redis loads a dump only when it starts).
   * @default false: restores go through the running server
   */
  readonly offlineRestore?: boolean;
}

/**
 * A single-instance stateful backing service: a StatefulSet with one replica and a Cinder volume, a
 * headless Service giving it a stable DNS name, credentials generated at deploy time, and a
 * NetworkPolicy admitting only the apps bound to it. Subclasses are the engines (MySQL, PostgreSQL,
 * Redis); apps bind through their typed `connection`.
 */
export abstract class BackingService extends Construct {
  public readonly serviceName: string;
  public readonly port: number;
  public readonly connection: ServiceConnection;
  public readonly credentials: GeneratedSecret;
  /** Labels selecting the server's pod, for the binding apps' egress rules. */
  public readonly selector: Readonly<Record<string, string>>;
  /** The scheduled dumps, when the service has a `backup`. */
  public readonly backup?: BackingServiceBackup;

  protected constructor(scope: Construct, id: string, props: BackingServiceProps, engine: BackingEngine) {
    super(scope, id);
    const env = props.environment;
    const name = props.name;
    const namespace = env.name;
    const image = props.image ?? engine.defaultImage;
    const storage = props.storage ?? engine.defaultStorage;
    const labels = workloadLabels(name, engine.component, namespace);
    const selector = selectorLabels(name, engine.component);
    const secret = credentialsSecretName(name);
    this.serviceName = name;
    this.port = engine.port;
    this.selector = selector;
    this.connection = engine.connection(name);

    this.credentials = new GeneratedSecret(this, 'credentials', {
      name: secret,
      namespace,
      passwordKeys: engine.passwordKeys,
      derivedKeys: { url: engine.urlTemplate(name) },
      labels,
    });

    new k8s.KubeServiceAccount(this, 'service-account', {
      metadata: { name, namespace, labels },
      automountServiceAccountToken: false,
    });

    new k8s.KubeService(this, 'service', {
      metadata: { name, namespace, labels },
      spec: {
        clusterIp: 'None',
        selector,
        ports: [
          { name: engine.component, port: engine.port, targetPort: k8s.IntOrString.fromNumber(engine.port) },
        ],
      },
    });

    const probe = AppProbe.tcp({ port: engine.port });
    const statefulSet = new k8s.KubeStatefulSet(this, 'stateful-set', {
      metadata: { name, namespace, labels },
      spec: {
        serviceName: name,
        replicas: 1,
        selector: { matchLabels: selector },
        podManagementPolicy: 'OrderedReady',
        updateStrategy: { type: 'RollingUpdate' },
        // Data outlives the StatefulSet: deleting or scaling it never deletes the volume.
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
        template: {
          metadata: { labels },
          spec: restrictedPodSpec({
            environment: env,
            serviceAccountName: name,
            labels,
            ownsVolumes: true,
            terminationGracePeriodSeconds: 60,
            writablePaths: engine.writablePaths,
            containers: [
              {
                name: engine.component,
                image: image.reference(env.registryPrefix),
                args: engine.args,
                port: { name: engine.component, containerPort: engine.port },
                env: engine.environment(secret),
                resources: resourcesFor(props.size ?? engine.defaultSize),
                readinessProbe: probe.toKube(engine.port),
                livenessProbe: AppProbe.tcp({ port: engine.port, failureThreshold: 6 }).toKube(engine.port),
                // First start initialises the data directory: allow it five minutes.
                startupProbe: AppProbe.tcp({ port: engine.port, failureThreshold: 30 }).toKube(engine.port),
                volumeMounts: [{ name: 'data', mountPath: engine.dataPath }],
              },
            ],
          }),
        },
        volumeClaimTemplates: [
          {
            metadata: { name: 'data', labels },
            spec: {
              accessModes: ['ReadWriteOnce'],
              storageClassName: env.storageClassName,
              resources: { requests: { storage: k8s.Quantity.fromString(storage.toString()) } },
            },
          },
        ],
      },
    });

    // The API server adds these to claim templates; writing them keeps `kubectl diff` quiet.
    statefulSet.addJsonPatch(
      JsonPatch.add('/spec/volumeClaimTemplates/0/apiVersion', 'v1'),
      JsonPatch.add('/spec/volumeClaimTemplates/0/kind', 'PersistentVolumeClaim'),
    );

    if (props.backup) {
      if (!env.backupStore) {
        throw new Error(`${name} has a backup, but environment ${namespace} has no backup store`);
      }
      this.backup = new BackingServiceBackup(this, 'backup', {
        environment: env,
        store: env.backupStore,
        service: name,
        engine,
        image,
        credentialsSecret: secret,
        serviceAccountName: name,
        policy: props.backup,
      });
    }
    const admitted = [...props.clients, ...(this.backup ? [this.backup.name] : [])];

    new k8s.KubeNetworkPolicy(this, 'network-policy', {
      metadata: { name, namespace, labels },
      spec: {
        podSelector: { matchLabels: selector },
        policyTypes: ['Ingress'],
        ingress:
          admitted.length === 0
            ? []
            : [
                {
                  from: [
                    {
                      podSelector: {
                        matchExpressions: [
                          { key: WorkloadLabel.NAME, operator: 'In', values: [...admitted].sort() },
                        ],
                      },
                    },
                  ],
                  ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(engine.port) }],
                },
              ],
      },
    });
  }
}
