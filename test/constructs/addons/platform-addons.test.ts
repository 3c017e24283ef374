import { BUILT_IN_REQUIREMENTS } from '../../../config';
import { CHART_PINS, PLATFORM_ADDONS } from '../../../constructs/addons';

describe("Berth's add-on registry", () => {
  test('the requirements config/ checks for the sections it still reads are those the add-ons declare', () => {
    const readByConfig = PLATFORM_ADDONS.registered.filter((addon) => addon.config === undefined);
    const declared = readByConfig.flatMap((addon) =>
      (addon.requires ?? []).map((r) => ({ addon: addon.name, needs: r.addon.name, why: r.why })),
    );
    const sort = (rules: readonly { addon: string; needs: string }[]) =>
      [...rules].sort((a, b) => `${a.addon}/${a.needs}`.localeCompare(`${b.addon}/${b.needs}`));
    expect(sort(declared)).toEqual(sort(BUILT_IN_REQUIREMENTS));
  });

  test('construct IDs are those of the Terraform addresses in use, one per add-on', () => {
    expect(Object.fromEntries(PLATFORM_ADDONS.registered.map((a) => [a.name, a.id]))).toEqual({
      flannel: 'flannel',
      cloudProvider: 'cloud-provider',
      coreDns: 'core-dns',
      kubeletCsrApprover: 'kubelet-csr-approver',
      metricsServer: 'metrics-server',
      certManager: 'cert-manager',
      gateway: 'gateway',
      registry: 'registry',
      monitoring: 'monitoring',
      console: 'console',
      logging: 'logging',
    });
  });

  test('the add-ons that read their own section hand it, with their requirements, to the config loader', () => {
    const sections = PLATFORM_ADDONS.sections;
    expect(sections.map((s) => s.name)).toEqual(['kubeletCsrApprover', 'metricsServer', 'console']);
    expect(sections.find((s) => s.name === 'console')?.requires).toEqual([
      { addon: 'gateway', why: 'the console is served through the shared Gateway' },
    ]);
  });

  test('every chart is pinned by the add-on that installs it, once', () => {
    expect(CHART_PINS.length).toBe(13);
    expect(new Set(CHART_PINS.map((c) => c.chart)).size).toBe(CHART_PINS.length);
  });
});
