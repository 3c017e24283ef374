import { BackupsConfig } from './backups-config';
import { AddonsConfig } from './addons-config';
import { EnvironmentSettingsConfig } from './environment-config';
import { LoadBalancerAlgorithm, LoadBalancerProvider } from './load-balancer';

/**
 * The platform description a user writes (YAML, JSON or TypeScript). Every field is optional: what is
 * left out takes the documented default, and the embedded default platform is what `npm run synth`
 * builds when no file is given. Arrays given in a file replace the default array as a whole.
 *
 * `resolvePlatform()` validates it and turns it into a {@link ResolvedPlatform}, the only shape the
 * stacks and charts read.
 */
export interface PlatformConfig {
  /**
   * Short name of the platform; prefixes OpenStack resource names so that several platforms can share
   * one project. DNS-1123 label.
   * @default "berth"
   */
  readonly name?: string;
  /** The OpenStack cloud the platform runs on. */
  readonly cloud?: CloudConfig;
  /**
   * Kubernetes clusters; each gets its own `<cluster>-infra` stack.
   * @default one cluster named "main" (1 master, one pool of 2 minions)
   */
  readonly clusters?: readonly ClusterConfig[];
  /**
   * Environments teams deploy to; each is a namespace on one cluster.
   * @default dev, test and prod, all on the first cluster
   */
  readonly environments?: readonly EnvironmentConfig[];
  /** Where Terraform keeps state for every stack. */
  readonly state?: StateConfig;
}

/** The OpenStack cloud: what exists before Berth, and who may administer what Berth builds. */
export interface CloudConfig {
  /**
   * Entry in `clouds.yaml` used by the provider. Unset, the provider follows the usual OpenStack
   * environment: `OS_CLOUD` names a `clouds.yaml` entry, or `OS_AUTH_URL` and friends from an openrc.
   * @default unset
   */
  readonly cloudName?: string;
  /**
   * OpenStack region.
   * @default "RegionOne"
   */
  readonly region?: string;
  /**
   * Name of the external (provider) network that routers and floating IPs attach to.
   * @default "public"
   */
  readonly externalNetwork?: string;
  /**
   * Glance image name for every node (Ubuntu 24.04 or a derivative with cloud-init).
   * @default "ubuntu-24.04"
   */
  readonly image?: string;
  /**
   * Flavors that clusters may use, with their capacity (needed at synth time to size the platform).
   * @default m1.small (1 vCPU, 2Gi), m1.medium (2 vCPU, 4Gi), m1.large (4 vCPU, 8Gi), m1.xlarge (8 vCPU, 16Gi)
   */
  readonly flavors?: readonly FlavorConfig[];
  /**
   * OpenSSH public key installed for the `ubuntu` user on every node. When unset, Berth generates an
   * ED25519 key pair at deploy time and exports the private key as a sensitive output.
   * @default generated at deploy time
   */
  readonly sshPublicKey?: string;
  /**
   * Networks allowed to reach SSH (22), the Kubernetes API (6443) and the management UIs (8443).
   * Required in a platform file: include the network of the machine that runs `cdktf deploy` (Terraform
   * and its readiness wait connect to the API's floating IP from there, as seen by the cloud: after any
   * NAT). Never the cluster's own node, pod or service networks: every node and pod would count as an
   * administrator. Never `0.0.0.0/0`.
   * @default none in a platform file (the built-in demo uses 192.0.2.0/24, a documentation network)
   */
  readonly adminCidrs?: readonly string[];
  /**
   * Keystone v3 URL, given to the in-cluster cloud controller, Cinder CSI and the registry's Swift driver.
   * Set it to your cloud's; the default only lets the embedded platform synthesize.
   * @default "https://openstack.example.com:5000/v3"
   */
  readonly authUrl?: string;
  /** The application credential Berth creates for in-cluster OpenStack access. */
  readonly applicationCredential?: ApplicationCredentialConfig;
  /**
   * DNS servers handed to nodes by the subnet's DHCP, and CoreDNS's default upstream. Leave it out inside
   * a private cloud: the subnet then names none, Neutron's DHCP hands out the resolvers the cloud is set up
   * with (which know its internal names), and CoreDNS forwards to what the nodes use (`/etc/resolv.conf`).
   * @default the cloud's own resolvers
   */
  readonly dnsNameservers?: readonly string[];
  /**
   * PEM of the CA (one or more certificates) that signed your OpenStack API endpoints (Keystone and the
   * services in its catalog), when it is a private CA. The in-cluster cloud controller and Cinder CSI
   * verify the cloud with it (`ca-file` in their `cloud.conf`). Terraform itself reads the CA from your
   * `clouds.yaml` (`cacert`) or `OS_CACERT`.
   * @default the system's public CAs
   */
  readonly caCertificate?: string;
  /** Octavia, for the API and ingress load balancers and those of `LoadBalancer` Services. */
  readonly loadBalancer?: LoadBalancerConfig;
}

/** How the cloud's Octavia balances load. */
export interface LoadBalancerConfig {
  /**
   * Octavia provider driver: `amphora` (Octavia's default) or `ovn` (`openstack loadbalancer provider
   * list` shows what your cloud offers). Decides the algorithm and how access is restricted: amphora
   * listeners take `allowed_cidrs`; OVN rejects them and passes the client's address to the members,
   * whose security groups then admit exactly the allowed networks.
   * @default "amphora"
   */
  readonly provider?: `${LoadBalancerProvider}`;
  /**
   * Pool algorithm, one the provider accepts: amphora ROUND_ROBIN, LEAST_CONNECTIONS or SOURCE_IP; ovn
   * SOURCE_IP_PORT.
   * @default LEAST_CONNECTIONS for amphora, SOURCE_IP_PORT for ovn
   */
  readonly algorithm?: `${LoadBalancerAlgorithm}`;
}

/** The cluster's own OpenStack credential: restricted roles, optional expiry. */
export interface ApplicationCredentialConfig {
  /**
   * Roles delegated to the credential: enough for volumes, load balancers and Swift, nothing more.
   * @default ["member", "load-balancer_member"]
   */
  readonly roles?: readonly string[];
  /**
   * Expiry as an RFC 3339 UTC time (`2027-12-31T00:00:00Z`); rotate by changing it and re-deploying.
   * @default no expiry
   */
  readonly expiresAt?: string;
}

/** A Nova flavor the platform may use. */
export interface FlavorConfig {
  /** Flavor name as Nova knows it. */
  readonly name: string;
  /** Virtual CPUs. */
  readonly vcpus: number;
  /** Memory as a quantity, e.g. `8Gi`. */
  readonly memory: string;
}

/** A Kubernetes cluster: masters, minion pools and its networks. */
export interface ClusterConfig {
  /**
   * Cluster name, DNS-1123 label; names the stacks `<name>-infra` and `<name>-platform`.
   * @default "main"
   */
  readonly name?: string;
  /**
   * Kubernetes minor release, `1.NN`.
   * @default "1.35"
   */
  readonly kubernetesVersion?: string;
  /** Control-plane nodes. */
  readonly masters?: MastersConfig;
  /**
   * Worker pools; at least one pool with at least one minion.
   * @default one pool "default" of 2 minions on m1.large
   */
  readonly minionPools?: readonly MinionPoolConfig[];
  /**
   * Subnet the nodes live in.
   * @default "10.0.0.0/24"
   */
  readonly nodeCidr?: string;
  /**
   * Pod network (flannel), must not overlap the node or service networks.
   * @default "10.244.0.0/16"
   */
  readonly podCidr?: string;
  /**
   * Service (ClusterIP) network.
   * @default "10.96.0.0/12"
   */
  readonly serviceCidr?: string;
  /**
   * DNS domain of the cluster: the API is `api.<domain>`, apps are `*.apps.<domain>`.
   * @default "<cluster>.berth.example.com"
   */
  readonly domain?: string;
  /**
   * Put the API behind an Octavia load balancer (TCP 6443, health-checked). `false` is allowed with one
   * master only: the API's floating IP then sits on the master itself.
   * @default true
   */
  readonly apiLoadBalancer?: boolean;
  /** Designate records for the API and the apps wildcard. */
  readonly dns?: ClusterDnsConfig;
  /**
   * MTU of the node network Berth creates (1280-9000). Leave it out: Neutron then gives the network the
   * largest MTU its type allows (e.g. 1450 for VXLAN, 1442 for Geneve under OVN) and rejects a larger one;
   * flannel takes the nodes' MTU minus its 50 bytes of VXLAN for pods. Not allowed with `existingNetwork`.
   * @default Neutron's, for the network type
   */
  readonly networkMtu?: number;
  /**
   * Use an existing network and subnet instead of creating network, subnet and router. `nodeCidr` must
   * then be the subnet's CIDR.
   * @default Berth creates them
   */
  readonly existingNetwork?: ExistingNetworkConfig;
  /**
   * Platform add-ons of the `<cluster>-platform` stack: each can be switched off and tuned.
   * @default every add-on on, sized to leave at least half of the minions to apps
   */
  readonly addons?: AddonsConfig;
  /**
   * Backups of the cluster's etcd (encrypted snapshots to the Swift backup container).
   * @default hourly snapshots from every master, 48 kept per master
   */
  readonly backups?: BackupsConfig;
}

/** Designate DNS for a cluster. */
export interface ClusterDnsConfig {
  /**
   * Create `api.<domain>` and `*.apps.<domain>` records. Turn off for clouds without Designate.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * ID of an existing zone for `<domain>.`; when unset Berth creates the zone.
   * @default a new zone
   */
  readonly zoneId?: string;
  /**
   * Contact address of a zone Berth creates.
   * @default "hostmaster@<domain>"
   */
  readonly email?: string;
}

/** A network and subnet that exist already (bring your own). */
export interface ExistingNetworkConfig {
  readonly networkId: string;
  readonly subnetId: string;
}

/** Control-plane nodes of a cluster. */
export interface MastersConfig {
  /**
   * Number of masters: 1, 3 or 5 (etcd needs an odd quorum).
   * @default 1
   */
  readonly count?: number;
  /**
   * Flavor name, from `cloud.flavors`.
   * @default "m1.medium"
   */
  readonly flavor?: string;
  /**
   * Root volume size.
   * @default "40Gi"
   */
  readonly volumeSize?: string;
}

/** A group of identical worker nodes. */
export interface MinionPoolConfig {
  /** Pool name, DNS-1123 label, unique in the cluster. */
  readonly name: string;
  /**
   * Number of minions, 0-100 (the cluster needs at least one minion in all).
   * @default 2
   */
  readonly count?: number;
  /**
   * Flavor name, from `cloud.flavors`.
   * @default "m1.large"
   */
  readonly flavor?: string;
  /**
   * Root volume size (boot from volume).
   * @default "50Gi"
   */
  readonly volumeSize?: string;
  /**
   * Cinder volume type for the root volume.
   * @default the cloud's default volume type
   */
  readonly volumeType?: string;
  /**
   * Nova availability zones to spread the pool over, round-robin.
   * @default the cloud's default zone
   */
  readonly availabilityZones?: readonly string[];
  /**
   * Kubernetes node labels.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Kubernetes node taints, `key=value:Effect` or `key:Effect`.
   * @default []
   */
  readonly taints?: readonly string[];
}

/** An environment: a namespace on one cluster that teams deploy apps to. */
export interface EnvironmentConfig extends EnvironmentSettingsConfig {
  /** Environment name, DNS-1123 label, unique; also the namespace name. */
  readonly name: string;
  /**
   * Cluster the environment runs on.
   * @default the first cluster
   */
  readonly cluster?: string;
}

/** Kind of Terraform backend for every stack. */
export enum StateBackendKind {
  /** State files beside the project, at `terraform.<stack>.tfstate` (one operator). */
  LOCAL = 'local',
  /** An S3-compatible bucket (Swift's S3 API, Ceph RGW, MinIO) shared by a team. */
  S3 = 's3',
}

/** Where Terraform state lives. */
export interface StateConfig {
  /**
   * Backend kind.
   * @default "local"
   */
  readonly backend?: `${StateBackendKind}`;
  /** S3 only: bucket name. */
  readonly bucket?: string;
  /** S3 only: endpoint URL of the S3-compatible service. */
  readonly endpoint?: string;
  /**
   * S3 only: region string the service expects.
   * @default "us-east-1"
   */
  readonly region?: string;
  /**
   * S3 only: key prefix; each stack's state is `<prefix>/<stack>.tfstate`.
   * @default "berth"
   */
  readonly keyPrefix?: string;
}
