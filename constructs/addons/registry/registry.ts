import { createHash } from 'crypto';
import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { k8s } from 'cdk8s-plus-33';
import * as YAML from 'yaml';
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { AddonName, ResolvedResources, DataSize } from '../../../config';
import { PlatformAddon } from '../core/addon';
import { AddonNamespace, PodSecurityLevel } from '../core/addon-namespace';
import { AddonFootprint, WorkloadKind, container, scheduled } from '../core/footprint';
import { sharedGatewayRoute } from '../core/gateway-api';
import { HelmAddonRelease } from '../core/helm-chart';
import { KubernetesObject } from '../core/kubernetes-object';
import { PlatformNamespace, registryHost } from '../../../config/platform-names';
import { RegistryCredentials } from './registry-pull-secret';
import {
  RegistryPuller,
  RegistryTokenServer,
  TOKEN_ISSUER,
  TOKEN_PATH,
  TOKEN_SERVER_NAME,
  TOKEN_SERVER_PORT,
  TOKEN_SERVER_RESOURCES,
  TOKEN_SERVICE,
  tokenServerObjects,
} from './registry-token-server';
import { fixedResources, toCdk8sResources } from '../core/resources';
import { REGISTRY_SERVER } from './registry-images';
import { recordedImageReference } from '../core/image-digests';

/** CNCF Distribution v3, the official image. */
export const REGISTRY_IMAGE = recordedImageReference(REGISTRY_SERVER);

/** Where Distribution v3 reads its configuration. */
const CONFIG_DIR = '/etc/distribution';
const CONFIG_PATH = `${CONFIG_DIR}/config.yml`;
const DATA_DIR = '/var/lib/registry';
const TOKEN_CERT_DIR = '/etc/distribution-token';
const TOKEN_CERT_CONFIG_MAP = 'registry-token-certificate';
/** Port of Distribution's API, in the pod and on its Service. */
export const REGISTRY_PORT = 5000;
const PORT = REGISTRY_PORT;
const METRICS_PORT = 5001;

const GC_RESOURCES = fixedResources('50m', '64Mi', '500m', '512Mi');

/** Distribution's configuration file, the fields Berth sets. */
export interface DistributionConfig {
  readonly version: '0.1';
  readonly log: { readonly level: 'info'; readonly formatter: 'json' };
  readonly storage: {
    readonly filesystem: { readonly rootdirectory: string };
    /** Deleting manifests is what garbage collection reclaims. */
    readonly delete: { readonly enabled: true };
    readonly cache: { readonly blobdescriptor: 'inmemory' };
    readonly maintenance: {
      readonly uploadpurging: {
        readonly enabled: true;
        readonly age: string;
        readonly interval: string;
        readonly dryrun: false;
      };
    };
  };
  readonly http: {
    readonly addr: string;
    readonly headers: Readonly<Record<string, readonly string[]>>;
    readonly debug: {
      readonly addr: string;
      readonly prometheus: { readonly enabled: true; readonly path: string };
    };
  };
  /** Token authentication: the token server decides who may pull or push which repository. */
  readonly auth: {
    readonly token: {
      readonly realm: string;
      readonly service: string;
      readonly issuer: string;
      readonly rootcertbundle: string;
      readonly signingalgorithms: readonly ['ES256'];
    };
  };
  readonly health: {
    readonly storagedriver: { readonly enabled: true; readonly interval: string; readonly threshold: number };
  };
}

export interface RegistryProps {
  /** The cluster's domain; the registry is `registry.apps.<domain>`. */
  readonly domain: string;
  /** StorageClass of the image volume. */
  readonly storageClass: string;
  readonly storageSize: DataSize;
  /** Cron schedule of garbage collection. */
  readonly garbageCollectionSchedule: string;
  readonly resources: ResolvedResources;
  /**
   * Environments that pull, each with its own pull-only credential for its own stage.
   * @default none
   */
  readonly pullers?: readonly RegistryPuller[];
}

/**
 * The private image registry: CNCF Distribution v3 on a Cinder volume, behind the shared Gateway at
 * `registry.apps.<domain>` (TLS with the platform CA's wildcard certificate, which every node trusts).
 *
 * Storage: Distribution v3 dropped its Swift driver, so images live on a Cinder volume (one replica,
 * `Recreate` updates). Swift's S3 API would work with the `s3` driver and EC2-style credentials, which
 * the cluster stack does not create today.
 *
 * Authentication and authorization: Distribution's token authentication with a token server
 * (cesanta/docker_auth, `registry-token-server.ts`) at `registry.apps.<domain>/auth`. CI's `push` user
 * pushes and deletes in `dev/…` and `prod/…`; each environment has its own `pull-<env>` user that may
 * only pull from its stage (`prod/…` for production, `dev/…` otherwise). The registry verifies every
 * request's token (signed by a key the tls provider makes, whose certificate it trusts), so a pull
 * credential cannot push, delete or read another stage. (htpasswd, used before, lets every user do
 * everything.) Passwords come from the random provider; only bcrypt hashes reach the token server.
 *
 * Repositories and promotion: CI pushes `registry.apps.<domain>/dev/<app>:<git-sha>`; dev and test run
 * that image by digest; promotion copies the tested manifest, unchanged, to `prod/<app>:<version>`
 * (`crane copy` or `regctl image copy`, which keep the digest), and prod references
 * `prod/<app>@sha256:<digest>`. Nothing is rebuilt between test and prod.
 *
 * Garbage collection: a CronJob runs `registry garbage-collect --delete-untagged` on the node that
 * holds the volume (pod affinity), at a quiet hour; pushes during the run may fail and are retried.
 */
export class Registry extends Construct implements PlatformAddon {
  public readonly addonName = AddonName.REGISTRY;
  public readonly footprint: AddonFootprint;
  public readonly releases: readonly HelmAddonRelease<object>[];
  public readonly ready: readonly ITerraformDependable[];
  public readonly objects: readonly KubernetesObject[];
  /** Host name of the registry. */
  public readonly host: string;
  /** Credentials for CI (push and promotion). */
  public readonly pushCredentials: RegistryCredentials;
  /** Pull-only credentials, by environment (the environments' pull secrets). */
  public readonly pullCredentials: ReadonlyMap<string, RegistryCredentials>;
  public readonly tokenServer: RegistryTokenServer;
  /** The registry's configuration file. */
  public readonly config: DistributionConfig;

  constructor(scope: Construct, id: string, props: RegistryProps) {
    super(scope, id);
    this.host = registryHost(props.domain);
    const namespace = new AddonNamespace(this, 'namespace', {
      name: PlatformNamespace.REGISTRY,
      podSecurity: PodSecurityLevel.RESTRICTED,
    });

    this.tokenServer = new RegistryTokenServer(this, 'token-server', {
      host: this.host,
      pullers: props.pullers ?? [],
      dependsOn: [namespace.namespace],
    });
    this.pushCredentials = this.tokenServer.pushCredentials;
    this.pullCredentials = this.tokenServer.pullCredentials;
    const tokenCertificate = new ConfigMapV1(this, 'token-certificate', {
      metadata: { name: TOKEN_CERT_CONFIG_MAP, namespace: PlatformNamespace.REGISTRY },
      data: { 'token.pem': this.tokenServer.signingCertificatePem },
      dependsOn: [namespace.namespace],
    });

    this.config = distributionConfig(this.host);
    this.footprint = {
      addon: this.addonName,
      workloads: [
        scheduled(WorkloadKind.DEPLOYMENT, 'registry', 1, [container('registry', props.resources)]),
        scheduled(WorkloadKind.DEPLOYMENT, TOKEN_SERVER_NAME, 1, [
          container('token-server', TOKEN_SERVER_RESOURCES),
        ]),
      ],
    };
    this.objects = registryObjects(props, this.host, this.config);
    this.releases = [];
    this.ready = [namespace.namespace, this.tokenServer.secret, tokenCertificate];
  }
}

function distributionConfig(host: string): DistributionConfig {
  return {
    version: '0.1',
    log: { level: 'info', formatter: 'json' },
    storage: {
      filesystem: { rootdirectory: DATA_DIR },
      delete: { enabled: true },
      cache: { blobdescriptor: 'inmemory' },
      maintenance: { uploadpurging: { enabled: true, age: '168h', interval: '24h', dryrun: false } },
    },
    http: {
      addr: `:${PORT}`,
      headers: { 'X-Content-Type-Options': ['nosniff'] },
      debug: { addr: `:${METRICS_PORT}`, prometheus: { enabled: true, path: '/metrics' } },
    },
    auth: {
      token: {
        realm: `https://${host}${TOKEN_PATH}`,
        service: TOKEN_SERVICE,
        issuer: TOKEN_ISSUER,
        rootcertbundle: `${TOKEN_CERT_DIR}/token.pem`,
        signingalgorithms: ['ES256'],
      },
    },
    health: { storagedriver: { enabled: true, interval: '10s', threshold: 3 } },
  };
}

const NAME = 'registry';
const LABELS = { 'app.kubernetes.io/name': NAME, 'app.kubernetes.io/part-of': 'berth' };
/** Labels of the registry server's pods. */
export const REGISTRY_SERVER_LABELS = { ...LABELS, 'app.kubernetes.io/component': 'server' } as const;
const SERVER_LABELS = REGISTRY_SERVER_LABELS;

/** The restricted pod spec shared by the server and the garbage collector. */
function podSpec(
  args: readonly string[],
  resources: ResolvedResources,
  extra: Pick<k8s.PodSpec, 'affinity' | 'restartPolicy'> & { readonly probes: boolean },
): k8s.PodSpec {
  const probe: k8s.Probe = {
    httpGet: { path: '/', port: k8s.IntOrString.fromString('http') },
    periodSeconds: 10,
  };
  return {
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    securityContext: {
      runAsNonRoot: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      fsGroup: 1000,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    affinity: extra.affinity,
    restartPolicy: extra.restartPolicy,
    containers: [
      {
        name: NAME,
        image: REGISTRY_IMAGE,
        command: ['/bin/registry'],
        args: [...args],
        // Distribution v3 exports OpenTelemetry traces by default; there is no collector.
        env: [{ name: 'OTEL_TRACES_EXPORTER', value: 'none' }],
        ports: extra.probes
          ? [
              { name: 'http', containerPort: PORT },
              { name: 'metrics', containerPort: METRICS_PORT },
            ]
          : undefined,
        readinessProbe: extra.probes ? probe : undefined,
        livenessProbe: extra.probes ? { ...probe, initialDelaySeconds: 10 } : undefined,
        resources: toCdk8sResources(resources),
        securityContext: {
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        },
        volumeMounts: [
          { name: 'data', mountPath: DATA_DIR },
          { name: 'config', mountPath: CONFIG_DIR, readOnly: true },
          { name: 'token-certificate', mountPath: TOKEN_CERT_DIR, readOnly: true },
        ],
      },
    ],
    volumes: [
      { name: 'data', persistentVolumeClaim: { claimName: `${NAME}-data` } },
      { name: 'config', configMap: { name: `${NAME}-config` } },
      { name: 'token-certificate', configMap: { name: TOKEN_CERT_CONFIG_MAP } },
    ],
  };
}

function registryObjects(props: RegistryProps, host: string, config: DistributionConfig): KubernetesObject[] {
  const ns = PlatformNamespace.REGISTRY;
  const configText = YAML.stringify(config);
  // A new configuration restarts the server (Deployments only roll on pod template changes).
  const configHash = createHash('sha256').update(configText).digest('hex');
  return [
    k8s.KubePersistentVolumeClaim.manifest({
      metadata: { name: `${NAME}-data`, namespace: ns, labels: LABELS },
      spec: {
        accessModes: ['ReadWriteOnce'],
        storageClassName: props.storageClass,
        resources: { requests: { storage: k8s.Quantity.fromString(props.storageSize.toString()) } },
      },
    }),
    k8s.KubeConfigMap.manifest({
      metadata: { name: `${NAME}-config`, namespace: ns, labels: LABELS },
      data: { 'config.yml': configText },
    }),
    k8s.KubeDeployment.manifest({
      metadata: { name: NAME, namespace: ns, labels: SERVER_LABELS },
      spec: {
        replicas: 1,
        // One pod owns the ReadWriteOnce volume: stop the old pod before starting the new one.
        strategy: { type: 'Recreate' },
        selector: { matchLabels: SERVER_LABELS },
        template: {
          metadata: { labels: SERVER_LABELS, annotations: { 'berth.dev/config-sha256': configHash } },
          spec: podSpec(['serve', CONFIG_PATH], props.resources, { probes: true }),
        },
      },
    }),
    k8s.KubeService.manifest({
      metadata: { name: NAME, namespace: ns, labels: LABELS },
      spec: {
        selector: SERVER_LABELS,
        ports: [
          { name: 'http', port: PORT, targetPort: k8s.IntOrString.fromString('http') },
          { name: 'metrics', port: METRICS_PORT, targetPort: k8s.IntOrString.fromString('metrics') },
        ],
      },
    }),
    k8s.KubeCronJob.manifest({
      metadata: { name: `${NAME}-garbage-collect`, namespace: ns, labels: LABELS },
      spec: {
        schedule: props.garbageCollectionSchedule,
        timeZone: 'Etc/UTC',
        concurrencyPolicy: 'Forbid',
        successfulJobsHistoryLimit: 1,
        failedJobsHistoryLimit: 3,
        jobTemplate: {
          spec: {
            backoffLimit: 2,
            template: {
              metadata: { labels: { ...LABELS, 'app.kubernetes.io/component': 'garbage-collector' } },
              spec: podSpec(['garbage-collect', '--delete-untagged', CONFIG_PATH], GC_RESOURCES, {
                probes: false,
                restartPolicy: 'OnFailure',
                // The volume is ReadWriteOnce: run beside the server, on the node that has it attached.
                affinity: {
                  podAffinity: {
                    requiredDuringSchedulingIgnoredDuringExecution: [
                      {
                        labelSelector: { matchLabels: SERVER_LABELS },
                        topologyKey: 'kubernetes.io/hostname',
                      },
                    ],
                  },
                },
              }),
            },
          },
        },
      },
    }),
    sharedGatewayRoute({
      name: NAME,
      namespace: ns,
      hostname: host,
      service: NAME,
      port: PORT,
      // Layer uploads of large images take long.
      requestTimeout: '1h',
    }),
    ...tokenServerObjects(),
    // Clients fetch tokens from the realm the registry names: the same host, under /auth.
    sharedGatewayRoute({
      name: TOKEN_SERVER_NAME,
      namespace: ns,
      hostname: host,
      pathPrefix: TOKEN_PATH,
      service: TOKEN_SERVER_NAME,
      port: TOKEN_SERVER_PORT,
    }),
  ];
}
