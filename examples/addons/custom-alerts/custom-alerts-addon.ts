import { AddonSettings, FieldReader, TimeSpan } from '../../../config';
import { AddonDefinition, AlertingRule, MONITORING_ADDON } from '../../../constructs/addons';
import { CustomAlerts } from './custom-alerts';

/** `addons.customAlerts`, resolved. */
export interface CustomAlertsSettings extends AddonSettings {
  readonly rules: readonly AlertingRule[];
}

/** Alert names: CamelCase, as Berth's and kube-prometheus-stack's own. */
const ALERT_NAME = /^[A-Z][A-Za-z0-9]{0,99}$/;
const SEVERITIES = ['warning', 'critical'] as const;

/**
 * An add-on written as a third party would (docs/addons.md), with Berth's public contract only: the
 * platform operators' own Prometheus alerting rules.
 *
 *     addons:
 *       customAlerts:
 *         enabled: true
 *         rules:
 *           - alert: QueueBacklog
 *             expr: sum(queue_depth) > 1000
 *             for: 10m
 *             severity: warning
 *             summary: The work queue is backing up
 *
 * Registered with `PLATFORM_ADDONS.with(CUSTOM_ALERTS_ADDON)` (test/examples/addons/custom-alerts/).
 */
export const CUSTOM_ALERTS_ADDON: AddonDefinition<CustomAlertsSettings, CustomAlerts> = {
  name: 'customAlerts',
  id: 'custom-alerts',
  requires: [
    { addon: MONITORING_ADDON, why: 'Prometheus evaluates the rules and Alertmanager sends the alerts' },
  ],
  config: {
    fields: ['rules'],
    enabledByDefault: false,
    resolve: (read, raw, { path }) => ({ rules: alertingRules(read, `${path}.rules`, raw.rules) }),
  },
  install: (scope, { id, settings }) =>
    new CustomAlerts(scope, id, { addonName: CUSTOM_ALERTS_ADDON.name, rules: settings.rules }),
};

/** Reads `rules`: every problem under its path, the valid rules kept. */
function alertingRules(read: FieldReader, path: string, value: unknown): AlertingRule[] {
  const list = read.array(path, value) ?? [];
  const rules: AlertingRule[] = [];
  list.forEach((item, i) => {
    const at = `${path}[${i}]`;
    const raw = read.object(at, item, ['alert', 'expr', 'for', 'severity', 'summary']) ?? {};
    const alert = read.string(`${at}.alert`, raw.alert, undefined, {
      pattern: ALERT_NAME,
      allowed: 'a CamelCase alert name such as "QueueBacklog"',
    });
    const expr = read.string(`${at}.expr`, raw.expr, undefined, {
      allowed: 'a PromQL expression, e.g. "sum(queue_depth) > 1000"',
      maxLength: 4096,
    });
    const holdFor = read.parsed(
      `${at}.for`,
      raw.for,
      '5m',
      TimeSpan.tryParse,
      'a duration such as "5m" or "1h" (units s, m, h, d, w)',
    );
    const severity = read.string(`${at}.severity`, raw.severity, 'warning');
    if (!(SEVERITIES as readonly string[]).includes(severity)) {
      read.problems.add(
        `${at}.severity`,
        severity,
        `must be one of ${SEVERITIES.map((s) => `"${s}"`).join(', ')}`,
      );
    }
    const summary = read.string(`${at}.summary`, raw.summary, undefined, {
      allowed: 'one line for the alert, e.g. "The work queue is backing up"',
      maxLength: 500,
    });
    for (const [field, given] of [
      ['alert', raw.alert],
      ['expr', raw.expr],
      ['summary', raw.summary],
    ] as const) {
      if (given === undefined || given === null) read.problems.add(`${at}.${field}`, given, 'is required');
    }
    if (alert && expr && summary && (SEVERITIES as readonly string[]).includes(severity)) {
      rules.push({
        alert,
        expr,
        for: holdFor.toString(),
        labels: { severity: severity as (typeof SEVERITIES)[number] },
        annotations: { summary, description: summary },
      });
    }
  });
  read.unique(
    path,
    list.map((item) => (item as { alert?: unknown } | null)?.alert as string | undefined),
    'Alert',
  );
  return rules;
}
