import { Cidr } from './cidr';
import { checkPlatform } from './check-platform';
import { DEFAULT_PLATFORM_NAME, defaultDomain } from './default-platform';
import { FieldReader } from './field-reader';
import { checkInputLimits } from './input-limits';
import { KubernetesVersion } from './kubernetes-version';
import { resolveLoadBalancing } from './load-balancer';
import {
  parseVolumeSize,
  platformSchema,
  PlatformSchemaOutput,
  StateBackendKind,
  TAINT,
} from './platform-config';
import { checkRequiredFacts } from './required-facts';
import { ConfigError, Problems } from './problems';
import { AddonSection } from './addon-section';
import { resolveAddons } from './resolve-addons';
import { resolveEnvironments } from './resolve-environments';
import {
  NodeTaint,
  ResolvedCloud,
  ResolvedCluster,
  ResolvedFlavor,
  ResolvedMinionPool,
  ResolvedPlatform,
  ResolvedState,
  TaintEffect,
} from './resolved-platform';
import { readSection } from './schema';
import { parseEtcdInterval } from './backups-config';
import { DataSize } from './data-size';

export { ADMIN_ROLES, ALLOWED_MASTER_COUNTS, MAX_POOL_SIZE, MAX_VOLUME_GIB } from './platform-config';

type CloudOutput = PlatformSchemaOutput['cloud'];
type ClusterOutput = PlatformSchemaOutput['clusters'][number];
type PoolOutput = ClusterOutput['minionPools'][number];
type StateOutput = PlatformSchemaOutput['state'];

export interface ResolvePlatformOptions {
  /**
   * Require the cloud facts only the deployer knows (`REQUIRED_FACTS_HINT`), as for a platform file.
   * @default false (the embedded demo and typed configs in tests use the placeholders)
   */
  readonly requireCloudFacts?: boolean;
  /**
   * Sections of the add-ons defined outside config/, from their registry (`AddonRegistry.sections`):
   * main.ts hands over those of the registry it synthesizes with.
   * @default none: only the sections config/ still reads (config/resolve-addons.ts); main.ts passes PLATFORM_ADDONS.sections
   */
  readonly addonSections?: readonly AddonSection[];
}

/**
 * Validates an untyped platform description (parsed YAML/JSON, or a typed `PlatformConfig`) against the
 * platform schema, applies every default and runs the checks across fields. Throws one `ConfigError`
 * listing every problem; never returns a half-valid platform.
 *
 * @param input the description; `{}` gives the embedded default platform
 * @param source where the input came from, for the error message (a file name)
 */
export function resolvePlatform(
  input: unknown,
  source?: string,
  options: ResolvePlatformOptions = {},
): ResolvedPlatform {
  const problems = new Problems();
  // Bounds first: a huge or hostile value gets one clear problem, and no field rule ever sees it.
  if (!checkInputLimits(input, problems)) problems.throwIfAny(source);
  const root = input ?? {};
  if (options.requireCloudFacts) checkRequiredFacts(problems, root);
  const config = readSection(platformSchema, root, '', problems);
  if (config === undefined) {
    // A wrong required field or list item leaves nothing whole to check across: its problems are the answer.
    throw new ConfigError(problems.all, source);
  }

  const read = new FieldReader(problems);
  const cloud = resolveCloud(problems, config.cloud);
  const clusters = resolveClusters(read, config.clusters, cloud, options.addonSections ?? []);
  checkAdminNetworks(problems, cloud, clusters);
  const environments = resolveEnvironments(problems, config.environments, clusters);
  const state = resolveState(problems, config.state);

  const platform = { name: config.name, cloud, clusters, environments, state };
  checkPlatform(platform, problems, environmentPaths(config.environments));
  problems.throwIfAny(source);
  const warnings = problems.warnings;
  return warnings.length > 0 ? { ...platform, warnings } : platform;
}

/** The config path of each environment, by name (resolved environments skip unnamed entries). */
function environmentPaths(value: unknown): Map<string, string> {
  const paths = new Map<string, string>();
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const name = (item as { name?: unknown } | null)?.name;
      if (typeof name === 'string' && !paths.has(name)) paths.set(name, `environments[${i}]`);
    });
  }
  return paths;
}

function resolveCloud(problems: Problems, cloud: CloudOutput): ResolvedCloud {
  const flavors: ResolvedFlavor[] = cloud.flavors.map((f) => ({
    name: f.name,
    vcpus: f.vcpus,
    memory: DataSize.tryParse(f.memory)!,
  }));
  unique(
    problems,
    'cloud.flavors',
    flavors.map((f) => f.name),
    'Flavor',
  );
  return {
    cloudName: cloud.cloudName,
    authUrl: cloud.authUrl,
    applicationCredential: {
      roles: cloud.applicationCredential.roles,
      expiresAt: cloud.applicationCredential.expiresAt,
    },
    region: cloud.region,
    externalNetwork: cloud.externalNetwork,
    image: cloud.image,
    flavors,
    sshPublicKey: cloud.sshPublicKey,
    adminCidrs: cloud.adminCidrs.map((text) => Cidr.of(text)),
    dnsNameservers: cloud.dnsNameservers,
    caCertificatePem: cloud.caCertificate,
    loadBalancing: resolveLoadBalancing(problems, 'cloud.loadBalancer', cloud.loadBalancer),
  };
}

function resolveClusters(
  read: FieldReader,
  list: readonly ClusterOutput[],
  cloud: ResolvedCloud,
  addonSections: readonly AddonSection[],
): ResolvedCluster[] {
  const clusters = list.map((item, i) => resolveCluster(read, `clusters[${i}]`, item, cloud, addonSections));
  unique(
    read.problems,
    'clusters',
    clusters.map((c) => c.name),
    'Cluster',
  );
  const domains = new Map<string, number>();
  clusters.forEach((c, i) => {
    const first = domains.get(c.domain);
    if (first !== undefined) {
      read.problems.add(`clusters[${i}].domain`, c.domain, `must differ from clusters[${first}].domain`);
    } else {
      domains.set(c.domain, i);
    }
  });
  return clusters;
}

function resolveCluster(
  read: FieldReader,
  path: string,
  raw: ClusterOutput,
  cloud: ResolvedCloud,
  addonSections: readonly AddonSection[],
): ResolvedCluster {
  const problems = read.problems;
  const masters = {
    count: raw.masters.count,
    flavor: flavorRef(problems, `${path}.masters.flavor`, raw.masters.flavor, cloud),
    volumeSize: parseVolumeSize(raw.masters.volumeSize)!,
  };

  const minionPools = raw.minionPools.map((pool, i) =>
    resolvePool(problems, `${path}.minionPools[${i}]`, pool, cloud),
  );
  unique(
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
    addons: resolveAddons(read, `${path}.addons`, raw.addons, {
      dnsNameservers: cloud.dnsNameservers,
      sections: addonSections,
    }),
    backups: resolveBackups(raw.backups),
  };
}

/**
 * The admin networks may not contain any cluster's own networks: pods leave their node with the node's
 * address, so every node and pod would be admitted to SSH and the API as an administrator.
 */
function checkAdminNetworks(
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
function checkNetworks(
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

function flavorRef(problems: Problems, path: string, name: string, cloud: ResolvedCloud): ResolvedFlavor {
  const flavor = cloud.flavors.find((f) => f.name === name);
  if (flavor) return flavor;
  problems.add(
    path,
    name,
    `must name a flavor listed in cloud.flavors (${cloud.flavors.map((f) => f.name).join(', ') || 'none listed'}); add it there with its vcpus and memory`,
  );
  return { name, vcpus: 1, memory: DataSize.gibibytes(1) };
}

function resolvePool(
  problems: Problems,
  path: string,
  raw: PoolOutput,
  cloud: ResolvedCloud,
): ResolvedMinionPool {
  const taints: NodeTaint[] = raw.taints.map((text) => {
    const match = TAINT.exec(text)!;
    return { key: match[1], value: match[3], effect: match[4] as TaintEffect };
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

function resolveState(problems: Problems, raw: StateOutput): ResolvedState {
  if (raw.backend !== StateBackendKind.S3) {
    for (const key of ['bucket', 'endpoint', 'region', 'keyPrefix'] as const) {
      if (raw[key] !== undefined)
        problems.add(`state.${key}`, raw[key], 'only applies to state.backend "s3"');
    }
    return { kind: StateBackendKind.LOCAL };
  }
  if (raw.bucket === undefined && !problems.reported('state.bucket')) {
    problems.add('state.bucket', raw.bucket, 'is required for the s3 backend');
  }
  if (raw.endpoint === undefined && !problems.reported('state.endpoint')) {
    problems.add('state.endpoint', raw.endpoint, 'is required for the s3 backend: an https:// URL');
  }
  return {
    kind: StateBackendKind.S3,
    bucket: raw.bucket ?? '',
    endpoint: raw.endpoint ?? '',
    region: raw.region ?? 'us-east-1',
    keyPrefix: raw.keyPrefix ?? DEFAULT_PLATFORM_NAME,
  };
}

/** Records a problem for each value that appears more than once in `names`. */
function unique(problems: Problems, path: string, names: readonly string[], what: string): void {
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    const first = seen.get(name);
    if (first !== undefined) {
      problems.add(
        `${path}[${i}].name`,
        name,
        `${what} names must be unique; ${path}[${first}] has it already`,
      );
    } else {
      seen.set(name, i);
    }
  });
}
