import { Construct } from 'constructs';
import { Fn, ITerraformDependable, TerraformResource, TerraformSelf } from 'cdktf';
import { ComputeInstanceV2 } from '../../.gen/providers/openstack/compute-instance-v2';
import { TimeSpan } from '../../config';
import { JOIN_TOKEN_GROUPS } from './kubeadm-config';
import { NODE_ROLLOUT_SCRIPT } from './node-rollout-script';

// Rolling replacement of servers, one node at a time, by Terraform itself. Decision:
// docs/decisions/0026-rolling-node-replacement.md.

/** How long one node's drain may take (PodDisruptionBudgets can hold it), as the upgrade Jobs allow. */
export const ROLLOUT_DRAIN_TIMEOUT = TimeSpan.seconds(20 * 60);
/** How long a replacement may take to boot, install, join and become Ready. */
export const ROLLOUT_WAIT_TIMEOUT = TimeSpan.seconds(40 * 60);
/** Seconds between two looks at the cluster. */
export const ROLLOUT_POLL_SECONDS = 10;

/** A server the rollout may replace, with its node name. */
export interface RolledServer {
  readonly name: string;
  readonly instance: ComputeInstanceV2;
  /**
   * A master: before its server goes, it uploads the control-plane certificates and leaves etcd.
   * @default false
   */
  readonly controlPlane?: boolean;
}

export interface NodeRolloutProps {
  /** `https://<address>:6443`, as the deployer's machine reaches it. */
  readonly apiServerUrl: string;
  readonly caCertificatePem: string;
  /** A cluster-admin client certificate and key (the deployer's). */
  readonly clientCertificatePem: string;
  readonly clientKeyPem: string;
  /** The growth join token, re-armed before each replacement so that the new server can join. */
  readonly growthToken: { readonly id: string; readonly secret: string };
  /** Every node of the cluster: each must be Ready before the next server goes. */
  readonly clusterNodes: readonly string[];
  /**
   * The masters: their etcd must be Ready too before the next server goes.
   * @default none
   */
  readonly masters?: readonly string[];
  /**
   * kubeadm's certificate key (64 hex digits): a master leaving uploads the control-plane certificates
   * with it for its replacement. Required when a server is a master.
   * @default none
   */
  readonly certificateKey?: string;
  /**
   * An image with `sh`, `cat` and `chroot`, already on the nodes, for the pod a leaving master runs.
   * Required when a server is a master.
   * @default none
   */
  readonly toolsImage?: string;
  /** The servers in the order they are replaced. */
  readonly servers: readonly RolledServer[];
  /** What the final wait needs first (the API's readiness). @default nothing */
  readonly settleDependsOn?: readonly ITerraformDependable[];
  /** @default ROLLOUT_DRAIN_TIMEOUT */
  readonly drainTimeout?: TimeSpan;
  /** @default ROLLOUT_WAIT_TIMEOUT */
  readonly waitTimeout?: TimeSpan;
}

/** Terraform's built-in `terraform_data` with an input, replace triggers and provisioners. */
class RolloutStep extends TerraformResource {
  constructor(
    scope: Construct,
    id: string,
    private readonly input: Readonly<Record<string, string>>,
    private readonly triggers: Readonly<Record<string, string>>,
    config: Pick<ConstructorParameters<typeof TerraformResource>[2], 'provisioners' | 'dependsOn'>,
  ) {
    super(scope, id, {
      terraformResourceType: 'terraform_data',
      terraformGeneratorMetadata: { providerName: 'terraform' },
      ...config,
    });
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return { input: { ...this.input }, triggers_replace: { ...this.triggers } };
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    const map = (value: Record<string, string>) => ({
      value,
      isBlock: false,
      type: 'map',
      storageClassType: 'stringMap',
    });
    return { input: map({ ...this.input }), triggers_replace: map({ ...this.triggers }) };
  }
}

/**
 * Replaces servers one node at a time when Terraform replaces them (a pool's image or flavor changed:
 * `NodePool.replaceOn`), masters first (each leaves etcd and uploads the control-plane certificates
 * before its server goes). Per server, a `drain-<node>` step whose destroy-time provisioner runs
 * {@link NODE_ROLLOUT_SCRIPT} before Terraform deletes the server: it waits until every other node is
 * Ready (the previous replacement has rejoined), re-arms the join token, drains the node through the
 * eviction API (PodDisruptionBudgets hold) and removes its Node object. The steps depend on each other in
 * reverse, so Terraform destroys them, and so drains the nodes, strictly in the given order (a dependent
 * is destroyed before what it depends on). A final `settle` step waits until every node is Ready again.
 */
export class NodeRollout extends Construct {
  /** The drain steps, in the order the servers are replaced. */
  public readonly steps: readonly TerraformResource[];
  /** The final wait for every node. */
  public readonly settle: TerraformResource;

  constructor(scope: Construct, id: string, props: NodeRolloutProps) {
    super(scope, id);
    const names = props.servers.map((s) => s.name);
    const duplicate = names.find((name, i) => names.indexOf(name) !== i);
    const stranger = names.find((name) => !props.clusterNodes.includes(name));
    if (props.servers.some((s) => s.controlPlane) && (!props.certificateKey || !props.toolsImage)) {
      throw new Error(`NodeRollout ${id}: rolling masters needs certificateKey and toolsImage`);
    }
    if (duplicate || stranger) {
      throw new Error(
        `NodeRollout ${id}: every server must be one cluster node, once; got ${duplicate ?? stranger} ${duplicate ? 'twice' : 'outside clusterNodes'}`,
      );
    }
    const timeouts = {
      BERTH_WAIT_TIMEOUT_SECONDS: String((props.waitTimeout ?? ROLLOUT_WAIT_TIMEOUT).toSeconds()),
      BERTH_DRAIN_TIMEOUT_SECONDS: String((props.drainTimeout ?? ROLLOUT_DRAIN_TIMEOUT).toSeconds()),
      BERTH_INTERVAL_SECONDS: String(ROLLOUT_POLL_SECONDS),
    };
    const common = {
      api_url: props.apiServerUrl,
      ca: props.caCertificatePem,
      cert: props.clientCertificatePem,
      key: props.clientKeyPem,
      token_id: props.growthToken.id,
      token_secret: props.growthToken.secret,
      nodes: props.clusterNodes.join(','),
      masters: (props.masters ?? []).join(','),
    };
    // Destroy-time provisioners may only read `self`: everything they need is the step's input (state).
    const fromSelf = (key: keyof typeof common | 'node' | 'certificate_key' | 'tools_image') =>
      TerraformSelf.getString(`input.${key}`);

    // Built from the last server back, so that each step can depend on the next one.
    const steps: TerraformResource[] = [];
    for (const server of [...props.servers].reverse()) {
      const next = steps[0];
      const step = new RolloutStep(
        this,
        `drain-${server.name}`,
        {
          ...common,
          node: server.name,
          ...(server.controlPlane
            ? { certificate_key: props.certificateKey!, tools_image: props.toolsImage! }
            : {}),
        },
        // A server planned for replacement has an unknown id: its step is replaced too, before it.
        { server: server.instance.id },
        {
          dependsOn: next ? [next] : undefined,
          provisioners: [
            {
              type: 'local-exec',
              when: 'destroy',
              interpreter: ['node', '-e'],
              command: NODE_ROLLOUT_SCRIPT,
              environment: {
                BERTH_ROLLOUT_MODE: 'drain',
                BERTH_API_URL: fromSelf('api_url'),
                BERTH_CA_PEM: fromSelf('ca'),
                BERTH_CLIENT_CERT_PEM: fromSelf('cert'),
                BERTH_CLIENT_KEY_PEM: fromSelf('key'),
                BERTH_TOKEN_ID: fromSelf('token_id'),
                BERTH_TOKEN_SECRET: fromSelf('token_secret'),
                BERTH_TOKEN_GROUPS: JOIN_TOKEN_GROUPS.join(','),
                BERTH_NODE: fromSelf('node'),
                BERTH_NODES: fromSelf('nodes'),
                BERTH_MASTERS: fromSelf('masters'),
                ...(server.controlPlane
                  ? {
                      BERTH_CONTROL_PLANE: 'true',
                      BERTH_CERTIFICATE_KEY: fromSelf('certificate_key'),
                      BERTH_TOOLS_IMAGE: fromSelf('tools_image'),
                    }
                  : {}),
                ...timeouts,
              },
            },
          ],
        },
      );
      steps.unshift(step);
    }
    this.steps = steps;

    this.settle = new RolloutStep(
      this,
      'settle',
      {},
      {
        servers: Fn.join(
          ',',
          props.servers.map((s) => s.instance.id),
        ),
      },
      {
        dependsOn: [...props.servers.map((s) => s.instance), ...(props.settleDependsOn ?? [])],
        provisioners: [
          {
            type: 'local-exec',
            interpreter: ['node', '-e'],
            command: NODE_ROLLOUT_SCRIPT,
            environment: {
              BERTH_ROLLOUT_MODE: 'settle',
              BERTH_API_URL: props.apiServerUrl,
              BERTH_CA_PEM: props.caCertificatePem,
              BERTH_CLIENT_CERT_PEM: props.clientCertificatePem,
              BERTH_CLIENT_KEY_PEM: props.clientKeyPem,
              BERTH_TOKEN_ID: props.growthToken.id,
              BERTH_TOKEN_SECRET: props.growthToken.secret,
              BERTH_TOKEN_GROUPS: JOIN_TOKEN_GROUPS.join(','),
              BERTH_NODES: common.nodes,
              BERTH_MASTERS: common.masters,
              ...timeouts,
            },
          },
        ],
      },
    );
  }
}
