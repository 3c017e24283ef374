import { parseEtcdInterval } from './backups-config';
import { Cidr } from './cidr';
import { TAINT } from './cluster-config';
import { defaultDomain } from './default-platform';
import { checkNetworks } from './check-networks';
import { KubernetesVersion } from './kubernetes-version';
import { labelValueProblem, taintKeyProblem } from './node-labels';
import type { PlatformSchemaOutput } from './platform-config';
import { parseVolumeSize } from './platform-fields';
import { Problems } from './problems';
import { AddonSection } from './addon-section';
import { resolveAddons } from './resolve-addons';
import { flavorRef } from './resolve-cloud';
import {
  NodeTaint,
  ResolvedCloud,
  ResolvedCluster,
  ResolvedMinionPool,
  TaintEffect,
} from './resolved-platform';
import { checkUniqueNames } from './unique-names';

type ClusterOutput = PlatformSchemaOutput['clusters'][number];
type PoolOutput = ClusterOutput['minionPools'][number];

/**
 * The clusters resolved, each with its masters, minion pools, networks, DNS, add-ons and backups; names
 * and domains unique across clusters.
 */
export function resolveClusters(
  problems: Problems,
  list: readonly ClusterOutput[],
  cloud: ResolvedCloud,
  addonSections: readonly AddonSection[],
): ResolvedCluster[] {
  const clusters = list.map((item, i) =>
    resolveCluster(problems, `clusters[${i}]`, item, cloud, addonSections),
  );
  checkUniqueNames(
    problems,
    'clusters',
    clusters.map((c) => c.name),
    'Cluster',
  );
  const domains = new Map<string, number>();
  clusters.forEach((c, i) => {
    const first = domains.get(c.domain);
    if (first !== undefined) {
      problems.add(`clusters[${i}].domain`, c.domain, `must differ from clusters[${first}].domain`);
    } else {
      domains.set(c.domain, i);
    }
  });
  return clusters;
}

function resolveCluster(
  problems: Problems,
  path: string,
  raw: ClusterOutput,
  cloud: ResolvedCloud,
  addonSections: readonly AddonSection[],
): ResolvedCluster {
  const masters = {
    count: raw.masters.count,
    flavor: flavorRef(problems, `${path}.masters.flavor`, raw.masters.flavor, cloud),
    volumeSize: parseVolumeSize(raw.masters.volumeSize)!,
  };

  const minionPools = raw.minionPools.map((pool, i) =>
    resolvePool(problems, `${path}.minionPools[${i}]`, pool, cloud),
  );
  checkUniqueNames(
    problems,
    `${path}.minionPools`,
    minionPools.map((p) => p.name),
    'Minion pool',
  );
  const minions = minionPools.reduce((sum, p) => sum + p.count, 0);
  if (minions < 1) {
    problems.add(
      `${path}.minionPools`,
      raw.minionPools,
      'must hold at least one minion in all: apps never run on masters; give a pool a count of 1 or more',
    );
  }

  const nodeCidr = Cidr.of(raw.nodeCidr);
  const podCidr = Cidr.of(raw.podCidr);
  const serviceCidr = Cidr.of(raw.serviceCidr);
  checkNetworks(problems, path, { nodeCidr, podCidr, serviceCidr }, masters.count + minions);

  const domain = raw.domain ?? defaultDomain(raw.name);
  if (!raw.apiLoadBalancer && masters.count > 1) {
    problems.add(
      `${path}.apiLoadBalancer`,
      false,
      `must be true with ${masters.count} masters: only a load balancer spreads the API over them`,
    );
  }
  const dns = {
    enabled: raw.dns.enabled,
    zoneId: raw.dns.zoneId,
    email: raw.dns.email ?? `hostmaster@${domain}`,
  };
  if (raw.existingNetwork && raw.networkMtu !== undefined) {
    problems.add(
      `${path}.networkMtu`,
      raw.networkMtu,
      'only applies to the network Berth creates; an existing network keeps its own MTU (leave networkMtu out)',
    );
  }

  return {
    name: raw.name,
    kubernetesVersion: KubernetesVersion.tryParse(raw.kubernetesVersion)!,
    masters,
    minionPools,
    nodeCidr,
    podCidr,
    serviceCidr,
    domain,
    apiLoadBalancer: raw.apiLoadBalancer,
    dns,
    networkMtu: raw.networkMtu,
    existingNetwork: raw.existingNetwork,
    addons: resolveAddons(problems, `${path}.addons`, raw.addons, { cloud, sections: addonSections }),
    backups: resolveBackups(raw.backups),
  };
}

function resolvePool(
  problems: Problems,
  path: string,
  raw: PoolOutput,
  cloud: ResolvedCloud,
): ResolvedMinionPool {
  const taints: NodeTaint[] = raw.taints.map((text, i) => {
    const match = TAINT.exec(text)!;
    const taint = { key: match[1], value: match[3], effect: match[4] as TaintEffect };
    // The key and value rules of the node bootstrap (config/node-labels.ts), reported here with the path.
    const problem =
      taintKeyProblem(taint.key) ?? (taint.value === undefined ? undefined : labelValueProblem(taint.value));
    if (problem) problems.add(`${path}.taints[${i}]`, text, problem);
    return taint;
  });
  return {
    name: raw.name,
    count: raw.count,
    flavor: flavorRef(problems, `${path}.flavor`, raw.flavor, cloud),
    volumeSize: parseVolumeSize(raw.volumeSize)!,
    volumeType: raw.volumeType,
    availabilityZones: raw.availabilityZones,
    labels: raw.labels,
    taints,
  };
}

function resolveBackups(raw: ClusterOutput['backups']): ResolvedCluster['backups'] {
  return {
    storePorts: [...new Set(raw.storePorts)],
    credentialAccessRules: raw.credentialAccessRules,
    etcd: { ...raw.etcd, interval: parseEtcdInterval(raw.etcd.interval)! },
  };
}
