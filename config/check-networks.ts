import { Cidr } from './cidr';
import { Problems } from './problems';
import { ResolvedCloud, ResolvedCluster } from './resolved-platform';

/**
 * The admin networks may not contain any cluster's own networks: pods leave their node with the node's
 * address, so every node and pod would be admitted to SSH and the API as an administrator.
 */
export function checkAdminNetworks(
  problems: Problems,
  cloud: ResolvedCloud,
  clusters: readonly ResolvedCluster[],
): void {
  cloud.adminCidrs.forEach((admin, i) => {
    const overlapped = clusters.flatMap((cluster, c) =>
      (['nodeCidr', 'podCidr', 'serviceCidr'] as const)
        .filter((field) => admin.overlaps(cluster[field]))
        .map((field) => `clusters[${c}].${field} (${cluster[field].toString()})`),
    );
    if (overlapped.length > 0) {
      problems.add(
        `cloud.adminCidrs[${i}]`,
        admin.toString(),
        `overlaps ${overlapped.join(', ')}: every node and pod of the cluster would be admitted to SSH and the Kubernetes API as an administrator; list only the networks you administer from (e.g. your office or VPN range and the address cdktf deploy runs from)`,
      );
    }
  });
}

/** Node, pod and service networks must be disjoint and large enough for what runs in them. */
export function checkNetworks(
  problems: Problems,
  path: string,
  nets: { readonly nodeCidr: Cidr; readonly podCidr: Cidr; readonly serviceCidr: Cidr },
  nodes: number,
): void {
  const names = Object.keys(nets) as (keyof typeof nets)[];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const a = nets[names[i]];
      const b = nets[names[j]];
      if (a.overlaps(b)) {
        problems.add(
          `${path}.${names[j]}`,
          b.toString(),
          `must not overlap ${path}.${names[i]} (${a.toString()}); pick disjoint ranges`,
        );
      }
    }
  }
  // OpenStack keeps the network, gateway, broadcast and a DHCP port; the API load balancer needs a VIP.
  const usable = nets.nodeCidr.size - 8;
  if (usable < nodes) {
    problems.add(
      `${path}.nodeCidr`,
      nets.nodeCidr.toString(),
      `has room for ${Math.max(usable, 0)} nodes but the cluster has ${nodes}; use a larger network (smaller prefix)`,
    );
  }
  // flannel gives each node a /24 of the pod network.
  if (nets.podCidr.prefix > 24 || nets.podCidr.size / 256 < nodes) {
    problems.add(
      `${path}.podCidr`,
      nets.podCidr.toString(),
      `must hold one /24 per node (${nodes} nodes) for flannel; use a /16 or larger`,
    );
  }
  if (nets.serviceCidr.prefix < 12 || nets.serviceCidr.prefix > 24) {
    problems.add(
      `${path}.serviceCidr`,
      nets.serviceCidr.toString(),
      'must have a prefix from /12 to /24 (kube-apiserver rejects larger service ranges)',
    );
  }
}
