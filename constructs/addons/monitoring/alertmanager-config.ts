import { AlertReceiver, SmtpRelay } from './monitoring-section';

/** Alertmanager's configuration file, the fields Berth sets. */
export interface AlertmanagerConfig {
  readonly global: {
    readonly resolve_timeout: string;
    readonly smtp_smarthost?: string;
    readonly smtp_from?: string;
    readonly smtp_require_tls?: boolean;
  };
  readonly route: {
    readonly receiver: string;
    readonly group_by: readonly string[];
    readonly group_wait: string;
    readonly group_interval: string;
    readonly repeat_interval: string;
    readonly routes: readonly {
      readonly matchers: readonly string[];
      readonly receiver: string;
      /** Keep matching later routes, so that an alert reaches every receiver. */
      readonly continue?: boolean;
    }[];
  };
  readonly receivers: readonly {
    readonly name: string;
    readonly webhook_configs?: readonly { readonly url: string; readonly send_resolved: boolean }[];
    readonly email_configs?: readonly { readonly to: string; readonly send_resolved: boolean }[];
  }[];
}

/**
 * Every alert goes to every configured receiver, each under its own name (Watchdog, the always-firing
 * heartbeat, goes to nobody). Without receivers alerts stay in Alertmanager and Grafana.
 */
export function alertmanagerConfig(
  receivers: readonly AlertReceiver[],
  smtp: SmtpRelay | undefined,
): AlertmanagerConfig {
  return {
    global: {
      resolve_timeout: '5m',
      ...(smtp
        ? { smtp_smarthost: smtp.smarthost, smtp_from: smtp.from, smtp_require_tls: smtp.requireTls }
        : {}),
    },
    route: {
      receiver: 'null',
      group_by: ['alertname', 'namespace'],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '12h',
      routes: [
        { matchers: ['alertname = "Watchdog"'], receiver: 'null' },
        ...receivers.map((r) => ({ matchers: [], receiver: r.name, continue: true })),
      ],
    },
    receivers: [
      { name: 'null' },
      ...receivers.map((r) => ({
        name: r.name,
        ...(r.webhookUrl ? { webhook_configs: [{ url: r.webhookUrl, send_resolved: true }] } : {}),
        ...(r.email ? { email_configs: [{ to: r.email, send_resolved: true }] } : {}),
      })),
    ],
  };
}
