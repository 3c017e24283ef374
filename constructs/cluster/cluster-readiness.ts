import { Construct } from 'constructs';
import { ITerraformDependable, TerraformResource } from 'cdktf';
import { TimeSpan, ResolvedCluster } from '../../config';
import { CLUSTER_READINESS_SCRIPT } from './cluster-readiness-script';

/** What the expected nodes must be before the wait ends. */
export enum NodeReadiness {
  /** Every node's kubelet has joined (a Node object exists). Nodes are NotReady until a pod network runs. */
  REGISTERED = 'registered',
  /** Every node reports the Ready condition (the pod network runs on it). */
  READY = 'ready',
}

export interface ClusterReadinessProps {
  /** `https://<address>:6443`, as the deployer's machine reaches it. */
  readonly apiServerUrl: string;
  /** PEM of the cluster CA: the API's certificate must chain to it. */
  readonly caCertificatePem: string;
  /** PEM of a client certificate allowed to list nodes, and its key (sensitive). */
  readonly clientCertificatePem: string;
  readonly clientKeyPem: string;
  /** How many nodes the cluster has (masters and minions). Changing it waits again. */
  readonly expectedNodes: number;
  readonly nodesMustBe: NodeReadiness;
  /**
   * Upper bound of the wait; then the step fails with what it last saw and what usually causes it.
   * @default 30 minutes
   */
  readonly timeout?: TimeSpan;
  /** What must exist before the wait starts (the servers, the load balancer). @default nothing */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** Every node the cluster should have: masters and minions. */
export function clusterNodeCount(cluster: ResolvedCluster): number {
  return cluster.masters.count + cluster.minionPools.reduce((sum, pool) => sum + pool.count, 0);
}

/** Seconds between two looks at the cluster. */
export const READINESS_POLL_SECONDS = 10;

/**
 * A bounded wait for a cluster, as a Terraform step: Terraform's built-in `terraform_data` with a
 * `local-exec` provisioner that runs {@link CLUSTER_READINESS_SCRIPT} with `node` on the deployer's
 * machine. It waits until the API answers `/readyz` and lists `expectedNodes` nodes (registered or
 * Ready), verifying the API with the cluster CA and authenticating with the client certificate.
 *
 * Why this mechanism: no provider at hand waits for a condition (the http data source retries only on
 * transport errors and 5xx, runs at plan time and cannot count nodes; the Kubernetes provider's data
 * sources read once). A provisioner runs at create time only, so the wait happens when the cluster is
 * built and again whenever the expected node count changes (`triggers_replace`), never on a plain plan.
 * A failed wait taints the step, so the next `cdktf deploy` waits again.
 *
 * `output` is the API URL once the wait succeeded: what uses it comes after the wait.
 */
export class ClusterReadiness extends TerraformResource {
  /** The API URL, known only once the cluster was ready (`terraform_data.output`). */
  public readonly apiServerUrl: string;
  private readonly triggers: Readonly<Record<string, string>>;
  private readonly input: string;

  constructor(scope: Construct, id: string, props: ClusterReadinessProps) {
    if (!Number.isInteger(props.expectedNodes) || props.expectedNodes < 1) {
      throw new Error(
        `ClusterReadiness ${id}: expectedNodes must be a whole number of nodes, got ${props.expectedNodes}`,
      );
    }
    const timeout = props.timeout ?? TimeSpan.seconds(30 * 60);
    super(scope, id, {
      terraformResourceType: 'terraform_data',
      terraformGeneratorMetadata: { providerName: 'terraform' },
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
      provisioners: [
        {
          type: 'local-exec',
          interpreter: ['node', '-e'],
          command: CLUSTER_READINESS_SCRIPT,
          environment: {
            BERTH_API_URL: props.apiServerUrl,
            BERTH_CA_PEM: props.caCertificatePem,
            BERTH_CLIENT_CERT_PEM: props.clientCertificatePem,
            BERTH_CLIENT_KEY_PEM: props.clientKeyPem,
            BERTH_EXPECTED_NODES: String(props.expectedNodes),
            BERTH_NODES_MUST_BE: props.nodesMustBe,
            BERTH_TIMEOUT_SECONDS: String(timeout.toSeconds()),
            BERTH_INTERVAL_SECONDS: String(READINESS_POLL_SECONDS),
          },
        },
      ],
    });
    this.triggers = {
      api_server_url: props.apiServerUrl,
      expected_nodes: String(props.expectedNodes),
      nodes_must_be: props.nodesMustBe,
    };
    this.input = props.apiServerUrl;
    this.apiServerUrl = this.getStringAttribute('output');
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return { input: this.input, triggers_replace: { ...this.triggers } };
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    return {
      input: { value: this.input, isBlock: false, type: 'simple', storageClassType: 'string' },
      triggers_replace: {
        value: { ...this.triggers },
        isBlock: false,
        type: 'map',
        storageClassType: 'stringMap',
      },
    };
  }
}
