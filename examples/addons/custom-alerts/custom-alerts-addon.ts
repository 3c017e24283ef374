import {
  AddonSectionContext,
  AddonSettings,
  TimeSpan,
  addonConfig,
  addonSchema,
  list,
  oneOf,
  parsed,
  section,
  text,
  withDefault,
  z,
} from '../../../config';
import { AddonDefinition, AlertingRule, MONITORING_ADDON } from '../../../constructs/addons';
import { CustomAlerts } from './custom-alerts';

/** `addons.customAlerts`, resolved. */
export interface CustomAlertsSettings extends AddonSettings {
  readonly rules: readonly AlertingRule[];
}

/** Alert names: CamelCase, as Berth's and kube-prometheus-stack's own. */
const ALERT_NAME = /^[A-Z][A-Za-z0-9]{0,99}$/;

/** `addons.customAlerts`: its fields, messages, defaults and descriptions, from config's builders. */
export const CUSTOM_ALERTS_SCHEMA = addonSchema(
  {
    doc: "The platform operators' own Prometheus alerting rules, next to Berth's.",
    enabled: 'Load the rules (off unless turned on).',
    enabledByDefault: false,
  },
  {
    rules: withDefault(
      list(
        section(
          {
            alert: text({
              pattern: ALERT_NAME,
              allowed: 'a CamelCase alert name such as "QueueBacklog"',
              required: 'a CamelCase alert name such as "QueueBacklog"',
              doc: 'Alert name, CamelCase, unique.',
            }),
            expr: text({
              allowed: 'a PromQL expression, e.g. "sum(queue_depth) > 1000"',
              maxLength: 4096,
              required: 'a PromQL expression, e.g. "sum(queue_depth) > 1000"',
              doc: 'PromQL expression; every series it returns is an alert.',
            }),
            for: withDefault(
              parsed(TimeSpan.tryParse, 'a duration such as "5m" or "1h" (units s, m, h, d, w)', {
                doc: 'How long the expression must hold before the alert fires.',
              }),
              '5m',
            ),
            severity: withDefault(oneOf(['warning', 'critical'], undefined, 'Severity label.'), 'warning'),
            summary: text({
              allowed: 'one line for the alert, e.g. "The work queue is backing up"',
              maxLength: 500,
              required: 'one line for the alert, e.g. "The work queue is backing up"',
              doc: 'One line for the alert (its summary and description).',
            }),
          },
          'A Prometheus alerting rule.',
        ),
        undefined,
        'The alerting rules.',
      ),
      [],
    ),
  },
);

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
  config: addonConfig(CUSTOM_ALERTS_SCHEMA, alertingRules),
  install: (scope, { id, settings }) =>
    new CustomAlerts(scope, id, { addonName: CUSTOM_ALERTS_ADDON.name, rules: settings.rules }),
};

/** The rules as Prometheus takes them; alert names must be unique. */
function alertingRules(
  { rules }: z.output<typeof CUSTOM_ALERTS_SCHEMA>,
  { path, problems }: AddonSectionContext,
): Omit<CustomAlertsSettings, 'enabled'> {
  rules.forEach((rule, i) => {
    const first = rules.findIndex((other) => other.alert === rule.alert);
    if (first < i) {
      problems.add(
        `${path}.rules[${i}].alert`,
        rule.alert,
        `Alert names must be unique; ${path}.rules[${first}] has it already`,
      );
    }
  });
  return {
    rules: rules.map((rule) => ({
      alert: rule.alert,
      expr: rule.expr,
      for: TimeSpan.tryParse(rule.for)!.toString(),
      labels: { severity: rule.severity },
      annotations: { summary: rule.summary, description: rule.summary },
    })),
  };
}
