import { addonBoolean, addonDuration, addonRatio, addonResources, addonVolumeSize } from './addon-fields';
import { AddonName, ResolvedAddons, ResolvedResources, ResourceAmounts } from './addons-config';
import { AddonSection, AddonSettings } from './addon-section';
import { CpuQuantity } from './cpu-quantity';
import { DNS_1123_LABEL, DNS_DOMAIN, EMAIL, FieldReader } from './field-reader';
import { DataSize } from './data-size';

/** The StorageClass every volume uses unless `addons.storageClass` names another (Cinder CSI creates it). */
export const DEFAULT_STORAGE_CLASS = 'cinder';

/** Builds resolved resources from Kubernetes-style quantities (for defaults written in code). */
export function containerResources(
  cpuRequest: string,
  memoryRequest: string,
  cpuLimit: string,
  memoryLimit: string,
) {
  const amounts = (cpu: string, memory: string): ResourceAmounts => {
    const quantity = CpuQuantity.tryParse(cpu);
    const size = DataSize.tryParse(memory);
    if (quantity === undefined || size === undefined) throw new Error(`bad quantity: ${cpu} / ${memory}`);
    return { cpu: quantity, memory: size };
  };
  return {
    requests: amounts(cpuRequest, memoryRequest),
    limits: amounts(cpuLimit, memoryLimit),
  } satisfies ResolvedResources;
}

/**
 * Default sizes of the tunable main containers. Small on purpose: the default platform must leave at
 * least half of two m1.large minions to apps (see constructs/addons/core/footprint.ts).
 */
export const DEFAULT_ADDON_RESOURCES = {
  prometheus: containerResources('100m', '512Mi', '1', '1Gi'),
} as const;

export const DEFAULT_ADDONS = {
  monitoringRetention: '7d',
  monitoringStorageSize: '10Gi',
  errorRatioThreshold: 0.05,
  coreDnsCacheTtl: '30s',
} as const;

const IPV4_PORT = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}(:\d{1,5})?$/;

/**
 * The add-ons whose sections config/ still reads itself; every other add-on reads its own section next to
 * its construct (`AddonDefinition.config`, handed over as `AddonsContext.sections`).
 */
const CONFIG_READ_ADDONS = [AddonName.CORE_DNS, AddonName.MONITORING] as const;

/** What the add-on resolver needs from the rest of the platform. */
export interface AddonsContext {
  /** The cloud's DNS servers: CoreDNS's default upstream. */
  readonly dnsNameservers: readonly string[];
  /**
   * Sections of add-ons defined outside config/ (their registry's `sections`): read under their names,
   * resolved into `ResolvedAddons.sections`.
   * @default none
   */
  readonly sections?: readonly AddonSection[];
}

/**
 * Validates a cluster's `addons` section and applies every default. Problems go to `read.problems`
 * under `path` (e.g. `clusters[0].addons`), all at once.
 */
export function resolveAddons(
  read: FieldReader,
  path: string,
  value: unknown,
  context: AddonsContext,
): ResolvedAddons {
  const open = context.sections ?? [];
  const builtIn = CONFIG_READ_ADDONS as readonly string[];
  const taken = open.find((o, i) => builtIn.includes(o.name) || open.findIndex((p) => p.name === o.name) < i);
  if (taken) throw new Error(`two add-on sections are named ${taken.name}: register each add-on once`);
  // Berth's add-ons in their documented order wherever their sections are read, then the others.
  const berth = Object.values(AddonName) as string[];
  const rank = (name: string) => (berth.includes(name) ? berth.indexOf(name) : berth.length);
  const keys = [...builtIn, ...open.map((o) => o.name)].sort((a, b) => rank(a) - rank(b));
  const raw = read.object(path, value, ['storageClass', ...keys]) ?? {};
  const section = (name: AddonName, keys: readonly string[]) =>
    read.object(`${path}.${name}`, raw[name], ['enabled', ...keys]) ?? {};
  const enabled = (name: AddonName, fields: Record<string, unknown>) =>
    addonBoolean(read, `${path}.${name}.enabled`, fields.enabled, true);

  const dns = section(AddonName.CORE_DNS, ['upstreamServers', 'stubDomains', 'cacheTtl']);
  const upstreamServers = read.strings(
    `${path}.coreDns.upstreamServers`,
    dns.upstreamServers,
    context.dnsNameservers,
  );
  // The default (cloud.dnsNameservers) is validated where it is given.
  upstreamServers.forEach((server, i) => {
    if (dns.upstreamServers !== undefined && !IPV4_PORT.test(server)) {
      read.problems.add(
        `${path}.coreDns.upstreamServers[${i}]`,
        server,
        'must be an IPv4 address, optionally with ":port"',
      );
    }
  });
  if (dns.upstreamServers !== undefined && upstreamServers.length === 0) {
    read.problems.add(
      `${path}.coreDns.upstreamServers`,
      dns.upstreamServers,
      'must list at least one server (or be left out for cloud.dnsNameservers)',
    );
  }
  const coreDns = {
    enabled: enabled(AddonName.CORE_DNS, dns),
    upstreamServers,
    stubDomains: stubDomains(read, `${path}.coreDns.stubDomains`, dns.stubDomains),
    cacheTtl: addonDuration(read, `${path}.coreDns.cacheTtl`, dns.cacheTtl, DEFAULT_ADDONS.coreDnsCacheTtl),
  };

  const mon = section(AddonName.MONITORING, [
    'retention',
    'storageSize',
    'receivers',
    'smtp',
    'errorRatioThreshold',
    'nodeProblemDetector',
    'resources',
  ]);
  const monitoring = {
    enabled: enabled(AddonName.MONITORING, mon),
    retention: addonDuration(
      read,
      `${path}.monitoring.retention`,
      mon.retention,
      DEFAULT_ADDONS.monitoringRetention,
    ),
    storageSize: addonVolumeSize(
      read,
      `${path}.monitoring.storageSize`,
      mon.storageSize,
      DEFAULT_ADDONS.monitoringStorageSize,
    ),
    receivers: receivers(read, `${path}.monitoring.receivers`, mon.receivers),
    smtp: smtp(read, `${path}.monitoring.smtp`, mon.smtp),
    errorRatioThreshold: addonRatio(
      read,
      `${path}.monitoring.errorRatioThreshold`,
      mon.errorRatioThreshold,
      DEFAULT_ADDONS.errorRatioThreshold,
    ),
    nodeProblemDetector: addonBoolean(
      read,
      `${path}.monitoring.nodeProblemDetector`,
      mon.nodeProblemDetector,
      true,
    ),
    resources: addonResources(
      read,
      `${path}.monitoring.resources`,
      mon.resources,
      DEFAULT_ADDON_RESOURCES.prometheus,
    ),
  };
  monitoring.receivers.forEach((receiver, i) => {
    if (receiver.email !== undefined && monitoring.smtp === undefined) {
      read.problems.add(
        `${path}.monitoring.receivers[${i}].email`,
        receiver.email,
        `needs ${path}.monitoring.smtp (the mail relay to send through)`,
      );
    }
  });

  const builtInSections = {
    coreDns,
    monitoring,
  };
  const storageClass = read.string(`${path}.storageClass`, raw.storageClass, DEFAULT_STORAGE_CLASS, {
    pattern: DNS_DOMAIN_OR_LABEL,
    allowed: 'a StorageClass name (lower-case letters, digits, "-" and ".")',
  });

  const resolved: ResolvedAddons = {
    sections: resolveSections(read, path, raw, open, (name) =>
      builtIn.includes(name)
        ? (builtInSections as Record<string, { enabled: boolean }>)[name].enabled
        : false,
    ),
    storageClass,
    ...builtInSections,
  };
  checkDependencies(read, path, resolved, raw.storageClass !== undefined, open);
  return resolved;
}

const DNS_DOMAIN_OR_LABEL = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/**
 * The checks of every add-on's requirements (`AddonSection.requires`, declared once by each add-on), and
 * the only checks across several sections, kept here in one place: `certManager.acme` answers HTTP-01
 * through the gateway, and `storageClass` must be named when the cloud provider (which creates the
 * default class) is off and an add-on with volumes (registry, monitoring, logging) is on.
 */
function checkDependencies(
  read: FieldReader,
  path: string,
  addons: ResolvedAddons,
  storageClassGiven: boolean,
  open: readonly AddonSection[],
) {
  const isEnabled = (name: string): boolean =>
    (addons as unknown as Record<string, { enabled?: boolean }>)[name]?.enabled ??
    addons.sections.get(name)?.enabled ??
    false;
  const rules = [
    ...open.flatMap((o) => (o.requires ?? []).map((r) => ({ addon: o.name, needs: r.addon, why: r.why }))),
  ];
  for (const rule of rules) {
    if (isEnabled(rule.addon) && !isEnabled(rule.needs)) {
      read.problems.add(
        `${path}.${rule.addon}.enabled`,
        true,
        `needs ${path}.${rule.needs} enabled (${rule.why}); turn both off or leave ${rule.needs} on`,
      );
    }
  }
  const acme = (addons.sections.get(AddonName.CERT_MANAGER) as { acme?: { email: string } } | undefined)
    ?.acme;
  if (acme && !isEnabled(AddonName.GATEWAY)) {
    read.problems.add(
      `${path}.certManager.acme`,
      acme.email,
      `needs ${path}.gateway enabled (HTTP-01 challenges are answered through the shared Gateway)`,
    );
  }
  const volumeUsers = [AddonName.REGISTRY, AddonName.MONITORING, AddonName.LOGGING].filter(isEnabled);
  if (!isEnabled(AddonName.CLOUD_PROVIDER) && !storageClassGiven && volumeUsers.length > 0) {
    read.problems.add(
      `${path}.storageClass`,
      undefined,
      `must name an existing StorageClass when ${path}.cloudProvider is off: ${volumeUsers.join(', ')} need volumes and the default "${DEFAULT_STORAGE_CLASS}" class comes from Cinder CSI`,
    );
  }
}

/**
 * Reads the sections of add-ons defined outside config/: `enabled` of every one first, so that each
 * resolver may ask whether another add-on is on, then their fields.
 */
function resolveSections(
  read: FieldReader,
  path: string,
  raw: Record<string, unknown>,
  open: readonly AddonSection[],
  builtInEnabled: (name: string) => boolean,
): ReadonlyMap<string, AddonSettings> {
  const fields = open.map(
    (o) => read.object(`${path}.${o.name}`, raw[o.name], ['enabled', ...o.fields]) ?? {},
  );
  const enabled = new Map(
    open.map((o, i) => [
      o.name,
      addonBoolean(read, `${path}.${o.name}.enabled`, fields[i].enabled, o.enabledByDefault ?? true),
    ]),
  );
  const isEnabled = (name: string) => enabled.get(name) ?? builtInEnabled(name);
  return new Map(
    open.map((o, i): [string, AddonSettings] => [
      o.name,
      {
        ...o.resolve(read, fields[i], { path: `${path}.${o.name}`, isEnabled }),
        enabled: enabled.get(o.name)!,
      },
    ]),
  );
}

function stubDomains(
  read: FieldReader,
  path: string,
  value: unknown,
): Readonly<Record<string, readonly string[]>> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    read.problems.add(path, value, 'must be a mapping of DNS domain to a list of IPv4 servers');
    return {};
  }
  const result: Record<string, readonly string[]> = {};
  for (const [domain, servers] of Object.entries(value as Record<string, unknown>)) {
    const domainPath = `${path}["${domain}"]`;
    if (!DNS_DOMAIN.test(domain)) {
      read.problems.add(domainPath, domain, 'must be a lower-case DNS domain such as "corp.example.com"');
      continue;
    }
    const list = read.strings(domainPath, servers, []);
    if (list.length === 0) read.problems.add(domainPath, servers, 'must list at least one IPv4 server');
    list.forEach((server, i) => {
      if (!IPV4_PORT.test(server))
        read.problems.add(`${domainPath}[${i}]`, server, 'must be an IPv4 address, optionally with ":port"');
    });
    result[domain] = list;
  }
  return result;
}

function receivers(read: FieldReader, path: string, value: unknown) {
  const list = read.array(path, value) ?? [];
  const result: { name: string; webhookUrl?: string; email?: string }[] = [];
  list.forEach((item, i) => {
    const itemPath = `${path}[${i}]`;
    const raw = read.object(itemPath, item, ['name', 'webhookUrl', 'email']) ?? {};
    const name = read.name(`${itemPath}.name`, raw.name, undefined);
    const webhookUrl = read.url(`${itemPath}.webhookUrl`, raw.webhookUrl, undefined, {
      allowed: "the URL receiving Alertmanager's JSON payload (alerts name hosts and apps: never http://)",
    });
    const email = read.string(`${itemPath}.email`, raw.email, undefined, {
      pattern: EMAIL,
      allowed: 'an e-mail address',
    });
    if (name === 'null') {
      read.problems.add(
        `${itemPath}.name`,
        name,
        "is reserved (Alertmanager's receiver for silenced alerts); choose another name",
      );
    }
    if (raw.webhookUrl === undefined && raw.email === undefined) {
      read.problems.add(itemPath, item, 'must have a webhookUrl or an email (or both)');
    }
    if (name !== undefined && name !== 'null' && DNS_1123_LABEL.test(name))
      result.push({ name, webhookUrl, email });
  });
  read.unique(
    path,
    list.map((item) => (item as { name?: unknown } | null)?.name as string | undefined),
    'Receiver',
  );
  return result;
}

function smtp(read: FieldReader, path: string, value: unknown) {
  const raw = read.object(path, value, ['smarthost', 'from', 'requireTls']);
  if (!raw) return undefined;
  const smarthost = read.string(`${path}.smarthost`, raw.smarthost, undefined, {
    pattern: /^[A-Za-z0-9.-]+:\d{1,5}$/,
    allowed: '"host:port" of the mail relay, e.g. "smtp.example.com:587"',
  });
  if (raw.smarthost === undefined)
    read.problems.add(`${path}.smarthost`, raw.smarthost, 'is required: "host:port" of the mail relay');
  const from = read.string(`${path}.from`, raw.from, undefined, {
    pattern: EMAIL,
    allowed: 'an e-mail address',
  });
  if (raw.from === undefined) read.problems.add(`${path}.from`, raw.from, 'is required: the sender address');
  const requireTls = addonBoolean(read, `${path}.requireTls`, raw.requireTls, true);
  if (!requireTls) {
    read.problems.warn(
      `${path}.requireTls`,
      false,
      'sends alert e-mail without TLS: anyone on the path reads host and app names; keep true unless the relay is on a trusted network',
    );
  }
  if (smarthost === undefined || from === undefined) return undefined;
  return { smarthost, from, requireTls };
}
