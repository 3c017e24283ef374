import { Cidr } from './cidr';
import { OPENSTACK_ID } from './schema';
import { environmentHostDomain, nodeNamePrefix } from './platform-names';
import { Problems } from './problems';
import { ResolvedPlatform } from './resolved-platform';

/** Most nodes (masters and minions) of one cluster: beyond it, synthesis and plans get slow for a PaaS's
 * size. A judgement (docs/decisions, "bounded input"). */
export const MAX_CLUSTER_NODES = 300;
/** Admin networks wider than a /8 are legal but risky: a warning. */
export const MIN_ADMIN_PREFIX = 8;
/** Most nodes of a whole platform. */
export const MAX_PLATFORM_NODES = 600;
/** Most minion pools of one cluster. */
export const MAX_POOLS = 20;
/** Nova and the kubelet use the server name as host and node name; Linux host names have 63 characters. */
export const MAX_SERVER_NAME = 63;
/** kubeadm's preflight checks for a control-plane node: 2 CPUs and 1,700 MB of memory. */
export const MASTER_MIN_VCPUS = 2;
export const MASTER_MIN_MEMORY_MIB = 1700;

/**
 * Checks across fields of a resolved platform, each problem with its config path: networks that are
 * never a cluster's (loopback, link-local, multicast), an IP address given as a domain, host and server
 * names that would exceed DNS's and Nova's lengths, masters too small for kubeadm, node counts beyond the
 * platform's size, IDs that are not UUIDs, impossible dates. Legal but risky settings are warnings.
 *
 * @param environmentPaths the config path of each environment, by name
 */
export function checkPlatform(
  platform: ResolvedPlatform,
  problems: Problems,
  environmentPaths: ReadonlyMap<string, string>,
): void {
  const { cloud } = platform;
  cloud.adminCidrs.forEach((cidr, i) => {
    const special = cidr.specialUse('inside');
    if (special) {
      problems.add(`cloud.adminCidrs[${i}]`, cidr.toString(), `is ${special}, never an admin network`);
    } else if (cidr.prefix < MIN_ADMIN_PREFIX) {
      problems.warn(
        `cloud.adminCidrs[${i}]`,
        cidr.toString(),
        `opens SSH, the Kubernetes API and the management UIs to ${cidr.size.toLocaleString('en-US')} addresses of the internet; list your admin networks instead`,
      );
    }
  });
  cloud.dnsNameservers.forEach((ip, i) => {
    const special = Cidr.tryParse(`${ip}/32`)?.specialUse();
    if (special) {
      problems.add(
        `cloud.dnsNameservers[${i}]`,
        ip,
        `is ${special}: the nodes cannot reach a resolver there`,
      );
    }
  });
  if (
    cloud.applicationCredential.expiresAt !== undefined &&
    !isCalendarTime(cloud.applicationCredential.expiresAt)
  ) {
    problems.add(
      'cloud.applicationCredential.expiresAt',
      cloud.applicationCredential.expiresAt,
      'is not a real date and time (month 1-12, day within the month, hour 0-23, minute and second 0-59)',
    );
  }

  let platformNodes = 0;
  platform.clusters.forEach((cluster, c) => {
    const path = `clusters[${c}]`;
    for (const field of ['nodeCidr', 'podCidr', 'serviceCidr'] as const) {
      const special = cluster[field].specialUse();
      if (special)
        problems.add(
          `${path}.${field}`,
          cluster[field].toString(),
          `overlaps ${special}; use a private range`,
        );
    }
    const lastLabel = cluster.domain.split('.').pop() ?? '';
    if (/^\d+$/.test(lastLabel)) {
      problems.add(
        `${path}.domain`,
        cluster.domain,
        'is an IP address, not a domain: give the DNS domain the cluster serves',
      );
    }
    const flavor = cluster.masters.flavor;
    const listed = cloud.flavors.some((f) => f.name === flavor.name); // else reported where it is named
    if (listed && (flavor.vcpus < MASTER_MIN_VCPUS || flavor.memory.toMebibytes() < MASTER_MIN_MEMORY_MIB)) {
      problems.add(
        `${path}.masters.flavor`,
        flavor.name,
        `has ${flavor.vcpus} vCPU and ${flavor.memory.toString()}; kubeadm refuses a control-plane node below ${MASTER_MIN_VCPUS} vCPUs and ${MASTER_MIN_MEMORY_MIB} MiB: pick a larger flavor`,
      );
    }
    if (cluster.minionPools.length > MAX_POOLS) {
      problems.add(
        `${path}.minionPools`,
        `(${cluster.minionPools.length} pools)`,
        `must list at most ${MAX_POOLS} pools`,
      );
    }
    const nodes = cluster.masters.count + cluster.minionPools.reduce((sum, p) => sum + p.count, 0);
    platformNodes += nodes;
    if (nodes > MAX_CLUSTER_NODES) {
      problems.add(
        `${path}.minionPools`,
        `(${nodes} nodes)`,
        `hold at most ${MAX_CLUSTER_NODES} nodes in all, masters included; split the load over clusters`,
      );
    }
    const groups: [string, string, number][] = [
      [`${path}.name`, nodeNamePrefix(platform.name, cluster.name, 'master'), cluster.masters.count],
      ...cluster.minionPools.map((p, i): [string, string, number] => [
        `${path}.minionPools[${i}].name`,
        nodeNamePrefix(platform.name, cluster.name, p.name),
        p.count,
      ]),
    ];
    for (const [groupPath, prefix, count] of groups) {
      const longest = `${prefix}-${Math.max(count, 1)}`;
      if (longest.length > MAX_SERVER_NAME) {
        problems.add(
          groupPath,
          longest,
          `makes server names of ${longest.length} characters; Nova cuts host names at ${MAX_SERVER_NAME}, so two nodes would share a name: shorten the platform, cluster or pool name`,
        );
      }
    }
    if (cluster.existingNetwork) {
      for (const field of ['networkId', 'subnetId'] as const) {
        if (!OPENSTACK_ID.test(cluster.existingNetwork[field])) {
          problems.add(
            `${path}.existingNetwork.${field}`,
            cluster.existingNetwork[field],
            'must be the OpenStack UUID (openstack network list / subnet list), not a name',
          );
        }
      }
    }
    if (cluster.dns.zoneId !== undefined && !OPENSTACK_ID.test(cluster.dns.zoneId)) {
      problems.add(
        `${path}.dns.zoneId`,
        cluster.dns.zoneId,
        'must be the Designate zone UUID (openstack zone list), not a name',
      );
    }
    for (const environment of platform.environments.filter((e) => e.cluster === cluster.name)) {
      const hostDomain = environmentHostDomain(cluster.domain, environment.name);
      // An app's host is <app>.<env>.apps.<domain>: leave room for an app name.
      if (hostDomain.length > 253 - 2) {
        problems.add(
          `${environmentPaths.get(environment.name) ?? 'environments'}.name`,
          environment.name,
          `makes host names longer than DNS's 253 characters (${hostDomain}); shorten ${path}.domain or the environment name`,
        );
      }
    }
  });
  if (platformNodes > MAX_PLATFORM_NODES) {
    problems.add('clusters', `(${platformNodes} nodes)`, `hold at most ${MAX_PLATFORM_NODES} nodes in all`);
  }
}

/** `YYYY-MM-DDTHH:MM:SSZ` naming a real instant (no 30 February, no hour 24). */
function isCalendarTime(text: string): boolean {
  const parsed = new Date(text);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().replace('.000Z', 'Z') === text;
}
