import { Construct } from 'constructs';
import { ITerraformDependable, TerraformProvider, TerraformResource } from 'cdktf';
import { ObjectMeta } from './object-meta';

// The blocks of terraform-provider-kubernetes's `kubernetes_job_v1` that Berth writes, in the provider's
// own names (snake_case), as they appear in cdk.tf.json. A Job needing another attribute adds it here, with
// the provider's name and type; the test compares what this writes with the generated binding.

/** A `volume_mount` block of a container. */
export interface KubernetesJobVolumeMount {
  readonly name: string;
  readonly mount_path: string;
  readonly read_only?: boolean;
}

/** A `container` block. */
export interface KubernetesJobContainer {
  readonly name: string;
  readonly image: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly security_context?: { readonly privileged?: boolean };
  readonly volume_mount?: readonly KubernetesJobVolumeMount[];
}

/** A `volume` block: a host path or a Secret. */
export interface KubernetesJobVolume {
  readonly name: string;
  readonly host_path?: { readonly path: string; readonly type?: string };
  /** `default_mode` is an octal string, e.g. `"0500"`. */
  readonly secret?: { readonly secret_name: string; readonly default_mode?: string };
}

/** A `toleration` block. */
export interface KubernetesJobToleration {
  readonly key?: string;
  readonly operator?: string;
  readonly value?: string;
  readonly effect?: string;
}

/** The pod template's `spec` block. */
export interface KubernetesJobPodSpec {
  readonly node_name?: string;
  readonly restart_policy: 'Never' | 'OnFailure';
  readonly service_account_name?: string;
  readonly host_pid?: boolean;
  readonly host_network?: boolean;
  readonly dns_policy?: string;
  readonly toleration?: readonly KubernetesJobToleration[];
  readonly container: readonly KubernetesJobContainer[];
  readonly volume?: readonly KubernetesJobVolume[];
}

/** The Job's `spec` block. */
export interface KubernetesJobSpec {
  readonly backoff_limit?: number;
  readonly template: {
    readonly metadata: Pick<ObjectMeta, 'labels' | 'annotations'>;
    readonly spec: KubernetesJobPodSpec;
  };
}

export interface KubernetesJobProps {
  /** The Job's `metadata` block. */
  readonly metadata: ObjectMeta;
  /** The Job's `spec` block. */
  readonly spec: KubernetesJobSpec;
  /**
   * Whether `terraform apply` waits for the Job to complete (`wait_for_completion`).
   * @default the provider's (it waits)
   */
  readonly waitForCompletion?: boolean;
  /**
   * How long creating and updating may take, a Terraform duration (`timeouts`); deleting keeps the
   * provider's.
   * @default the provider's
   */
  readonly timeout?: string;
  /**
   * What must exist first.
   * @default nothing
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * The provider.
   * @default the stack's Kubernetes provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * A `kubernetes_job_v1` resource: the same Terraform JSON as the generated binding writes for the blocks
 * above, without loading the binding, whose module defines a class for every block of the Job and pod
 * schema (~10 ms of every synthesis, for the upgrade Jobs alone).
 */
export class KubernetesJob extends TerraformResource {
  public static readonly tfResourceType = 'kubernetes_job_v1';

  private readonly props: KubernetesJobProps;

  constructor(scope: Construct, id: string, props: KubernetesJobProps) {
    super(scope, id, {
      terraformResourceType: KubernetesJob.tfResourceType,
      terraformGeneratorMetadata: { providerName: 'kubernetes' },
      provider: props.provider,
      dependsOn: props.dependsOn,
    });
    this.props = props;
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    const { metadata, spec, waitForCompletion, timeout } = this.props;
    return {
      metadata,
      spec,
      wait_for_completion: waitForCompletion,
      timeouts: timeout === undefined ? undefined : { create: timeout, update: timeout },
    };
  }
}
