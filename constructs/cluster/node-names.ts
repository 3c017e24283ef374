import { ResolvedCluster, nodeNamePrefix } from '../../config';

// Server names are the nodes' host names, hence their Kubernetes node names. Prefixes come from
// config/platform-names (`nodeNamePrefix`); the numbering is here.

/** Prefix of a cluster's OpenStack resources, e.g. `berth-main`. */
export function clusterResourcePrefix(platformName: string, clusterName: string): string {
  return `${platformName}-${clusterName}`;
}

/** Server `index` (0-based) of a pool: `<prefix>-<index + 1>`. */
export function serverName(prefix: string, index: number): string {
  return `${prefix}-${index + 1}`;
}

/** The node names of a cluster: masters in order, then every pool's minions in order. */
export function clusterNodeNames(
  platformName: string,
  cluster: ResolvedCluster,
): { readonly masters: readonly string[]; readonly minions: readonly string[] } {
  const names = (group: string, count: number) =>
    Array.from({ length: count }, (_, i) => serverName(nodeNamePrefix(platformName, cluster.name, group), i));
  return {
    masters: names('master', cluster.masters.count),
    minions: cluster.minionPools.flatMap((pool) => names(pool.name, pool.count)),
  };
}
