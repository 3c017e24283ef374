// Types only: the platform's schemas take their defaults from the constants here.
import type { EnvironmentConfig } from './environment-config';
import type { PlatformConfig } from './platform-config';
import type { StateBackendKind } from './state-config';

/** Flavors assumed when the config lists none: the classic OpenStack `m1.*` set. */
export const DEFAULT_FLAVORS = [
  { name: 'm1.small', vcpus: 1, memory: '2Gi' },
  { name: 'm1.medium', vcpus: 2, memory: '4Gi' },
  { name: 'm1.large', vcpus: 4, memory: '8Gi' },
  { name: 'm1.xlarge', vcpus: 8, memory: '16Gi' },
] as const;

/** Cloud defaults. `sshPublicKey` is deliberately absent: Berth generates a key pair at deploy time. */
export const DEFAULT_CLOUD = {
  region: 'RegionOne',
  externalNetwork: 'public',
  image: 'ubuntu-24.04',
  flavors: DEFAULT_FLAVORS,
  // The demo's placeholder (RFC 5737 documentation network): a platform file must name the networks
  // its operators and its `cdktf deploy` machine connect from (config/required-facts.ts).
  adminCidrs: ['192.0.2.0/24'],
  authUrl: 'https://openstack.example.com:5000/v3',
  // Least privilege: enough for volumes, load balancers and Swift; never admin.
  applicationCredential: { roles: ['member', 'load-balancer_member'] },
  // Inside a private cloud only its own resolvers know its internal names: the subnet names none.
  dnsNameservers: [],
} as const;

export const DEFAULT_MASTERS = {
  count: 1,
  flavor: 'm1.medium',
  volumeSize: '40Gi',
} as const;

export const DEFAULT_MINION_POOL = {
  name: 'default',
  count: 2,
  flavor: 'm1.large',
  volumeSize: '50Gi',
} as const;

export const DEFAULT_CLUSTER = {
  name: 'main',
  kubernetesVersion: '1.35',
  masters: DEFAULT_MASTERS,
  minionPools: [DEFAULT_MINION_POOL],
  nodeCidr: '10.0.0.0/24',
  podCidr: '10.244.0.0/16',
  serviceCidr: '10.96.0.0/12',
  apiLoadBalancer: true,
  dns: { enabled: true },
} as const;

/** Domain of a cluster that names none. */
export function defaultDomain(cluster: string): string {
  return `${cluster}.berth.example.com`;
}

/** Environments when the config lists none; they run on the first cluster. */
export const DEFAULT_ENVIRONMENT_NAMES = ['dev', 'test', 'prod'] as const;

export const DEFAULT_PLATFORM_NAME = 'berth';

/**
 * The embedded default platform: the seed deployment, one cluster of 1 master and 2 minions on
 * OpenStack serving dev, test and prod. It is spelled out from the same constants the resolver uses
 * for missing fields, so an empty config file resolves to exactly this platform.
 */
export const DEFAULT_PLATFORM: PlatformConfig = {
  name: DEFAULT_PLATFORM_NAME,
  cloud: DEFAULT_CLOUD,
  clusters: [{ ...DEFAULT_CLUSTER, domain: defaultDomain(DEFAULT_CLUSTER.name) }],
  environments: DEFAULT_ENVIRONMENT_NAMES.map((name): EnvironmentConfig => ({
    name,
    cluster: DEFAULT_CLUSTER.name,
  })),
  state: { backend: 'local' as StateBackendKind.LOCAL },
};
