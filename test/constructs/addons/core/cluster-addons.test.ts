import { AddonName, PlatformNamespace } from '../../../../config';
import { resolvePlatform } from '../../../support/berth-platform';
import {
  CERT_MANAGER_ADDON,
  ClusterAddons,
  GATEWAY_ADDON,
  LOGGING_ADDON,
  PLATFORM_ADDONS,
} from '../../../../constructs/addons';

const clusterWith = (addons: object) => resolvePlatform({ clusters: [{ name: 'main', addons }] }).clusters[0];

describe('ClusterAddons', () => {
  test('the enabled add-ons of a cluster, in installation order', () => {
    const selected = new ClusterAddons(
      PLATFORM_ADDONS,
      clusterWith({ [AddonName.LOGGING]: { enabled: false } }),
    );
    expect(selected.enabled).toEqual(PLATFORM_ADDONS.ordered.filter((a) => a !== LOGGING_ADDON));
    expect(selected.isEnabled(LOGGING_ADDON)).toBe(false);
    expect(selected.isEnabled(GATEWAY_ADDON)).toBe(true);
    expect(selected.settingsOf(LOGGING_ADDON).enabled).toBe(false);
  });

  test("flows come from the enabled add-ons only, with each one's settings", () => {
    const ids = (addons: object) =>
      new ClusterAddons(PLATFORM_ADDONS, clusterWith(addons))
        .flows([PlatformNamespace.KUBE_SYSTEM])
        .map((f) => f.id);
    expect(ids({})).toContain('loki-from-fluent-bit');
    expect(ids({ logging: { enabled: false } })).not.toContain('loki-from-fluent-bit');
    expect(ids({})).not.toContain('cert-manager-acme');
    expect(ids({ certManager: { acme: { email: 'ops@example.com' } } })).toContain('cert-manager-acme');
    expect(
      new ClusterAddons(PLATFORM_ADDONS, clusterWith({})).settingsOf(CERT_MANAGER_ADDON).acme,
    ).toBeUndefined();
  });
});
