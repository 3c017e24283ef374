import { backupsSchema } from './backups-config';
import { Cidr } from './cidr';
import {
  DEFAULT_CLOUD,
  DEFAULT_CLUSTER,
  DEFAULT_FLAVORS,
  DEFAULT_MASTERS,
  DEFAULT_MINION_POOL,
  DEFAULT_PLATFORM_NAME,
} from './default-platform';
import { DEFAULT_ENVIRONMENT_NAMES } from './default-platform';
import { environmentSchema } from './environment-config';
import { INPUT_LIMITS } from './input-limits';
import { KubernetesVersion } from './kubernetes-version';
import { checkNodeLabels } from './node-labels';
import { Problems } from './problems';
import { DEFAULT_LOAD_BALANCER_PROVIDER, LoadBalancerAlgorithm, LoadBalancerProvider } from './load-balancer';
import {
  boolean,
  DNS_DOMAIN,
  EMAIL,
  integer,
  list,
  name,
  oneOf,
  oneOfNumbers,
  optional,
  parsed,
  section,
  stringMap,
  text,
  url,
  withDefault,
  z,
} from './schema';
import type { DeepReadonly } from './schema';
import { DataSize } from './data-size';

/**
 * The platform description a user writes (YAML, JSON or TypeScript), as one schema: the TypeScript types
 * below, the validation and defaults of `resolvePlatform()`, and `schema/platform.schema.json` all come
 * from it. Every field is optional: what is left out takes the documented default, and the embedded
 * default platform is what `npm run synth` builds when no file is given. Arrays given in a file replace
 * the default array as a whole.
 *
 * `resolvePlatform()` validates it and turns it into a {@link ResolvedPlatform}, the only shape the
 * stacks and charts read; checks across fields (a flavor named in `cloud.flavors`, disjoint networks) live
 * there and in `check-platform.ts`.
 */

/** Largest node volume: 16 TiB, far beyond a node's root disk (a judgement against typos). */
export const MAX_VOLUME_GIB = 16 * 1024;

/** Master counts etcd can run a quorum with. */
export const ALLOWED_MASTER_COUNTS = [1, 3, 5] as const;

/** Upper bound of a single minion pool, to catch typos such as 200 for 20. */
export const MAX_POOL_SIZE = 100;

export const CIDR_ALLOWED = 'an IPv4 network in CIDR notation with zero host bits, e.g. "10.0.0.0/24"';
export const SIZE_ALLOWED = 'a size such as "40Gi" (units Mi, Gi, Ti)';
/** Keystone role names: printable, no spaces at either end. */
const KEYSTONE_ROLE = /^[A-Za-z0-9_][-A-Za-z0-9_.:]*$/;
/** Roles that administer the cloud or a service; Keystone compares role names case-insensitively. */
export const ADMIN_ROLES: readonly string[] = [
  'admin',
  'service',
  'load-balancer_admin',
  'load-balancer_quota_admin',
];
/** One or more PEM certificates, nothing else (linear: each block is a run of base64 lines). */
const PEM_CERTIFICATES =
  /^(-----BEGIN CERTIFICATE-----\r?\n([A-Za-z0-9+/=]{1,76}\r?\n)+-----END CERTIFICATE-----\s*)+$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
/** `key=value:Effect` or `key:Effect`. */
export const TAINT =
  /^([A-Za-z0-9][-A-Za-z0-9_./]*)(=([-A-Za-z0-9_.]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/;

/** Kind of Terraform backend for every stack. */
export enum StateBackendKind {
  /** State files beside the project, at `terraform.<stack>.tfstate` (one operator). */
  LOCAL = 'local',
  /** An S3-compatible bucket (Swift's S3 API, Ceph RGW, MinIO) shared by a team. */
  S3 = 's3',
}

/** A node volume size: whole GiB within Cinder's and our bounds. */
export function parseVolumeSize(text: string): DataSize | undefined {
  const size = DataSize.tryParse(text);
  return size && size.isWholeGibibytes && size.toGibibytes() >= 10 && size.toGibibytes() <= MAX_VOLUME_GIB
    ? size
    : undefined;
}

const volumeSize = (doc: string) =>
  parsed(DataSize.tryParse, SIZE_ALLOWED, { doc }).check(
    z.refine((value: string) => parseVolumeSize(value) !== undefined, {
      error: `must be a whole number of Gi from "10Gi" to "${MAX_VOLUME_GIB / 1024}Ti" (Cinder allocates whole GiB)`,
      abort: true,
    }),
  );

const cidr = (doc: string) => parsed(Cidr.tryParse, CIDR_ALLOWED, { doc });

/** A Nova flavor the platform may use. */
export const flavorSchema = section(
  {
    name: text({ required: 'the Nova flavor name', doc: 'Flavor name as Nova knows it.' }),
    vcpus: integer(1, 1024, 'Virtual CPUs.', 'the number of vCPUs'),
    memory: parsed(DataSize.tryParse, SIZE_ALLOWED, {
      required: SIZE_ALLOWED,
      doc: 'Memory as a quantity, e.g. `8Gi`.',
    }),
  },
  'A Nova flavor the platform may use.',
);

/** How the cloud's Octavia balances load. */
export const loadBalancerSchema = section(
  {
    provider: withDefault(
      oneOf(
        Object.values(LoadBalancerProvider) as [LoadBalancerProvider, ...LoadBalancerProvider[]],
        'the Octavia provider driver of your cloud (openstack loadbalancer provider list)',
        "Octavia provider driver: `amphora` (Octavia's default) or `ovn` (`openstack loadbalancer provider list` shows what your cloud offers). Decides the algorithm and how access is restricted: amphora listeners take `allowed_cidrs`; OVN rejects them and passes the client's address to the members, whose security groups then admit exactly the allowed networks.",
      ),
      DEFAULT_LOAD_BALANCER_PROVIDER,
    ),
    algorithm: optional(
      text({
        doc: 'Pool algorithm, one the provider accepts: amphora ROUND_ROBIN, LEAST_CONNECTIONS or SOURCE_IP; ovn SOURCE_IP_PORT. Default: LEAST_CONNECTIONS for amphora, SOURCE_IP_PORT for ovn.',
      }).check(z.meta({ enum: Object.values(LoadBalancerAlgorithm) })),
    ),
  },
  "How the cloud's Octavia balances load: for the API and ingress load balancers and those of `LoadBalancer` Services.",
);

/** The cluster's own OpenStack credential: restricted roles, optional expiry. */
export const applicationCredentialSchema = section(
  {
    roles: withDefault(
      list(
        text({
          pattern: KEYSTONE_ROLE,
          allowed: 'a Keystone role name such as "member"',
          maxLength: 255,
        }).check(
          z.refine((role: string) => !ADMIN_ROLES.includes(role.toLowerCase()), {
            error: `must not be an administrative role (${ADMIN_ROLES.join(', ')}, in any case): the credential lives in the cluster; grant only what it needs`,
          }),
        ),
        20,
        'Roles delegated to the credential: enough for volumes, load balancers and Swift, nothing more.',
      ).check(
        z.minLength(1, {
          error:
            'must name at least one role: Keystone gives a credential without roles every role of its creator; e.g. [member, load-balancer_member]',
        }),
      ),
      DEFAULT_CLOUD.applicationCredential.roles,
    ),
    expiresAt: optional(
      text({
        pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/,
        allowed: 'an RFC 3339 UTC time such as "2027-12-31T00:00:00Z"',
        doc: 'Expiry as an RFC 3339 UTC time (`2027-12-31T00:00:00Z`); rotate by changing it and re-deploying. Default: no expiry.',
      }),
    ),
  },
  'The application credential Berth creates for in-cluster OpenStack access.',
);

/** The OpenStack cloud: what exists before Berth, and who may administer what Berth builds. */
export const cloudSchema = section(
  {
    cloudName: optional(
      text({
        doc: 'Entry in `clouds.yaml` used by the provider. Unset, the provider follows the usual OpenStack environment: `OS_CLOUD` names a `clouds.yaml` entry, or `OS_AUTH_URL` and friends from an openrc.',
      }),
    ),
    region: withDefault(text({ doc: 'OpenStack region.' }), DEFAULT_CLOUD.region),
    externalNetwork: withDefault(
      text({ doc: 'Name of the external (provider) network that routers and floating IPs attach to.' }),
      DEFAULT_CLOUD.externalNetwork,
    ),
    image: withDefault(
      text({ doc: 'Glance image name for every node (Ubuntu 24.04 or a derivative with cloud-init).' }),
      DEFAULT_CLOUD.image,
    ),
    flavors: withDefault(
      list(
        flavorSchema,
        undefined,
        'Flavors that clusters may use, with their capacity (needed at synth time to size the platform).',
      ),
      DEFAULT_FLAVORS,
    ),
    sshPublicKey: optional(
      text({
        pattern: /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/=]+( .*)?$/,
        allowed: 'an OpenSSH public key line, e.g. "ssh-ed25519 AAAA... you@example.com"',
        doc: 'OpenSSH public key installed for the `ubuntu` user on every node. When unset, Berth generates an ED25519 key pair at deploy time and exports the private key as a sensitive output.',
      }),
    ),
    adminCidrs: withDefault(
      list(
        cidr('A network allowed to administer the platform.'),
        undefined,
        "Networks allowed to reach SSH (22), the Kubernetes API (6443) and the management UIs (8443). Required in a platform file: include the network of the machine that runs `cdktf deploy` (as seen by the cloud, after any NAT). Never the cluster's own node, pod or service networks, never `0.0.0.0/0`.",
      ),
      DEFAULT_CLOUD.adminCidrs,
    ),
    authUrl: withDefault(
      url({
        allowed:
          'the Keystone URL, e.g. "https://keystone.example.com:5000/v3" (credentials travel to it: never http://)',
        doc: "Keystone v3 URL, given to the in-cluster cloud controller, Cinder CSI and the registry's Swift driver. Set it to your cloud's.",
      }),
      DEFAULT_CLOUD.authUrl,
    ),
    applicationCredential: withDefault(applicationCredentialSchema, {}),
    dnsNameservers: withDefault(
      list(
        text({ pattern: IPV4, allowed: 'an IPv4 address' }),
        undefined,
        "DNS servers handed to nodes by the subnet's DHCP, and CoreDNS's default upstream. Leave it out inside a private cloud: Neutron's DHCP then hands out the cloud's own resolvers.",
      ),
      DEFAULT_CLOUD.dnsNameservers,
    ),
    caCertificate: optional(
      text({
        pattern: PEM_CERTIFICATES,
        allowed:
          'PEM certificates: one or more "-----BEGIN CERTIFICATE-----" ... "-----END CERTIFICATE-----" blocks (a YAML block scalar, "caCertificate: |")',
        // A CA bundle is a few kilobytes: the bound is the file's own string limit.
        maxLength: INPUT_LIMITS.stringLength,
        doc: "PEM of the CA (one or more certificates) that signed your OpenStack API endpoints, when it is a private CA. The in-cluster cloud controller and Cinder CSI verify the cloud with it. Default: the system's public CAs.",
      }),
    ),
    loadBalancer: withDefault(loadBalancerSchema, {}),
  },
  'The OpenStack cloud: what exists before Berth, and who may administer what Berth builds.',
);

/** Control-plane nodes of a cluster. */
export const mastersSchema = section(
  {
    count: withDefault(
      oneOfNumbers(
        ALLOWED_MASTER_COUNTS,
        '1, 3 or 5: etcd needs an odd number of members to keep a quorum (3 survives the loss of one master)',
        'Number of masters: 1, 3 or 5 (etcd needs an odd quorum).',
      ),
      DEFAULT_MASTERS.count,
    ),
    flavor: withDefault(text({ doc: 'Flavor name, from `cloud.flavors`.' }), DEFAULT_MASTERS.flavor),
    volumeSize: withDefault(volumeSize('Root volume size.'), DEFAULT_MASTERS.volumeSize),
  },
  'Control-plane nodes.',
);

/** A group of identical worker nodes. */
export const minionPoolSchema = section(
  {
    name: name('Pool name, DNS-1123 label, unique in the cluster.'),
    count: withDefault(
      integer(0, MAX_POOL_SIZE, 'Number of minions, 0-100 (the cluster needs at least one minion in all).'),
      DEFAULT_MINION_POOL.count,
    ),
    flavor: withDefault(text({ doc: 'Flavor name, from `cloud.flavors`.' }), DEFAULT_MINION_POOL.flavor),
    volumeSize: withDefault(
      volumeSize('Root volume size (boot from volume).'),
      DEFAULT_MINION_POOL.volumeSize,
    ),
    volumeType: optional(
      text({ doc: "Cinder volume type for the root volume. Default: the cloud's default volume type." }),
    ),
    availabilityZones: withDefault(
      list(
        text(),
        undefined,
        "Nova availability zones to spread the pool over, round-robin. Default: the cloud's default zone.",
      ),
      [],
    ),
    labels: withDefault(
      stringMap(
        undefined,
        'Kubernetes node labels, as the kubelet accepts them (no kubernetes.io prefix).',
      ).check(
        z.check<Record<string, string>>((payload) => {
          const found = new Problems();
          checkNodeLabels(found, '', payload.value);
          for (const p of found.all) {
            payload.issues.push({
              code: 'custom',
              message: p.message,
              input: payload.value,
              params: { shown: p.value, suffix: p.path },
            });
          }
        }),
      ),
      {},
    ),
    taints: withDefault(
      list(
        text({
          pattern: TAINT,
          allowed: '"key=value:Effect" or "key:Effect" with Effect NoSchedule, PreferNoSchedule or NoExecute',
        }),
        undefined,
        'Kubernetes node taints, `key=value:Effect` or `key:Effect`.',
      ),
      [],
    ),
  },
  'A group of identical worker nodes.',
);

/** Designate DNS for a cluster. */
export const clusterDnsSchema = section(
  {
    enabled: withDefault(
      boolean('Create `api.<domain>` and `*.apps.<domain>` records. Turn off for clouds without Designate.'),
      DEFAULT_CLUSTER.dns.enabled,
    ),
    zoneId: optional(
      text({ doc: 'ID of an existing zone for `<domain>.`; when unset Berth creates the zone.' }),
    ),
    email: optional(
      text({
        pattern: EMAIL,
        allowed: 'an e-mail address',
        doc: 'Contact address of a zone Berth creates. Default: `hostmaster@<domain>`.',
      }),
    ),
  },
  'Designate records for the API and the apps wildcard.',
);

/** A network and subnet that exist already (bring your own). */
export const existingNetworkSchema = section(
  {
    networkId: text({ required: 'the UUID of the existing network (openstack network list)' }),
    subnetId: text({ required: 'the UUID of its subnet (openstack subnet list)' }),
  },
  "Use an existing network and subnet instead of creating network, subnet and router. `nodeCidr` must then be the subnet's CIDR.",
);

/**
 * A Kubernetes cluster: masters, minion pools and its networks. `addons` is the add-on section's schema
 * (contributed by the layer that knows the add-ons); read by its own resolver.
 */
export function clusterSchemaWith<A extends z.ZodMiniType>(addons: A) {
  return section(
    {
      name: withDefault(
        name('Cluster name, DNS-1123 label; names the stacks `<name>-infra` and `<name>-platform`.'),
        DEFAULT_CLUSTER.name,
      ),
      kubernetesVersion: withDefault(
        parsed(
          KubernetesVersion.tryParse,
          `a supported Kubernetes minor: one of ${KubernetesVersion.describeSupported()}`,
          { doc: 'Kubernetes minor release, `1.NN`.' },
        ),
        DEFAULT_CLUSTER.kubernetesVersion,
      ),
      masters: withDefault(mastersSchema, {}),
      minionPools: withDefault(
        list(minionPoolSchema, undefined, 'Worker pools; at least one pool with at least one minion.'),
        [DEFAULT_MINION_POOL],
      ),
      nodeCidr: withDefault(cidr('Subnet the nodes live in.'), DEFAULT_CLUSTER.nodeCidr),
      podCidr: withDefault(
        cidr('Pod network (flannel), must not overlap the node or service networks.'),
        DEFAULT_CLUSTER.podCidr,
      ),
      serviceCidr: withDefault(cidr('Service (ClusterIP) network.'), DEFAULT_CLUSTER.serviceCidr),
      domain: optional(
        text({
          pattern: DNS_DOMAIN,
          allowed: 'a lower-case DNS domain with at least two labels, e.g. "paas.example.com"',
          doc: 'DNS domain of the cluster: the API is `api.<domain>`, apps are `*.apps.<domain>`. Required in a platform file.',
        }),
      ),
      apiLoadBalancer: withDefault(
        boolean(
          "Put the API behind an Octavia load balancer (TCP 6443, health-checked). `false` is allowed with one master only: the API's floating IP then sits on the master itself.",
        ),
        DEFAULT_CLUSTER.apiLoadBalancer,
      ),
      dns: withDefault(clusterDnsSchema, {}),
      networkMtu: optional(
        integer(
          1280,
          9000,
          'MTU of the node network Berth creates (1280-9000). Leave it out: Neutron then gives the network the largest MTU its type allows. Not allowed with `existingNetwork`.',
        ),
      ),
      existingNetwork: optional(existingNetworkSchema),
      addons: optional(addons),
      backups: withDefault(backupsSchema, {}),
    },
    'A Kubernetes cluster: masters, minion pools and its networks.',
  );
}

/** Where Terraform state lives. */
export const stateSchema = section(
  {
    backend: withDefault(
      oneOf(
        Object.values(StateBackendKind) as [StateBackendKind, ...StateBackendKind[]],
        undefined,
        'Backend kind.',
      ),
      StateBackendKind.LOCAL,
    ),
    bucket: optional(text({ doc: 'S3 only: bucket name.' })),
    endpoint: optional(
      url({
        allowed: 'the https:// URL of the S3-compatible service',
        doc: 'S3 only: endpoint URL of the S3-compatible service.',
      }),
    ),
    region: optional(text({ doc: 'S3 only: region string the service expects. Default: "us-east-1".' })),
    keyPrefix: optional(
      text({
        pattern: /^[A-Za-z0-9][A-Za-z0-9._/-]*$/,
        allowed: 'a key prefix of letters, digits, ".", "_", "-" and "/"',
        doc: 'S3 only: key prefix; each stack\'s state is `<prefix>/<stack>.tfstate`. Default: the platform name\'s default, "berth".',
      }),
    ),
  },
  'Where Terraform keeps state for every stack.',
);

/** The whole platform file, with the add-on section's schema handed in. */
export function platformSchemaWith<A extends z.ZodMiniType>(parts: { readonly addons: A }) {
  return section({
    name: withDefault(
      name(
        'Short name of the platform; prefixes OpenStack resource names so that several platforms can share one project.',
      ),
      DEFAULT_PLATFORM_NAME,
    ),
    cloud: withDefault(cloudSchema, {}),
    clusters: withDefault(
      list(
        clusterSchemaWith(parts.addons),
        undefined,
        'Kubernetes clusters; each gets its own `<cluster>-infra` stack.',
      ).check(
        z.minLength(1, { error: 'must list at least one cluster (or be left out for the default "main")' }),
      ),
      [DEFAULT_CLUSTER],
    ),
    environments: withDefault(
      list(
        environmentSchema,
        undefined,
        'Environments teams deploy to; each is a namespace on one cluster.',
      ).check(
        z.minLength(1, { error: 'must list at least one environment (or be left out for dev, test, prod)' }),
      ),
      DEFAULT_ENVIRONMENT_NAMES.map((environment) => ({ name: environment })),
    ),
    state: withDefault(stateSchema, {}),
  });
}

/** The add-on section until add-ons contribute their schemas: any mapping, read by `resolveAddons`. */
const ADDONS_READ_BY_HAND = z.record(z.string(), z.unknown());

/** The platform schema Berth reads with. */
export const platformSchema = platformSchemaWith({ addons: ADDONS_READ_BY_HAND });

/** The platform description a user writes (every field optional). */
export type PlatformConfig = DeepReadonly<z.input<typeof platformSchema>>;
/** The platform after its schema: defaults applied (those that depend on other fields still to come). */
export type PlatformSchemaOutput = z.output<typeof platformSchema>;
export type CloudConfig = DeepReadonly<z.input<typeof cloudSchema>>;
export type FlavorConfig = DeepReadonly<z.input<typeof flavorSchema>>;
export type LoadBalancerConfig = DeepReadonly<z.input<typeof loadBalancerSchema>>;
export type ApplicationCredentialConfig = DeepReadonly<z.input<typeof applicationCredentialSchema>>;
export type ClusterConfig = DeepReadonly<
  z.input<ReturnType<typeof clusterSchemaWith<typeof ADDONS_READ_BY_HAND>>>
>;
export type MastersConfig = DeepReadonly<z.input<typeof mastersSchema>>;
export type MinionPoolConfig = DeepReadonly<z.input<typeof minionPoolSchema>>;
export type ClusterDnsConfig = DeepReadonly<z.input<typeof clusterDnsSchema>>;
export type ExistingNetworkConfig = DeepReadonly<z.input<typeof existingNetworkSchema>>;
export type StateConfig = DeepReadonly<z.input<typeof stateSchema>>;
