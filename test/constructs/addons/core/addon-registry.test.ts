import { Construct } from 'constructs';
import { addonConfig, addonSchema } from '../../../../config';
import {
  AddonDefinition,
  AddonRegistry,
  AddonStage,
  PLATFORM_ADDONS,
  PlatformAddon,
} from '../../../../constructs/addons';

/** A section with `enabled` only. */
const ONLY_ENABLED = addonConfig(addonSchema({ doc: 'A test add-on.', enabled: 'Deploy it.' }, {}));

/** A definition that is never installed: the registry only reads names, IDs, stages and requirements. */
function addon(name: string, more: Partial<AddonDefinition> = {}): AddonDefinition {
  return {
    name,
    id: name.toLowerCase(),
    config: ONLY_ENABLED,
    install: (scope: Construct): PlatformAddon => {
      throw new Error(`not installed in this test: ${scope.node.id}`);
    },
    ...more,
  };
}

describe('AddonRegistry', () => {
  test('orders by stage, then each after what it requires, otherwise as registered', () => {
    const base = addon('base');
    const web = addon('web', { requires: [{ addon: base, why: 'x' }] });
    const net = addon('net', { stage: AddonStage.POD_NETWORK });
    const cloud = addon('cloud', { stage: AddonStage.NODE_INTEGRATION });
    const solo = addon('solo');
    const registry = new AddonRegistry([web, solo, cloud, base, net]);
    expect(registry.ordered.map((a) => a.name)).toEqual(['net', 'cloud', 'solo', 'base', 'web']);
    // Deterministic: the same registrations give the same order.
    expect(new AddonRegistry([web, solo, cloud, base, net]).ordered).toEqual(registry.ordered);
  });

  test("Berth's add-ons install in today's order, each after what it requires", () => {
    expect(PLATFORM_ADDONS.ordered.map((a) => a.id)).toEqual([
      'flannel',
      'cloud-provider',
      'core-dns',
      'kubelet-csr-approver',
      'metrics-server',
      'cert-manager',
      'gateway',
      'registry',
      'monitoring',
      'console',
      'logging',
    ]);
    for (const [i, a] of PLATFORM_ADDONS.ordered.entries()) {
      for (const r of a.requires ?? []) expect(PLATFORM_ADDONS.ordered.indexOf(r.addon)).toBeLessThan(i);
    }
  });

  test('with() registers more add-ons after these', () => {
    const extra = addon('extra');
    const more = PLATFORM_ADDONS.with(extra);
    expect(more.ordered.at(-1)).toBe(extra);
    expect(more.byName('extra')).toBe(extra);
    expect(PLATFORM_ADDONS.byName('extra')).toBeUndefined();
  });

  test('refuses two add-ons of one name or one construct ID', () => {
    expect(() => new AddonRegistry([addon('a'), addon('a', { id: 'other' })])).toThrow(
      'two add-ons are registered with the name "a"',
    );
    expect(() => new AddonRegistry([addon('a'), addon('b', { id: 'a' })])).toThrow(
      'two add-ons are registered with the construct ID "a"',
    );
  });

  test('refuses a requirement that is not registered, a cycle, and a requirement of a later stage', () => {
    const missing = addon('missing');
    expect(() => new AddonRegistry([addon('a', { requires: [{ addon: missing, why: 'x' }] })])).toThrow(
      'add-on a requires missing, which is not registered: register it too',
    );
    const a: { requires: { addon: AddonDefinition; why: string }[] } & AddonDefinition = {
      ...addon('a'),
      requires: [],
    };
    const b = addon('b', { requires: [{ addon: a, why: 'x' }] });
    a.requires.push({ addon: b, why: 'y' });
    expect(() => new AddonRegistry([a, b])).toThrow('add-ons a, b cannot be ordered');
    const late = addon('late');
    const early = addon('early', { stage: AddonStage.POD_NETWORK, requires: [{ addon: late, why: 'x' }] });
    expect(() => new AddonRegistry([early, late])).toThrow('add-ons early cannot be ordered');
  });

  test("hands the config loader each add-on's section under its name, with its requirements, the same array each time", () => {
    const base = addon('base');
    const registry = new AddonRegistry([base, addon('web', { requires: [{ addon: base, why: 'x' }] })]);
    expect(registry.sections.map((s) => [s.name, s.schema, s.requires])).toEqual([
      ['base', ONLY_ENABLED.schema, []],
      ['web', ONLY_ENABLED.schema, [{ addon: 'base', why: 'x' }]],
    ]);
    expect(registry.sections).toBe(registry.sections);
  });

  test('hands the config loader the namespaces the add-ons declare, each with its add-on', () => {
    const registry = new AddonRegistry([
      addon('queue', { namespaces: ['queue-jobs', 'queue-workers'] }),
      addon('plain'),
      addon('search', { namespaces: ['search'] }),
    ]);
    expect(registry.namespaces).toEqual([
      { namespace: 'queue-jobs', addon: 'queue' },
      { namespace: 'queue-workers', addon: 'queue' },
      { namespace: 'search', addon: 'search' },
    ]);
    // Berth's own add-ons create only Berth's own namespaces (PlatformNamespace), reserved already.
    expect(PLATFORM_ADDONS.namespaces).toEqual([]);
  });

  test("refuses a namespace two add-ons declare, or one of Berth's or Kubernetes' own", () => {
    expect(
      () => new AddonRegistry([addon('a', { namespaces: ['jobs'] }), addon('b', { namespaces: ['jobs'] })]),
    ).toThrow('add-ons a and b both declare the namespace "jobs"');
    expect(() => new AddonRegistry([addon('a', { namespaces: ['monitoring'] })])).toThrow(
      `add-on a declares the namespace "monitoring", which is Berth's or Kubernetes' own`,
    );
    expect(() => new AddonRegistry([addon('a', { namespaces: ['kube-public'] })])).toThrow(
      `add-on a declares the namespace "kube-public"`,
    );
  });

  test.each(['Queue', 'queue_jobs', '-queue', 'queue-', '', 'q'.repeat(64)])(
    'refuses a namespace Kubernetes would refuse: %j',
    (namespace) => {
      expect(() => new AddonRegistry([addon('a', { namespaces: [namespace] })])).toThrow(
        `add-on a declares the namespace ${JSON.stringify(namespace)}, which Kubernetes refuses: a namespace is a DNS-1123 label`,
      );
    },
  );

  test('collects every chart the add-ons pin, once', () => {
    const chart = {
      repository: 'https://x.example',
      chart: 'x',
      version: '1.0.0',
      confirmedAt: 'a test',
      images: { readAt: 'a test', images: [] },
    };
    const registry = new AddonRegistry([addon('a', { charts: [chart] }), addon('b', { charts: [chart] })]);
    expect(registry.charts).toEqual([chart]);
    expect(PLATFORM_ADDONS.charts.map((c) => c.chart)).toContain('kube-prometheus-stack');
  });

  test("collects the add-ons' object images, each once, in installation order", () => {
    const shared = { repository: 'example.org/shared', tag: '1', usedBy: 'a test', source: 'a test' };
    const own = { repository: 'example.org/own', tag: '2', usedBy: 'a test', source: 'a test' };
    const first = addon('first', { images: [shared] });
    const second = addon('second', { images: [own, shared], requires: [{ addon: first, why: 'x' }] });
    expect(new AddonRegistry([second, first]).objectImages).toEqual([shared, own]);
    expect(PLATFORM_ADDONS.objectImages.map((i) => i.repository)).toContain('docker.io/envoyproxy/envoy');
  });
});
