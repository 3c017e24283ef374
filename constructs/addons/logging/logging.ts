import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { AddonName, TimeSpan, ResolvedResources, DataSize } from '../../../config';
import { PlatformAddon } from '../core/addon';
import { AddonNamespace, PodSecurityLevel } from '../core/addon-namespace';
import { AddonFootprint, Placement, WorkloadKind, container, daemonSet, scheduled } from '../core/footprint';
import { KubernetesObject } from '../core/kubernetes-object';
import { HelmAddonRelease, HelmChartRef } from '../core/helm-chart';
import { PlatformNamespace } from '../../../config/platform-names';
import { KubernetesResources, fixedResources, toKubernetesResources } from '../core/resources';
import { FLUENT_BIT_IMAGES, LOKI_IMAGES } from './logging-images';

/** Loki's OSS chart, maintained by the Grafana community since Grafana's own became enterprise-only. */
export const LOKI_CHART: HelmChartRef = {
  repository: 'https://grafana-community.github.io/helm-charts',
  chart: 'loki',
  version: '6.56.1',
  confirmedAt: 'gh-pages index.yaml entry loki 6.56.1 of grafana-community/helm-charts',
  images: LOKI_IMAGES,
};

/** 0.58.1: tag fluent-bit-0.58.1 of fluent/helm-charts (0.58.2, pinned before, was never published). */
export const FLUENT_BIT_CHART: HelmChartRef = {
  repository: 'https://fluent.github.io/helm-charts',
  chart: 'fluent-bit',
  version: '0.58.1',
  confirmedAt:
    'tag fluent-bit-0.58.1 of fluent/helm-charts (Chart.yaml version 0.58.1; 0.58.2 was never published)',
  images: FLUENT_BIT_IMAGES,
};

/** Loki's HTTP port. */
export const LOKI_PORT = 3100;

/** Loki's in-cluster URL (the single-binary Service is named after the release). */
export const LOKI_URL = `http://loki.${PlatformNamespace.LOGGING}.svc.cluster.local:${LOKI_PORT}`;

const FLUENT_BIT_RESOURCES = fixedResources('20m', '48Mi', '200m', '128Mi');

/** Values of the Loki chart that Berth sets: one single-binary Loki on a Cinder volume. */
export interface LokiChartValues {
  readonly deploymentMode: 'SingleBinary';
  readonly loki: {
    /**
     * Off, deliberately: with it on, the tenant is an `X-Scope-OrgID` header each client picks, which
     * authenticates nobody. Who may reach Loki is decided by the network policies instead (Fluent Bit
     * and Grafana only; constructs/addons/core/platform-flows.ts).
     */
    readonly auth_enabled: false;
    /**
     * Merged into the chart's default pod securityContext (non-root user 10001), which lacks the seccomp
     * profile the logging namespace's `restricted` level requires (chart 6.56.1).
     */
    readonly podSecurityContext: { readonly seccompProfile: { readonly type: 'RuntimeDefault' } };
    readonly commonConfig: { readonly replication_factor: 1 };
    readonly storage: { readonly type: 'filesystem' };
    readonly schemaConfig: {
      readonly configs: readonly {
        readonly from: string;
        readonly store: 'tsdb';
        readonly object_store: 'filesystem';
        readonly schema: 'v13';
        readonly index: { readonly prefix: string; readonly period: '24h' };
      }[];
    };
    readonly limits_config: { readonly retention_period: string };
    readonly compactor: { readonly retention_enabled: true; readonly delete_request_store: 'filesystem' };
  };
  readonly singleBinary: {
    readonly replicas: 1;
    readonly resources: KubernetesResources;
    readonly persistence: { readonly enabled: true; readonly size: string; readonly storageClass: string };
  };
  readonly read: { readonly replicas: 0 };
  readonly write: { readonly replicas: 0 };
  readonly backend: { readonly replicas: 0 };
  /** The memcached caches would take gigabytes: off for a small cluster. */
  readonly chunksCache: { readonly enabled: false };
  readonly resultsCache: { readonly enabled: false };
  readonly gateway: { readonly enabled: false };
  readonly lokiCanary: { readonly enabled: false };
  readonly test: { readonly enabled: false };
  readonly sidecar: { readonly rules: { readonly enabled: false } };
}

/** Values of the Fluent Bit chart that Berth sets. */
export interface FluentBitChartValues {
  readonly kind: 'DaemonSet';
  readonly resources: KubernetesResources;
  /** Every node, masters included: their pods' logs matter too. */
  readonly tolerations: readonly { readonly operator: 'Exists' }[];
  readonly config: { readonly inputs: string; readonly filters: string; readonly outputs: string };
}

export interface LoggingProps {
  readonly storageClass: string;
  readonly storageSize: DataSize;
  readonly retention: TimeSpan;
  readonly lokiResources: ResolvedResources;
  /** What must exist first (the CNI, the StorageClass). @default nothing */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * Logs: Fluent Bit on every node tails the containers' logs, adds the pod's namespace, name and
 * container, and ships them to one Loki (single binary, filesystem storage on a Cinder volume,
 * retention by the compactor). Grafana has Loki as a data source when monitoring is on.
 */
export class Logging extends Construct implements PlatformAddon {
  public readonly addonName = AddonName.LOGGING;
  public readonly footprint: AddonFootprint;
  public readonly releases: readonly HelmAddonRelease<object>[];
  public readonly objects: readonly KubernetesObject[] = [];
  public readonly ready: readonly ITerraformDependable[];
  public readonly loki: HelmAddonRelease<LokiChartValues>;
  public readonly fluentBit: HelmAddonRelease<FluentBitChartValues>;

  constructor(scope: Construct, id: string, props: LoggingProps) {
    super(scope, id);
    // Loki meets restricted (logging-pod-security.ts records the pods).
    const namespace = new AddonNamespace(this, 'namespace', {
      name: PlatformNamespace.LOGGING,
      podSecurity: PodSecurityLevel.RESTRICTED,
    });
    // Fluent Bit reads /var/log and /var/lib/docker/containers from the host: it lives apart.
    const agentsNamespace = new AddonNamespace(this, 'agents-namespace', {
      name: PlatformNamespace.LOGGING_AGENTS,
      podSecurity: PodSecurityLevel.PRIVILEGED,
    });
    const dependsOn = [namespace.namespace, ...(props.dependsOn ?? [])];
    this.footprint = {
      addon: this.addonName,
      workloads: [
        scheduled(WorkloadKind.STATEFUL_SET, 'loki', 1, [container('loki', props.lokiResources)]),
        daemonSet('fluent-bit', Placement.EVERY_NODE, [container('fluent-bit', FLUENT_BIT_RESOURCES)]),
      ],
    };
    this.loki = new HelmAddonRelease<LokiChartValues>(this, 'loki', {
      chart: LOKI_CHART,
      releaseName: 'loki',
      namespace: PlatformNamespace.LOGGING,
      values: {
        deploymentMode: 'SingleBinary',
        loki: {
          auth_enabled: false,
          podSecurityContext: { seccompProfile: { type: 'RuntimeDefault' } },
          commonConfig: { replication_factor: 1 },
          storage: { type: 'filesystem' },
          schemaConfig: {
            configs: [
              {
                from: '2024-01-01',
                store: 'tsdb',
                object_store: 'filesystem',
                schema: 'v13',
                index: { prefix: 'loki_index_', period: '24h' },
              },
            ],
          },
          limits_config: { retention_period: props.retention.toHoursString() },
          compactor: { retention_enabled: true, delete_request_store: 'filesystem' },
        },
        singleBinary: {
          replicas: 1,
          resources: toKubernetesResources(props.lokiResources),
          persistence: {
            enabled: true,
            size: props.storageSize.toString(),
            storageClass: props.storageClass,
          },
        },
        read: { replicas: 0 },
        write: { replicas: 0 },
        backend: { replicas: 0 },
        chunksCache: { enabled: false },
        resultsCache: { enabled: false },
        gateway: { enabled: false },
        lokiCanary: { enabled: false },
        test: { enabled: false },
        sidecar: { rules: { enabled: false } },
      },
      dependsOn,
    });
    this.fluentBit = new HelmAddonRelease<FluentBitChartValues>(this, 'fluent-bit', {
      chart: FLUENT_BIT_CHART,
      releaseName: 'fluent-bit',
      namespace: PlatformNamespace.LOGGING_AGENTS,
      values: {
        kind: 'DaemonSet',
        resources: toKubernetesResources(FLUENT_BIT_RESOURCES),
        tolerations: [{ operator: 'Exists' }],
        config: fluentBitConfig(),
      },
      dependsOn: [this.loki.release, agentsNamespace.namespace, ...dependsOn],
    });
    this.releases = [this.loki, this.fluentBit];
    this.ready = [this.loki.release];
  }
}

/** Fluent Bit's pipeline: tail CRI logs, add Kubernetes metadata, send to Loki with low-cardinality labels. */
export function fluentBitConfig(): FluentBitChartValues['config'] {
  const section = (name: string, fields: readonly (readonly [string, string])[]) =>
    [`[${name}]`, ...fields.map(([k, v]) => `    ${k} ${v}`)].join('\n') + '\n';
  return {
    inputs: section('INPUT', [
      ['Name', 'tail'],
      ['Path', '/var/log/containers/*.log'],
      ['multiline.parser', 'cri'],
      ['Tag', 'kube.*'],
      ['Mem_Buf_Limit', '5MB'],
      ['Skip_Long_Lines', 'On'],
    ]),
    filters: section('FILTER', [
      ['Name', 'kubernetes'],
      ['Match', 'kube.*'],
      ['Merge_Log', 'On'],
      ['Keep_Log', 'Off'],
      ['K8S-Logging.Parser', 'On'],
      ['K8S-Logging.Exclude', 'On'],
      ['Labels', 'Off'],
      ['Annotations', 'Off'],
    ]),
    outputs: section('OUTPUT', [
      ['Name', 'loki'],
      ['Match', 'kube.*'],
      ['Host', `loki.${PlatformNamespace.LOGGING}.svc.cluster.local`],
      ['Port', `${LOKI_PORT}`],
      ['Labels', 'job=fluent-bit'],
      ['Label_keys', "$kubernetes['namespace_name'],$kubernetes['pod_name'],$kubernetes['container_name']"],
      ['Line_format', 'json'],
      ['Remove_keys', 'kubernetes,stream'],
    ]),
  };
}
