import { AddonName, ResolvedAddons } from '../../../config';
import { AddonDefinition } from '../core/addon-definition';
import { CoreDns } from './core-dns';

/** The Corefile of kubeadm's CoreDNS: upstream resolvers, stub domains, cache. */
export const CORE_DNS_ADDON: AddonDefinition<ResolvedAddons['coreDns'], CoreDns> = {
  name: AddonName.CORE_DNS,
  id: 'core-dns',
  settings: (cluster) => cluster.addons.coreDns,
  install: (scope, { id, settings, dependsOn }) =>
    new CoreDns(scope, id, {
      upstreamServers: settings.upstreamServers,
      stubDomains: settings.stubDomains,
      cacheTtl: settings.cacheTtl,
      dependsOn,
    }),
};
