import { Problems } from './problems';

/**
 * Octavia provider drivers Berth supports. They differ in what they accept (checked at source:
 * octavia's amphora driver `AMPHORA_SUPPORTED_LB_ALGORITHMS`, ovn-octavia-provider's
 * `OVN_NATIVE_LB_ALGORITHMS` and `_check_for_allowed_cidrs`) and in what members see.
 */
export enum LoadBalancerProvider {
  /** Octavia's default driver: HAProxy in service VMs; proxies, so members see the amphora's address. */
  AMPHORA = 'amphora',
  /** OVN's native load balancer: distributed DNAT, members see the client's address. */
  OVN = 'ovn',
}

/** Octavia pool algorithms (`lb_method`). */
export enum LoadBalancerAlgorithm {
  ROUND_ROBIN = 'ROUND_ROBIN',
  LEAST_CONNECTIONS = 'LEAST_CONNECTIONS',
  SOURCE_IP = 'SOURCE_IP',
  SOURCE_IP_PORT = 'SOURCE_IP_PORT',
}

/** What each provider does, as its driver decides. */
export interface LoadBalancerProviderTraits {
  /**
   * Pool algorithms the driver accepts. OVN accepts only SOURCE_IP_PORT (SOURCE_IP was added in 2026 and
   * is left out: most clouds run older releases); amphora refuses SOURCE_IP_PORT.
   */
  readonly algorithms: readonly LoadBalancerAlgorithm[];
  /** The algorithm Berth uses unless the config names one. */
  readonly defaultAlgorithm: LoadBalancerAlgorithm;
  /** Whether listeners accept `allowed_cidrs` (ovn-octavia-provider rejects the option). */
  readonly allowedCidrs: boolean;
  /** Whether members see the client's own address (so their security groups must admit the clients). */
  readonly preservesClientAddress: boolean;
}

export const LOAD_BALANCER_PROVIDERS: Readonly<Record<LoadBalancerProvider, LoadBalancerProviderTraits>> = {
  [LoadBalancerProvider.AMPHORA]: {
    algorithms: [
      LoadBalancerAlgorithm.ROUND_ROBIN,
      LoadBalancerAlgorithm.LEAST_CONNECTIONS,
      LoadBalancerAlgorithm.SOURCE_IP,
    ],
    defaultAlgorithm: LoadBalancerAlgorithm.LEAST_CONNECTIONS,
    allowedCidrs: true,
    preservesClientAddress: false,
  },
  [LoadBalancerProvider.OVN]: {
    algorithms: [LoadBalancerAlgorithm.SOURCE_IP_PORT],
    defaultAlgorithm: LoadBalancerAlgorithm.SOURCE_IP_PORT,
    allowedCidrs: false,
    preservesClientAddress: true,
  },
};

/** The load balancing every Octavia load balancer of the platform uses (Berth's and the cloud controller's). */
export interface ResolvedLoadBalancing {
  readonly provider: LoadBalancerProvider;
  readonly algorithm: LoadBalancerAlgorithm;
}

/** Octavia's own default provider. */
export const DEFAULT_LOAD_BALANCER_PROVIDER = LoadBalancerProvider.AMPHORA;

/**
 * The load balancing of `cloud.loadBalancer` (its schema in cloud-config.ts): the provider, and an
 * algorithm that provider accepts.
 */
export function resolveLoadBalancing(
  problems: Problems,
  path: string,
  config: { readonly provider: LoadBalancerProvider; readonly algorithm?: string },
): ResolvedLoadBalancing {
  const provider = config.provider;
  const traits = LOAD_BALANCER_PROVIDERS[provider];
  if (config.algorithm === undefined) return { provider, algorithm: traits.defaultAlgorithm };
  if (!(traits.algorithms as string[]).includes(config.algorithm)) {
    problems.add(
      `${path}.algorithm`,
      config.algorithm,
      `must be an algorithm the ${provider} provider accepts: ${traits.algorithms.join(', ')}; or leave it out for ${traits.defaultAlgorithm}`,
    );
    return { provider, algorithm: traits.defaultAlgorithm };
  }
  return { provider, algorithm: config.algorithm as LoadBalancerAlgorithm };
}
