import {
  AddonName,
  AddonSettings,
  DNS_DOMAIN,
  TimeSpan,
  addonConfig,
  addonDuration,
  addonSchema,
  list,
  optional,
  text,
  withDefault,
  z,
} from '../../../config';
import { AddonDefinition } from '../core/addon-definition';
import { CoreDns } from './core-dns';

/** CoreDNS's cache TTL unless `addons.coreDns.cacheTtl` says otherwise. */
export const DEFAULT_CORE_DNS_CACHE_TTL = '30s';

const IPV4_PORT = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}(:\d{1,5})?$/;
const server = () => text({ pattern: IPV4_PORT, allowed: 'an IPv4 address, optionally with ":port"' });

/** `addons.coreDns`: its fields, messages, defaults and descriptions. */
export const CORE_DNS_SCHEMA = addonSchema(
  {
    doc: "CoreDNS's Corefile (kubeadm installs CoreDNS; Berth manages its upstream resolvers, stub domains and cache).",
    enabled: "Manage CoreDNS's Corefile. When off, kubeadm's default Corefile stays.",
  },
  {
    upstreamServers: optional(
      list(
        server(),
        undefined,
        'Upstream resolvers for names outside the cluster (IPv4 addresses, optionally with ":port"). Default: cloud.dnsNameservers, or when that is left out the nodes\' own resolvers (what the cloud\'s DHCP gave them, through /etc/resolv.conf).',
      ).check(
        z.minLength(1, {
          error: 'must list at least one server (or be left out for cloud.dnsNameservers)',
        }),
      ),
    ),
    stubDomains: withDefault(
      z
        .record(
          text({ pattern: DNS_DOMAIN, allowed: 'a lower-case DNS domain such as "corp.example.com"' }),
          list(server()).check(z.minLength(1, { error: 'must list at least one IPv4 server' })),
          { error: 'must be a mapping of DNS domain to a list of IPv4 servers' },
        )
        .check(
          z.meta({
            description:
              'Enterprise DNS zones forwarded to their own servers, e.g. `{ "corp.example.com": ["10.1.0.53"] }`.',
          }),
        ),
      {},
    ),
    cacheTtl: withDefault(addonDuration('How long CoreDNS caches answers.'), DEFAULT_CORE_DNS_CACHE_TTL),
  },
);

/** `addons.coreDns`, as written in the platform file. */
export type CoreDnsAddonConfig = z.input<typeof CORE_DNS_SCHEMA>;

/** `addons.coreDns`, resolved. */
export interface CoreDnsSettings extends AddonSettings {
  /** Empty: the nodes' own resolvers (`/etc/resolv.conf`). */
  readonly upstreamServers: readonly string[];
  readonly stubDomains: Readonly<Record<string, readonly string[]>>;
  readonly cacheTtl: TimeSpan;
}

/** The Corefile of kubeadm's CoreDNS: upstream resolvers, stub domains, cache. */
export const CORE_DNS_ADDON: AddonDefinition<CoreDnsSettings, CoreDns> = {
  name: AddonName.CORE_DNS,
  id: 'core-dns',
  config: addonConfig(CORE_DNS_SCHEMA, (section, { cloud }) => ({
    // The default (cloud.dnsNameservers) is validated where it is given.
    upstreamServers: section.upstreamServers ?? cloud.dnsNameservers,
    stubDomains: section.stubDomains,
    cacheTtl: TimeSpan.tryParse(section.cacheTtl)!,
  })),
  install: (scope, { id, settings, dependsOn }) =>
    new CoreDns(scope, id, {
      upstreamServers: settings.upstreamServers,
      stubDomains: settings.stubDomains,
      cacheTtl: settings.cacheTtl,
      dependsOn,
    }),
};
