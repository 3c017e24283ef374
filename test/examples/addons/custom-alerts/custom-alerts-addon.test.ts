import * as os from 'os';
import * as path from 'path';
import * as fs from 'fs';
import { ConfigError, platformJsonSchemaText, platformSchemaFor } from '../../../../config';
import { resolvePlatform } from '../../../support/berth-platform';
import { PLATFORM_ADDONS } from '../../../../constructs/addons';
import { BerthApp } from '../../../../stacks/berth-app';
import { CUSTOM_ALERTS_ADDON } from '../../../../examples/addons/custom-alerts';

/** The one registration line a platform with this add-on adds. */
const ADDONS = PLATFORM_ADDONS.with(CUSTOM_ALERTS_ADDON);

const RULE = {
  alert: 'QueueBacklog',
  expr: 'sum(queue_depth) > 1000',
  for: '10m',
  severity: 'critical',
  summary: 'The work queue is backing up (${queue})',
};

const platformWith = (addons: object, registry = ADDONS) =>
  resolvePlatform({ clusters: [{ name: 'main', addons }] }, undefined, { addonSections: registry.sections });

function problemsOf(addons: object): string[] {
  try {
    platformWith(addons);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => `${p.path}: ${p.message}`);
    throw err;
  }
  return [];
}

const P = 'clusters[0].addons.customAlerts';

describe('the customAlerts example add-on (defined outside constructs/addons/)', () => {
  test('registered, it synthesizes: one PrometheusRule in the platform objects, under its own construct ID', () => {
    const platform = platformWith({ customAlerts: { enabled: true, rules: [RULE] } });
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-custom-alerts-'));
    const app = new BerthApp({ platform, outdir, addons: ADDONS });
    app.synth();
    const objects = JSON.parse(
      fs.readFileSync(path.join(outdir, 'stacks', 'main-platform-objects', 'cdk.tf.json'), 'utf8'),
    );
    const manifest =
      objects.resource.kubernetes_manifest['custom-alerts_prometheusrule_monitoring_custom-alerts'];
    expect(manifest.manifest.spec.groups).toEqual([
      {
        name: 'custom-alerts',
        rules: [
          {
            alert: 'QueueBacklog',
            expr: 'sum(queue_depth) > 1000',
            for: '10m',
            labels: { severity: 'critical' },
            // Terraform would interpolate `${...}`: escaped in the output, like every user-supplied value.
            annotations: {
              summary: 'The work queue is backing up ($${queue})',
              description: 'The work queue is backing up ($${queue})',
            },
          },
        ],
      },
    ]);
    expect(app.platformStacks.get('main')!.addons.get('customAlerts')!.node.id).toBe('custom-alerts');
    // It runs no pod: nothing in the footprint.
    expect(app.platformStacks.get('main')!.footprint.addons.find((a) => a.addon === 'customAlerts')).toEqual(
      expect.objectContaining({
        onMinions: { requests: { cpuMillis: 0, memoryMi: 0 }, limits: { cpuMillis: 0, memoryMi: 0 } },
      }),
    );
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test('off by default: the platform is unchanged', () => {
    const cluster = platformWith({}).clusters[0];
    expect(cluster.addons.sections.get('customAlerts')).toEqual({ enabled: false, rules: [] });
  });

  test('its section is validated with paths, every problem at once', () => {
    expect(
      problemsOf({
        customAlerts: {
          enabled: true,
          rules: [
            { alert: 'queue backlog', expr: 'up == 0', for: 'soon', severity: 'page', summary: 'x' },
            { alert: 'Down', summary: 'y', extra: 1 },
          ],
          color: 'red',
        },
      }),
    ).toEqual([
      `${P}.rules[0].alert: must be a CamelCase alert name such as "QueueBacklog"`,
      `${P}.rules[0].for: must be a duration such as "5m" or "1h" (units s, m, h, d, w)`,
      `${P}.rules[0].severity: must be one of "warning", "critical"`,
      `${P}.rules[1].extra: is not a known field; allowed fields here: alert, expr, for, severity, summary`,
      `${P}.rules[1].expr: is required: a PromQL expression, e.g. "sum(queue_depth) > 1000"`,
      `${P}.color: is not a known field; allowed fields here: enabled, rules`,
    ]);
    expect(problemsOf({ customAlerts: { enabled: true, rules: [RULE, { ...RULE }] } })).toEqual([
      `${P}.rules[1].alert: Alert names must be unique; ${P}.rules[0] has it already`,
    ]);
  });

  test('its schema is published with the platform schema it is composed into: fields, descriptions, defaults', () => {
    const schema = JSON.parse(platformJsonSchemaText(platformSchemaFor(ADDONS.sections)));
    const section = schema.properties.clusters.items.properties.addons.properties.customAlerts;
    expect(section.properties.enabled).toMatchObject({ type: 'boolean', default: false });
    expect(section.properties.rules.items.properties.severity).toMatchObject({
      default: 'warning',
      enum: ['warning', 'critical'],
      description: expect.any(String),
    });
  });

  test('its requirement is enforced like a built-in one', () => {
    expect(problemsOf({ customAlerts: { enabled: true }, monitoring: { enabled: false } })).toEqual([
      `${P}.enabled: needs clusters[0].addons.monitoring enabled (Prometheus evaluates the rules and Alertmanager sends the alerts); turn both off or leave monitoring on`,
    ]);
  });

  test('not registered, its section is an unknown add-on', () => {
    expect(() => platformWith({ customAlerts: { enabled: true } }, PLATFORM_ADDONS)).toThrow(
      'clusters[0].addons.customAlerts: got {"enabled":true}; is not a known field; allowed fields here: storageClass, flannel',
    );
  });

  test('a registry the platform was not loaded with is refused, naming the fix', () => {
    const platform = platformWith({}, PLATFORM_ADDONS);
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-custom-alerts-'));
    expect(() => new BerthApp({ platform, outdir, addons: ADDONS })).toThrow(
      'add-on customAlerts is registered, but cluster main was resolved without its section',
    );
    fs.rmSync(outdir, { recursive: true, force: true });
  });
});
