import { AddonName, PlatformNamespace } from '../../../../config';
import { resolvePlatform } from '../../../support/berth-platform';
import {
  ClusterAddons,
  OPEN_EGRESS,
  PLATFORM_ADDONS,
  PeerKind,
  apiServerFlow,
  namespacePods,
  platformFlows,
} from '../../../../constructs/addons';

const NAMESPACES = Object.values(PlatformNamespace);

/** Every flow of Berth's add-ons with the given `addons` section. */
function flowsOf(addons: object = {}, namespaces: readonly PlatformNamespace[] = NAMESPACES) {
  const cluster = resolvePlatform({ clusters: [{ name: 'main', addons }] }).clusters[0];
  return platformFlows({
    namespaces,
    addonFlows: new ClusterAddons(PLATFORM_ADDONS, cluster).flows(namespaces),
  });
}
const ACME = { certManager: { acme: { email: 'ops@example.com' } } };
const off = (...names: AddonName[]) => Object.fromEntries(names.map((n) => [n, { enabled: false }]));

describe('platformFlows', () => {
  test('ids are unique kebab-case names, every flow says why it exists', () => {
    const flows = flowsOf(ACME);
    const ids = flows.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of flows) {
      expect(f.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(f.purpose.length).toBeGreaterThan(10);
    }
  });

  test('every namespace whose egress is denied may resolve names, and only those', () => {
    const dns = flowsOf()
      .filter((f) => f.id.startsWith('dns-'))
      .map((f) => f.id.replace(/^dns-/, ''));
    expect(dns.sort()).toEqual(NAMESPACES.filter((ns) => OPEN_EGRESS[ns] === undefined).sort());
  });

  test('without add-on flows, only name resolution', () => {
    expect(platformFlows({ namespaces: [], addonFlows: [] }).map((f) => f.id)).toEqual(['dns']);
    const own = apiServerFlow('demo', namespacePods(PlatformNamespace.CONSOLE));
    expect(platformFlows({ namespaces: [], addonFlows: [own] }).map((f) => f.id)).toEqual([
      'dns',
      'demo-api',
    ]);
  });

  test('any source is allowed only to CoreDNS, the public listener and API server callbacks', () => {
    const open = flowsOf()
      .filter((f) => f.from.kind === PeerKind.ANY_SOURCE)
      .map((f) => f.id);
    expect(open.sort()).toEqual(
      [
        'dns',
        'metrics-server',
        'gateway-public',
        'gateway-webhook',
        'cert-manager-webhook',
        'monitoring-webhook',
      ].sort(),
    );
  });

  test('flows appear only with the add-ons at both ends', () => {
    const ids = (addons: object) => flowsOf({ storageClass: 'local', ...addons }, []).map((f) => f.id);
    const all = Object.values(AddonName);
    expect(ids(off(...all))).toEqual(['dns']);
    expect(ids(off(...all.filter((n) => n !== AddonName.LOGGING)))).not.toContain('loki-from-grafana');
    expect(ids(off(AddonName.CONSOLE, AddonName.REGISTRY))).toContain('loki-from-grafana');
    expect(ids(off(AddonName.MONITORING))).not.toContain('loki-from-grafana');
    expect(ids({})).not.toContain('cert-manager-acme');
    expect(ids(ACME)).toContain('cert-manager-acme');
  });
});
