import { resolveBackups } from './backups-config';
import { Cidr } from './cidr';
import {
  DEFAULT_CLOUD,
  DEFAULT_CLUSTER,
  DEFAULT_MASTERS,
  DEFAULT_MINION_POOL,
  DEFAULT_PLATFORM_NAME,
  defaultDomain,
} from './default-platform';
import { DNS_DOMAIN, EMAIL, FieldReader } from './field-reader';
import { checkPlatform } from './check-platform';
import { checkInputLimits } from './input-limits';
import { KubernetesVersion } from './kubernetes-version';
import { resolveLoadBalancing } from './load-balancer';
import { checkNodeLabels } from './node-labels';
import { checkRequiredFacts } from './required-facts';
import { StateBackendKind } from './platform-config';
import { Problems } from './problems';
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
import { DataSize } from './data-size';

/** Largest node volume: 16 TiB, far beyond a node's root disk (a judgement against typos). */
export const MAX_VOLUME_GIB = 16 * 1024;

/** Master counts etcd can run a quorum with. */
export const ALLOWED_MASTER_COUNTS: readonly number[] = [1, 3, 5];

/** Upper bound of a single minion pool, to catch typos such as 200 for 20. */
export const MAX_POOL_SIZE = 100;

const CIDR_ALLOWED = 'an IPv4 network in CIDR notation with zero host bits, e.g. "10.0.0.0/24"';
const SIZE_ALLOWED = 'a size such as "40Gi" (units Mi, Gi, Ti)';
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
const TAINT = /^([A-Za-z0-9][-A-Za-z0-9_./]*)(=([-A-Za-z0-9_.]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/;

export interface ResolvePlatformOptions {
  /**
   * Require the cloud facts only the deployer knows (`REQUIRED_FACTS_HINT`), as for a platform file.
   * @default false (the embedded demo and typed configs in tests use the placeholders)
   */
  readonly requireCloudFacts?: boolean;
  /**
   * Sections of the add-ons defined outside config/, from their registry (`AddonRegistry.sections`):
   * main.ts hands over those of the registry it synthesizes with.
   * @default none (Berth's own add-ons only)
   */
  readonly addonSections?: readonly AddonSection[];
}

/**
 * Validates an untyped platform description (parsed YAML/JSON, or a typed `PlatformConfig`) and applies
 * every default. Throws one `ConfigError` listing every problem; never returns a half-valid platform.
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
  const read = new FieldReader(problems);
  const root = read.object('', input ?? {}, ['name', 'cloud', 'clusters', 'environments', 'state']) ?? {};
  if (options.requireCloudFacts) checkRequiredFacts(read, root);

  const name = read.name('name', root.name, DEFAULT_PLATFORM_NAME);
  const cloud = resolveCloud(read, root.cloud);
  const clusters = resolveClusters(read, root.clusters, cloud, options.addonSections ?? []);
  checkAdminNetworks(read, root.cloud, clusters);
  const environments = resolveEnvironments(read, root.environments, clusters);
  const state = resolveState(read, root.state);

  const platform = { name, cloud, clusters, environments, state };
  checkPlatform(platform, problems, environmentPaths(root.environments));
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

function resolveCloud(read: FieldReader, value: unknown): ResolvedCloud {
  const raw =
    read.object('cloud', value, [
      'cloudName',
      'region',
      'externalNetwork',
      'image',
      'flavors',
      'sshPublicKey',
      'adminCidrs',
      'authUrl',
      'applicationCredential',
      'dnsNameservers',
      'caCertificate',
      'loadBalancer',
    ]) ?? {};

  const flavorList = read.array('cloud.flavors', raw.flavors);
  const flavors: ResolvedFlavor[] = [];
  (flavorList ?? DEFAULT_CLOUD.flavors).forEach((item, i) => {
    const path = `cloud.flavors[${i}]`;
    const f = read.object(path, item, ['name', 'vcpus', 'memory']);
    if (!f) {
      if (item === undefined || item === null)
        read.problems.add(path, item, 'must be a flavor {name, vcpus, memory}');
      return;
    }
    const flavorName = read.string(`${path}.name`, f.name, undefined);
    if (flavorName === undefined)
      read.problems.add(`${path}.name`, f.name, 'is required: the Nova flavor name');
    const vcpus = read.integer(`${path}.vcpus`, f.vcpus, 0, 1, 1024);
    if (f.vcpus === undefined)
      read.problems.add(`${path}.vcpus`, f.vcpus, 'is required: the number of vCPUs');
    if (f.memory === undefined) read.problems.add(`${path}.memory`, f.memory, `is required: ${SIZE_ALLOWED}`);
    const memory = read.parsed(`${path}.memory`, f.memory, '1Gi', DataSize.tryParse, SIZE_ALLOWED);
    if (flavorName !== undefined) flavors.push({ name: flavorName, vcpus, memory });
  });
  read.unique(
    'cloud.flavors',
    flavors.map((f) => f.name),
    'Flavor',
  );

  const sshPublicKey = read.string('cloud.sshPublicKey', raw.sshPublicKey, undefined, {
    pattern: /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/=]+( .*)?$/,
    allowed: 'an OpenSSH public key line, e.g. "ssh-ed25519 AAAA... you@example.com"',
  });

  const adminCidrs = cidrList(read, 'cloud.adminCidrs', raw.adminCidrs, DEFAULT_CLOUD.adminCidrs);

  const dnsNameservers = read.strings(
    'cloud.dnsNameservers',
    raw.dnsNameservers,
    DEFAULT_CLOUD.dnsNameservers,
  );
  dnsNameservers.forEach((ip, i) => {
    if (!IPV4.test(ip)) read.problems.add(`cloud.dnsNameservers[${i}]`, ip, 'must be an IPv4 address');
  });

  const credential =
    read.object('cloud.applicationCredential', raw.applicationCredential, ['roles', 'expiresAt']) ?? {};
  const roles = read.strings(
    'cloud.applicationCredential.roles',
    credential.roles,
    DEFAULT_CLOUD.applicationCredential.roles,
    { pattern: KEYSTONE_ROLE, allowed: 'a Keystone role name such as "member"', maxLength: 255 },
    20,
  );
  if (roles.length === 0) {
    read.problems.add(
      'cloud.applicationCredential.roles',
      credential.roles,
      'must name at least one role: Keystone gives a credential without roles every role of its creator; e.g. [member, load-balancer_member]',
    );
  }
  roles.forEach((role, i) => {
    if (ADMIN_ROLES.includes(role.toLowerCase())) {
      read.problems.add(
        `cloud.applicationCredential.roles[${i}]`,
        role,
        `must not be an administrative role (${ADMIN_ROLES.join(', ')}, in any case): the credential lives in the cluster; grant only what it needs`,
      );
    }
  });
  const expiresAt = read.string('cloud.applicationCredential.expiresAt', credential.expiresAt, undefined, {
    pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/,
    allowed: 'an RFC 3339 UTC time such as "2027-12-31T00:00:00Z"',
  });

  return {
    cloudName: read.string('cloud.cloudName', raw.cloudName, undefined),
    authUrl: read.url('cloud.authUrl', raw.authUrl, DEFAULT_CLOUD.authUrl, {
      allowed:
        'the Keystone URL, e.g. "https://keystone.example.com:5000/v3" (credentials travel to it: never http://)',
    }) as string,
    applicationCredential: { roles, expiresAt },
    region: read.string('cloud.region', raw.region, DEFAULT_CLOUD.region),
    externalNetwork: read.string('cloud.externalNetwork', raw.externalNetwork, DEFAULT_CLOUD.externalNetwork),
    image: read.string('cloud.image', raw.image, DEFAULT_CLOUD.image),
    flavors,
    sshPublicKey,
    adminCidrs,
    dnsNameservers,
    caCertificatePem: read.string('cloud.caCertificate', raw.caCertificate, undefined, {
      pattern: PEM_CERTIFICATES,
      allowed:
        'PEM certificates: one or more "-----BEGIN CERTIFICATE-----" ... "-----END CERTIFICATE-----" blocks (a YAML block scalar, "caCertificate: |")',
    }),
    loadBalancing: resolveLoadBalancing(read, 'cloud.loadBalancer', raw.loadBalancer),
  };
}

function cidrList(read: FieldReader, path: string, value: unknown, fallback: readonly string[]): Cidr[] {
  const texts = read.strings(path, value, fallback);
  const result: Cidr[] = [];
  texts.forEach((text, i) => {
    const cidr = Cidr.tryParse(text);
    if (!cidr) read.problems.add(`${path}[${i}]`, text, `must be ${CIDR_ALLOWED}`);
    else result.push(cidr);
  });
  return result;
}

function resolveClusters(
  read: FieldReader,
  value: unknown,
  cloud: ResolvedCloud,
  addonSections: readonly AddonSection[],
): ResolvedCluster[] {
  const list = read.array('clusters', value) ?? [DEFAULT_CLUSTER];
  if (list.length === 0) {
    read.problems.add(
      'clusters',
      value,
      'must list at least one cluster (or be left out for the default "main")',
    );
  }
  const clusters = list.map((item, i) => resolveCluster(read, `clusters[${i}]`, item, cloud, addonSections));
  read.unique(
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
  value: unknown,
  cloud: ResolvedCloud,
  addonSections: readonly AddonSection[],
): ResolvedCluster {
  const raw =
    read.object(path, value, [
      'name',
      'kubernetesVersion',
      'masters',
      'minionPools',
      'nodeCidr',
      'podCidr',
      'serviceCidr',
      'domain',
      'apiLoadBalancer',
      'dns',
      'networkMtu',
      'existingNetwork',
      'addons',
      'backups',
    ]) ?? {};
  if (value === null || value === undefined) read.problems.add(path, value, 'must be a cluster description');
  const name = read.name(`${path}.name`, raw.name, DEFAULT_CLUSTER.name);

  const kubernetesVersion = read.parsed(
    `${path}.kubernetesVersion`,
    raw.kubernetesVersion,
    DEFAULT_CLUSTER.kubernetesVersion,
    KubernetesVersion.tryParse,
    `a supported Kubernetes minor: one of ${KubernetesVersion.describeSupported()}`,
  );

  const m = read.object(`${path}.masters`, raw.masters, ['count', 'flavor', 'volumeSize']) ?? {};
  const masterCount = ALLOWED_MASTER_COUNTS.includes(m.count as number)
    ? (m.count as number)
    : DEFAULT_MASTERS.count;
  if (m.count !== undefined && !ALLOWED_MASTER_COUNTS.includes(m.count as number)) {
    read.problems.add(
      `${path}.masters.count`,
      m.count,
      'must be 1, 3 or 5: etcd needs an odd number of members to keep a quorum (3 survives the loss of one master)',
    );
  }
  const masters = {
    count: masterCount,
    flavor: flavorRef(read, `${path}.masters.flavor`, m.flavor, DEFAULT_MASTERS.flavor, cloud),
    volumeSize: volumeSize(read, `${path}.masters.volumeSize`, m.volumeSize, DEFAULT_MASTERS.volumeSize),
  };

  const poolList = read.array(`${path}.minionPools`, raw.minionPools) ?? [DEFAULT_MINION_POOL];
  const minionPools = poolList.map((item, i) => resolvePool(read, `${path}.minionPools[${i}]`, item, cloud));
  read.unique(
    `${path}.minionPools`,
    minionPools.map((p) => p.name),
    'Minion pool',
  );
  const minions = minionPools.reduce((sum, p) => sum + p.count, 0);
  if (minions < 1) {
    read.problems.add(
      `${path}.minionPools`,
      raw.minionPools,
      'must hold at least one minion in all: apps never run on masters; give a pool a count of 1 or more',
    );
  }

  const cidr = (field: 'nodeCidr' | 'podCidr' | 'serviceCidr') =>
    read.parsed(`${path}.${field}`, raw[field], DEFAULT_CLUSTER[field], Cidr.tryParse, CIDR_ALLOWED);
  const nodeCidr = cidr('nodeCidr');
  const podCidr = cidr('podCidr');
  const serviceCidr = cidr('serviceCidr');
  checkNetworks(read, path, { nodeCidr, podCidr, serviceCidr }, masterCount + minions);

  const domain = read.string(`${path}.domain`, raw.domain, defaultDomain(name), {
    pattern: DNS_DOMAIN,
    allowed: 'a lower-case DNS domain with at least two labels, e.g. "paas.example.com"',
  });

  const apiLoadBalancer = read.boolean(
    `${path}.apiLoadBalancer`,
    raw.apiLoadBalancer,
    DEFAULT_CLUSTER.apiLoadBalancer,
  );
  if (!apiLoadBalancer && masterCount > 1) {
    read.problems.add(
      `${path}.apiLoadBalancer`,
      false,
      `must be true with ${masterCount} masters: only a load balancer spreads the API over them`,
    );
  }
  const dnsRaw = read.object(`${path}.dns`, raw.dns, ['enabled', 'zoneId', 'email']) ?? {};
  const dns = {
    enabled: read.boolean(`${path}.dns.enabled`, dnsRaw.enabled, DEFAULT_CLUSTER.dns.enabled),
    zoneId: read.string(`${path}.dns.zoneId`, dnsRaw.zoneId, undefined),
    email: read.string(`${path}.dns.email`, dnsRaw.email, `hostmaster@${domain}`, {
      pattern: EMAIL,
      allowed: 'an e-mail address',
    }),
  };
  const networkMtu =
    raw.networkMtu === undefined || raw.networkMtu === null
      ? undefined
      : read.integer(`${path}.networkMtu`, raw.networkMtu, 1450, 1280, 9000);
  const existing = read.object(`${path}.existingNetwork`, raw.existingNetwork, ['networkId', 'subnetId']);
  let existingNetwork: { networkId: string; subnetId: string } | undefined;
  if (existing) {
    const networkId = read.string(`${path}.existingNetwork.networkId`, existing.networkId, undefined);
    const subnetId = read.string(`${path}.existingNetwork.subnetId`, existing.subnetId, undefined);
    if (networkId === undefined || subnetId === undefined) {
      read.problems.add(
        `${path}.existingNetwork`,
        existing,
        'needs both networkId and subnetId (OpenStack UUIDs)',
      );
    } else {
      existingNetwork = { networkId, subnetId };
    }
  }
  if (existingNetwork && networkMtu !== undefined) {
    read.problems.add(
      `${path}.networkMtu`,
      networkMtu,
      'only applies to the network Berth creates; an existing network keeps its own MTU (leave networkMtu out)',
    );
  }

  return {
    name,
    kubernetesVersion,
    masters,
    minionPools,
    nodeCidr,
    podCidr,
    serviceCidr,
    domain,
    apiLoadBalancer,
    dns,
    networkMtu,
    existingNetwork,
    addons: resolveAddons(read, `${path}.addons`, raw.addons, {
      dnsNameservers: cloud.dnsNameservers,
      sections: addonSections,
    }),
    backups: resolveBackups(read, `${path}.backups`, raw.backups),
  };
}

/**
 * The admin networks may not contain any cluster's own networks: pods leave their node with the node's
 * address, so every node and pod would be admitted to SSH and the API as an administrator.
 */
function checkAdminNetworks(
  read: FieldReader,
  cloudValue: unknown,
  clusters: readonly ResolvedCluster[],
): void {
  const raw = (cloudValue as { adminCidrs?: unknown } | undefined)?.adminCidrs;
  const texts = Array.isArray(raw) ? raw : raw === undefined ? DEFAULT_CLOUD.adminCidrs : [];
  texts.forEach((text, i) => {
    const admin = Cidr.tryParse(text);
    if (!admin) return; // reported where the list is read
    const overlapped = clusters.flatMap((cluster, c) =>
      (['nodeCidr', 'podCidr', 'serviceCidr'] as const)
        .filter((field) => admin.overlaps(cluster[field]))
        .map((field) => `clusters[${c}].${field} (${cluster[field].toString()})`),
    );
    if (overlapped.length > 0) {
      read.problems.add(
        `cloud.adminCidrs[${i}]`,
        text,
        `overlaps ${overlapped.join(', ')}: every node and pod of the cluster would be admitted to SSH and the Kubernetes API as an administrator; list only the networks you administer from (e.g. your office or VPN range and the address cdktf deploy runs from)`,
      );
    }
  });
}

/** Node, pod and service networks must be disjoint and large enough for what runs in them. */
function checkNetworks(
  read: FieldReader,
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
        read.problems.add(
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
    read.problems.add(
      `${path}.nodeCidr`,
      nets.nodeCidr.toString(),
      `has room for ${Math.max(usable, 0)} nodes but the cluster has ${nodes}; use a larger network (smaller prefix)`,
    );
  }
  // flannel gives each node a /24 of the pod network.
  if (nets.podCidr.prefix > 24 || nets.podCidr.size / 256 < nodes) {
    read.problems.add(
      `${path}.podCidr`,
      nets.podCidr.toString(),
      `must hold one /24 per node (${nodes} nodes) for flannel; use a /16 or larger`,
    );
  }
  if (nets.serviceCidr.prefix < 12 || nets.serviceCidr.prefix > 24) {
    read.problems.add(
      `${path}.serviceCidr`,
      nets.serviceCidr.toString(),
      'must have a prefix from /12 to /24 (kube-apiserver rejects larger service ranges)',
    );
  }
}

function flavorRef(
  read: FieldReader,
  path: string,
  value: unknown,
  fallback: string,
  cloud: ResolvedCloud,
): ResolvedFlavor {
  const name = read.string(path, value, fallback);
  const flavor = cloud.flavors.find((f) => f.name === name);
  if (flavor) return flavor;
  read.problems.add(
    path,
    name,
    `must name a flavor listed in cloud.flavors (${cloud.flavors.map((f) => f.name).join(', ') || 'none listed'}); add it there with its vcpus and memory`,
  );
  return { name, vcpus: 1, memory: DataSize.gibibytes(1) };
}

function volumeSize(read: FieldReader, path: string, value: unknown, fallback: string): DataSize {
  const size = read.parsed(path, value, fallback, DataSize.tryParse, SIZE_ALLOWED);
  if (!size.isWholeGibibytes || size.toGibibytes() < 10 || size.toGibibytes() > MAX_VOLUME_GIB) {
    read.problems.add(
      path,
      value,
      `must be a whole number of Gi from "10Gi" to "${MAX_VOLUME_GIB / 1024}Ti" (Cinder allocates whole GiB)`,
    );
  }
  return size;
}

function resolvePool(
  read: FieldReader,
  path: string,
  value: unknown,
  cloud: ResolvedCloud,
): ResolvedMinionPool {
  const raw =
    read.object(path, value, [
      'name',
      'count',
      'flavor',
      'volumeSize',
      'volumeType',
      'availabilityZones',
      'labels',
      'taints',
    ]) ?? {};
  const name = read.name(`${path}.name`, raw.name, undefined) ?? `pool-${path.replace(/\D+/g, '-')}`;
  const taints: NodeTaint[] = [];
  read.strings(`${path}.taints`, raw.taints, []).forEach((text, i) => {
    const match = TAINT.exec(text);
    if (!match) {
      read.problems.add(
        `${path}.taints[${i}]`,
        text,
        'must be "key=value:Effect" or "key:Effect" with Effect NoSchedule, PreferNoSchedule or NoExecute',
      );
      return;
    }
    taints.push({ key: match[1], value: match[3], effect: match[4] as TaintEffect });
  });
  const labels = read.stringMap(`${path}.labels`, raw.labels);
  checkNodeLabels(read.problems, `${path}.labels`, labels);
  return {
    name,
    count: read.integer(`${path}.count`, raw.count, DEFAULT_MINION_POOL.count, 0, MAX_POOL_SIZE),
    flavor: flavorRef(read, `${path}.flavor`, raw.flavor, DEFAULT_MINION_POOL.flavor, cloud),
    volumeSize: volumeSize(read, `${path}.volumeSize`, raw.volumeSize, DEFAULT_MINION_POOL.volumeSize),
    volumeType: read.string(`${path}.volumeType`, raw.volumeType, undefined),
    availabilityZones: read.strings(`${path}.availabilityZones`, raw.availabilityZones, []),
    labels,
    taints,
  };
}

function resolveState(read: FieldReader, value: unknown): ResolvedState {
  const raw = read.object('state', value, ['backend', 'bucket', 'endpoint', 'region', 'keyPrefix']) ?? {};
  const kinds = Object.values(StateBackendKind) as string[];
  const backend = read.string('state.backend', raw.backend, StateBackendKind.LOCAL);
  if (!kinds.includes(backend)) {
    read.problems.add('state.backend', backend, `must be one of ${kinds.map((k) => `"${k}"`).join(', ')}`);
  }
  if (backend !== StateBackendKind.S3) {
    for (const key of ['bucket', 'endpoint', 'region', 'keyPrefix'] as const) {
      if (raw[key] !== undefined)
        read.problems.add(`state.${key}`, raw[key], 'only applies to state.backend "s3"');
    }
    return { kind: StateBackendKind.LOCAL };
  }
  const bucket = read.string('state.bucket', raw.bucket, undefined);
  if (bucket === undefined) read.problems.add('state.bucket', raw.bucket, 'is required for the s3 backend');
  const endpoint = read.url('state.endpoint', raw.endpoint, undefined, {
    allowed: 'the https:// URL of the S3-compatible service',
  });
  if (endpoint === undefined && raw.endpoint === undefined) {
    read.problems.add('state.endpoint', raw.endpoint, 'is required for the s3 backend: an https:// URL');
  }
  return {
    kind: StateBackendKind.S3,
    bucket: bucket ?? '',
    endpoint: endpoint ?? '',
    region: read.string('state.region', raw.region, 'us-east-1'),
    keyPrefix: read.string('state.keyPrefix', raw.keyPrefix, DEFAULT_PLATFORM_NAME, {
      pattern: /^[A-Za-z0-9][A-Za-z0-9._/-]*$/,
      allowed: 'a key prefix of letters, digits, ".", "_", "-" and "/"',
    }),
  };
}
