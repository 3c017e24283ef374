import { Problem } from './problems';
import { ResolvedAddons } from './addons-config';
import { ResolvedBackups } from './backups-config';
import { Cidr } from './cidr';
import { KubernetesVersion } from './kubernetes-version';
import { ResolvedLoadBalancing } from './load-balancer';
import { StateBackendKind } from './state-config';
import { ResolvedEnvironmentSettings } from './resolved-environment';
import { DataSize } from './data-size';

/**
 * A validated platform with every default applied. Stacks and charts read only this shape, so a
 * default is decided in exactly one place (`resolvePlatform`).
 */
export interface ResolvedPlatform {
  readonly name: string;
  readonly cloud: ResolvedCloud;
  readonly clusters: readonly ResolvedCluster[];
  readonly environments: readonly ResolvedEnvironment[];
  readonly state: ResolvedState;
  /**
   * Legal but risky settings, for the deployer to read (printed by the synth); absent when none.
   * @default none
   */
  readonly warnings?: readonly Problem[];
}

export interface ResolvedCloud {
  readonly cloudName?: string;
  readonly region: string;
  readonly externalNetwork: string;
  readonly image: string;
  readonly flavors: readonly ResolvedFlavor[];
  readonly sshPublicKey?: string;
  readonly adminCidrs: readonly Cidr[];
  readonly authUrl: string;
  readonly applicationCredential: { readonly roles: readonly string[]; readonly expiresAt?: string };
  /** DNS servers for the subnet; empty: the cloud's own (Neutron DHCP), and the nodes' for CoreDNS. */
  readonly dnsNameservers: readonly string[];
  /** PEM of the private CA of the cloud's endpoints. @default none (public CAs) */
  readonly caCertificatePem?: string;
  readonly loadBalancing: ResolvedLoadBalancing;
}

export interface ResolvedFlavor {
  readonly name: string;
  readonly vcpus: number;
  readonly memory: DataSize;
}

export interface ResolvedCluster {
  readonly name: string;
  readonly kubernetesVersion: KubernetesVersion;
  readonly masters: ResolvedMasters;
  readonly minionPools: readonly ResolvedMinionPool[];
  readonly nodeCidr: Cidr;
  readonly podCidr: Cidr;
  readonly serviceCidr: Cidr;
  readonly domain: string;
  readonly apiLoadBalancer: boolean;
  readonly dns: { readonly enabled: boolean; readonly zoneId?: string; readonly email: string };
  /** @default Neutron's for the network type */
  readonly networkMtu?: number;
  readonly existingNetwork?: { readonly networkId: string; readonly subnetId: string };
  readonly addons: ResolvedAddons;
  readonly backups: ResolvedBackups;
}

export interface ResolvedMasters {
  readonly count: number;
  readonly flavor: ResolvedFlavor;
  readonly volumeSize: DataSize;
}

export interface ResolvedMinionPool {
  readonly name: string;
  readonly count: number;
  readonly flavor: ResolvedFlavor;
  readonly volumeSize: DataSize;
  readonly volumeType?: string;
  readonly availabilityZones: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly NodeTaint[];
}

/** Effects a Kubernetes taint may have. */
export enum TaintEffect {
  NO_SCHEDULE = 'NoSchedule',
  PREFER_NO_SCHEDULE = 'PreferNoSchedule',
  NO_EXECUTE = 'NoExecute',
}

export interface NodeTaint {
  readonly key: string;
  readonly value?: string;
  readonly effect: TaintEffect;
}

export interface ResolvedEnvironment extends ResolvedEnvironmentSettings {
  readonly name: string;
  /** Name of the cluster it runs on (always one of `ResolvedPlatform.clusters`). */
  readonly cluster: string;
}

export type ResolvedState =
  | { readonly kind: StateBackendKind.LOCAL }
  | {
      readonly kind: StateBackendKind.S3;
      readonly bucket: string;
      readonly endpoint: string;
      readonly region: string;
      readonly keyPrefix: string;
    };
