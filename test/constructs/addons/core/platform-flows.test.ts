import { AddonName, PlatformNamespace } from '../../../../config';
import { OPEN_EGRESS, PeerKind, envoyContainerPort, platformFlows } from '../../../../constructs/addons';

const ALL = new Set(Object.values(AddonName));
const NAMESPACES = Object.values(PlatformNamespace);

describe('platformFlows', () => {
  test('ids are unique kebab-case names, every flow says why it exists', () => {
    const flows = platformFlows({ addons: ALL, namespaces: NAMESPACES, acme: true });
    const ids = flows.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of flows) {
      expect(f.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(f.purpose.length).toBeGreaterThan(10);
    }
  });

  test('every namespace whose egress is denied may resolve names, and only those', () => {
    const flows = platformFlows({ addons: ALL, namespaces: NAMESPACES, acme: false });
    const dns = flows.filter((f) => f.id.startsWith('dns-')).map((f) => f.id.replace(/^dns-/, ''));
    expect(dns.sort()).toEqual(NAMESPACES.filter((ns) => OPEN_EGRESS[ns] === undefined).sort());
  });

  test('any source is allowed only to CoreDNS, the public listener and API server callbacks', () => {
    const open = platformFlows({ addons: ALL, namespaces: NAMESPACES, acme: false })
      .filter((f) => f.from.kind === PeerKind.ANY_SOURCE)
      .map((f) => f.id);
    expect(open).toEqual([
      'dns',
      'metrics-server',
      'gateway-public',
      'gateway-webhook',
      'cert-manager-webhook',
      'monitoring-webhook',
    ]);
  });

  test('flows appear only with the add-ons at both ends', () => {
    const ids = (addons: AddonName[]) =>
      platformFlows({ addons: new Set(addons), namespaces: [], acme: false }).map((f) => f.id);
    expect(ids([])).toEqual(['dns']);
    expect(ids([AddonName.LOGGING])).not.toContain('loki-from-grafana');
    expect(ids([AddonName.LOGGING, AddonName.MONITORING])).toContain('loki-from-grafana');
    expect(ids([AddonName.REGISTRY])).not.toContain('registry-from-gateway');
    expect(ids([AddonName.CERT_MANAGER])).not.toContain('cert-manager-acme');
  });

  test("Envoy's container ports: listener ports below 1024 move up by 10000", () => {
    expect([80, 443, 8443].map(envoyContainerPort)).toEqual([10080, 10443, 8443]);
  });
});
