import { k8s } from 'cdk8s-plus-33';
import { EnvValue, toKubeEnv } from './app-env';
import { WorkloadResources, toKubeResources } from './app-size';
import { WorkloadEnvironment } from './workload-environment';
import {
  RESTRICTED_CONTAINER_SECURITY_CONTEXT,
  RESTRICTED_POD_SECURITY_CONTEXT,
} from '../core/restricted-pod-security';

/** Mount path of the writable scratch directory every container gets. */
export const TMP_PATH = '/tmp';

/** A container of a workload pod; security settings are not negotiable and not part of these props. */
export interface WorkloadContainerProps {
  readonly name: string;
  /** Full image reference. */
  readonly image: string;
  /**
   * When the kubelet pulls: `Always` for a tag (it may move), `IfNotPresent` for a digest.
   * @default "IfNotPresent"
   */
  readonly imagePullPolicy?: 'Always' | 'IfNotPresent';
  /**
   * Entrypoint override.
   * @default the image's ENTRYPOINT
   */
  readonly command?: readonly string[];
  /**
   * Arguments.
   * @default the image's CMD
   */
  readonly args?: readonly string[];
  /**
   * Port the process listens on, named `http` in the Service.
   * @default none
   */
  readonly port?: { readonly name: string; readonly containerPort: number };
  /**
   * Environment variables, in order (later ones may use `$(EARLIER)`).
   * @default none
   */
  readonly env?: Readonly<Record<string, EnvValue>>;
  /**
   * Whole ConfigMaps and Secrets read as environment variables, by name.
   * @default none
   */
  readonly envFrom?: readonly k8s.EnvFromSource[];
  readonly resources: WorkloadResources;
  /** @default none */
  readonly readinessProbe?: k8s.Probe;
  /** @default none */
  readonly livenessProbe?: k8s.Probe;
  /** @default none */
  readonly startupProbe?: k8s.Probe;
  /**
   * Mounts besides `/tmp` and the writable paths.
   * @default none
   */
  readonly volumeMounts?: readonly k8s.VolumeMount[];
}

/** A pod that meets the restricted Pod Security Standard and Berth's hardening. */
export interface WorkloadPodProps {
  readonly environment: WorkloadEnvironment;
  readonly containers: readonly WorkloadContainerProps[];
  /**
   * Run to completion, in order, before the containers start.
   * @default none
   */
  readonly initContainers?: readonly WorkloadContainerProps[];
  /**
   * Directories that must be writable despite the read-only root filesystem; each gets an emptyDir in
   * every container. `/tmp` always is.
   * @default none besides /tmp
   */
  readonly writablePaths?: readonly string[];
  /**
   * Further volumes (PersistentVolumeClaims, ConfigMaps, Secrets, shared emptyDirs).
   * @default none
   */
  readonly volumes?: readonly k8s.Volume[];
  /** Service account the pod runs as (its token is never mounted). */
  readonly serviceAccountName: string;
  /**
   * Pod labels.
   */
  readonly labels: Readonly<Record<string, string>>;
  /**
   * Spread replicas over nodes and zones; the selector matches this workload's pods.
   * @default no spread
   */
  readonly spread?: { readonly replicas: number; readonly selector: Readonly<Record<string, string>> };
  /**
   * Set the volume group (`fsGroup`) so mounted PersistentVolumes are writable.
   * @default false
   */
  readonly ownsVolumes?: boolean;
  /**
   * Restart policy (`Never`/`OnFailure` for Jobs).
   * @default Always (Kubernetes' default)
   */
  readonly restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  /**
   * Time between SIGTERM and SIGKILL.
   * @default 30 seconds
   */
  readonly terminationGracePeriodSeconds?: number;
}

/** Volume names of the writable paths, stable for a given list. */
function writableVolumeName(index: number): string {
  return `writable-${index}`;
}

/** A container with the restricted security context, resources, and `/tmp` plus writable paths mounted. */
export function restrictedContainer(
  props: WorkloadContainerProps,
  writablePaths: readonly string[],
): k8s.Container {
  const env = props.env && Object.keys(props.env).length > 0 ? toKubeEnv(props.env) : undefined;
  return {
    name: props.name,
    image: props.image,
    imagePullPolicy: props.imagePullPolicy ?? 'IfNotPresent',
    command: props.command ? [...props.command] : undefined,
    args: props.args ? [...props.args] : undefined,
    ports: props.port
      ? [{ name: props.port.name, containerPort: props.port.containerPort, protocol: 'TCP' }]
      : undefined,
    env,
    envFrom: props.envFrom && props.envFrom.length > 0 ? [...props.envFrom] : undefined,
    resources: toKubeResources(props.resources),
    readinessProbe: props.readinessProbe,
    livenessProbe: props.livenessProbe,
    startupProbe: props.startupProbe,
    securityContext: {
      ...RESTRICTED_CONTAINER_SECURITY_CONTEXT,
      capabilities: { drop: [...RESTRICTED_CONTAINER_SECURITY_CONTEXT.capabilities.drop] },
    },
    volumeMounts: [
      { name: 'tmp', mountPath: TMP_PATH },
      ...writablePaths.map((path, i) => ({ name: writableVolumeName(i), mountPath: path })),
      ...(props.volumeMounts ?? []),
    ],
  };
}

/** The pod spec: restricted security, registry pull secret, no API token, `/tmp` and writable paths. */
export function restrictedPodSpec(props: WorkloadPodProps): k8s.PodSpec {
  const writablePaths = props.writablePaths ?? [];
  return {
    serviceAccountName: props.serviceAccountName,
    automountServiceAccountToken: false,
    // Service links put every Service of the namespace into the environment: noise, and a leak of names.
    enableServiceLinks: false,
    imagePullSecrets: [{ name: props.environment.pullSecretName }],
    securityContext: {
      ...RESTRICTED_POD_SECURITY_CONTEXT,
      ...(props.ownsVolumes
        ? { fsGroup: props.environment.volumeGroup, fsGroupChangePolicy: 'OnRootMismatch' }
        : {}),
    },
    restartPolicy: props.restartPolicy,
    terminationGracePeriodSeconds: props.terminationGracePeriodSeconds,
    initContainers:
      props.initContainers && props.initContainers.length > 0
        ? props.initContainers.map((c) => restrictedContainer(c, []))
        : undefined,
    containers: props.containers.map((c) => restrictedContainer(c, writablePaths)),
    topologySpreadConstraints: props.spread
      ? topologySpread(props.spread.replicas, props.spread.selector)
      : undefined,
    volumes: [
      { name: 'tmp', emptyDir: {} },
      ...writablePaths.map((_, i) => ({ name: writableVolumeName(i), emptyDir: {} })),
      ...(props.volumes ?? []),
    ],
  };
}

/**
 * Topology spread for `replicas` pods: none for one pod; from two up, at most one pod more on any node
 * than on another (hard: replicas exist to survive a node), and the same over zones where the cloud
 * has several (soft: many OpenStack clouds have one zone). Each rollout revision is spread on its own,
 * and nodes that are cordoned or tainted do not count.
 */
export function topologySpread(
  replicas: number,
  selector: Readonly<Record<string, string>>,
): k8s.TopologySpreadConstraint[] | undefined {
  if (replicas < 2) return undefined;
  const common = {
    maxSkew: 1,
    labelSelector: { matchLabels: { ...selector } },
    matchLabelKeys: ['pod-template-hash'],
    // Cordoned and tainted nodes are not places to spread to: draining a node must not strand pods.
    nodeTaintsPolicy: 'Honor',
  };
  return [
    { ...common, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule' },
    { ...common, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' },
  ];
}
