import { CHART_PINS, PLATFORM_ADDONS } from '../../../constructs/addons';

describe("Berth's add-on registry", () => {
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

  test('every add-on hands its section, with its requirements, to the config loader', () => {
    const sections = PLATFORM_ADDONS.sections;
    expect(sections.map((s) => s.name)).toEqual(PLATFORM_ADDONS.registered.map((a) => a.name));
    expect(sections.find((s) => s.name === 'console')?.requires).toEqual([
      { addon: 'gateway', why: 'the console is served through the shared Gateway' },
    ]);
  });

  test('every chart is pinned by the add-on that installs it, once', () => {
    expect(CHART_PINS.length).toBe(13);
    expect(new Set(CHART_PINS.map((c) => c.chart)).size).toBe(CHART_PINS.length);
  });
});
