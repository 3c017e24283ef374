import { backupsSchema } from './backups-config';
import { DEFAULT_CLUSTER, DEFAULT_MASTERS, DEFAULT_MINION_POOL } from './default-platform';
import { KubernetesVersion } from './kubernetes-version';
import { checkNodeLabels } from './node-labels';
import { cidrField, volumeSizeField } from './platform-fields';
import { Problems } from './problems';
import {
  boolean,
  DNS_DOMAIN,
  EMAIL,
  integer,
  list,
  name,
  oneOfNumbers,
  optional,
  parsed,
  section,
  stringMap,
  text,
  withDefault,
  z,
} from './schema';
import type { DeepReadonly } from './schema';

/** Master counts etcd can run a quorum with. */
export const ALLOWED_MASTER_COUNTS = [1, 3, 5] as const;

/** Upper bound of a single minion pool, to catch typos such as 200 for 20. */
export const MAX_POOL_SIZE = 100;

/** `key=value:Effect` or `key:Effect`. */
export const TAINT =
  /^([A-Za-z0-9][-A-Za-z0-9_./]*)(=([-A-Za-z0-9_.]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/;

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
    volumeSize: withDefault(volumeSizeField('Root volume size.'), DEFAULT_MASTERS.volumeSize),
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
      volumeSizeField('Root volume size (boot from volume).'),
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
 * A Kubernetes cluster: masters, minion pools and its networks. `addons` is the add-on section's schema,
 * composed from the add-ons' own sections by the layer that knows them (`platformSchemaFor`).
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
      nodeCidr: withDefault(cidrField('Subnet the nodes live in.'), DEFAULT_CLUSTER.nodeCidr),
      podCidr: withDefault(
        cidrField('Pod network (flannel), must not overlap the node or service networks.'),
        DEFAULT_CLUSTER.podCidr,
      ),
      serviceCidr: withDefault(cidrField('Service (ClusterIP) network.'), DEFAULT_CLUSTER.serviceCidr),
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
      addons: withDefault(addons, {} as DeepReadonly<z.input<A>>),
      backups: withDefault(backupsSchema, {}),
    },
    'A Kubernetes cluster: masters, minion pools and its networks.',
  );
}

export type MastersConfig = DeepReadonly<z.input<typeof mastersSchema>>;
export type MinionPoolConfig = DeepReadonly<z.input<typeof minionPoolSchema>>;
export type ClusterDnsConfig = DeepReadonly<z.input<typeof clusterDnsSchema>>;
export type ExistingNetworkConfig = DeepReadonly<z.input<typeof existingNetworkSchema>>;
