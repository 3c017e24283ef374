import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-33';
import { EnvValue, SecretRef } from './app-env';
import { AppProps, ProcessProps } from './app-props';
import { SizeClass, resourcesFor } from './app-size';
import { connectionVariables } from './backing-service-connection';
import { workloadLabels } from '../core/workload-labels';
import { WorkloadContainerProps, WorkloadPodProps } from './workload-pod';

/** Metadata of an object an app owns: its human name, the environment's namespace, the app's labels. */
export interface AppObjectMeta {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
}

/** Volumes and mounts of the app's `files`, shared by every process. */
export interface AppFileMounts {
  readonly volumes: readonly k8s.Volume[];
  readonly mounts: readonly k8s.VolumeMount[];
}

/**
 * What every process of one app shares: names and labels, the container (image, command, environment,
 * resources, file mounts) and the pod parts (service account, writable paths, artifact init container).
 * `App` builds one; each process construct asks it for its container and pod.
 */
export class AppProcessContext {
  public readonly name: string;
  public readonly namespace: string;
  /** The release Job, once built: every other workload waits for it. */
  public releaseJob?: k8s.KubeJob;
  private readonly envFrom: k8s.EnvFromSource[];
  private readonly variables: Record<string, EnvValue>;
  private readonly imageRef: string;
  private readonly pullPolicy: WorkloadContainerProps['imagePullPolicy'];
  private readonly artifactInit: WorkloadContainerProps[];
  private readonly artifactVolumes: k8s.Volume[];

  constructor(
    private readonly props: AppProps,
    name: string,
    /** The app's own ConfigMap, when it has `config`. */
    configMapName: string | undefined,
    private readonly files: AppFileMounts,
  ) {
    const env = props.environment;
    this.name = name;
    this.namespace = env.name;
    this.envFrom = [{ configMapRef: { name: env.configMapName } }];
    if (configMapName) this.envFrom.push({ configMapRef: { name: configMapName } });
    for (const ref of props.envFrom ?? []) {
      this.envFrom.push(
        ref instanceof SecretRef ? { secretRef: { name: ref.name } } : { configMapRef: { name: ref.name } },
      );
    }
    this.variables = {};
    for (const binding of Object.values(props.bindings ?? {})) {
      Object.assign(this.variables, connectionVariables(binding.prefix, binding.connection));
    }
    Object.assign(this.variables, props.env ?? {});

    this.imageRef = props.image.reference(env.registryPrefix);
    // A tag may move (dev's `main`): pull it whenever a pod starts. A digest never changes.
    this.pullPolicy = props.image.isDigest ? 'IfNotPresent' : 'Always';
    const runtime = props.runtime;
    this.artifactInit = runtime
      ? [
          {
            name: 'artifact',
            image: this.imageRef,
            imagePullPolicy: this.pullPolicy,
            command: ['cp', runtime.artifactPath, '/berth-artifact/'],
            resources: resourcesFor(SizeClass.S),
            volumeMounts: [{ name: 'artifact', mountPath: '/berth-artifact' }],
          },
        ]
      : [];
    this.artifactVolumes = runtime ? [{ name: 'artifact', emptyDir: {} }] : [];
  }

  /** Labels of the objects of one component (`web`, `worker-<name>`, `cron-<name>`, `release`, `app`). */
  public labels(component: string): Record<string, string> {
    return workloadLabels(this.name, component, this.namespace);
  }

  public meta(objectName: string, component: string): AppObjectMeta {
    return { name: objectName, namespace: this.namespace, labels: this.labels(component) };
  }

  /** Mounts every process's container has: the files and, with a runtime, the artifact. */
  public get commonMounts(): k8s.VolumeMount[] {
    const runtime = this.props.runtime;
    return [...this.files.mounts, ...(runtime ? [{ name: 'artifact', mountPath: runtime.mountPath }] : [])];
  }

  /** Volumes every process's pod has: the files and, with a runtime, the artifact. */
  public get commonVolumes(): k8s.Volume[] {
    return [...this.files.volumes, ...this.artifactVolumes];
  }

  /** The container of one process. */
  public container(
    objectName: string,
    process: ProcessProps,
    extra: Partial<WorkloadContainerProps> = {},
  ): WorkloadContainerProps {
    const runtime = this.props.runtime;
    return {
      name: objectName,
      image: runtime ? runtime.baseImage.reference(this.props.environment.registryPrefix) : this.imageRef,
      imagePullPolicy: runtime ? 'IfNotPresent' : this.pullPolicy,
      command: process.command,
      args: process.args,
      env: this.variables,
      envFrom: this.envFrom,
      resources: resourcesFor(process.size ?? this.props.size ?? SizeClass.S, {
        ...this.props.resources,
        ...process.resources,
      }),
      volumeMounts: this.commonMounts,
      ...extra,
    };
  }

  /** Pod settings every process shares. */
  public get podCommon(): Pick<
    WorkloadPodProps,
    'environment' | 'serviceAccountName' | 'writablePaths' | 'initContainers'
  > {
    return {
      environment: this.props.environment,
      serviceAccountName: this.name,
      writablePaths: this.props.writablePaths,
      initContainers: this.artifactInit,
    };
  }

  /** Makes a workload wait for the release Job, when there is one. */
  public afterRelease(workload: Construct): void {
    if (this.releaseJob) workload.node.addDependency(this.releaseJob);
  }
}

/** A PodDisruptionBudget once there are two replicas or more: drains take one pod at a time. */
export function disruptionBudget(
  scope: Construct,
  id: string,
  metadata: AppObjectMeta,
  selector: Record<string, string>,
  replicas: number,
): void {
  if (replicas < 2) return;
  new k8s.KubePodDisruptionBudget(scope, id, {
    metadata,
    spec: { selector: { matchLabels: selector }, maxUnavailable: k8s.IntOrString.fromNumber(1) },
  });
}
