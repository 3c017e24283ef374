import { alertmanagerConfig } from '../../../../constructs/addons';

describe('alertmanagerConfig', () => {
  test('Alertmanager sends every alert to every receiver, by name; Watchdog to nobody', () => {
    const config = alertmanagerConfig(
      [
        { name: 'ops', webhookUrl: 'https://hooks.example.com/a' },
        { name: 'oncall', email: 'oncall@example.com' },
      ],
      { smarthost: 'smtp.example.com:587', from: 'alerts@example.com', requireTls: true },
    );
    expect(config.global).toEqual({
      resolve_timeout: '5m',
      smtp_smarthost: 'smtp.example.com:587',
      smtp_from: 'alerts@example.com',
      smtp_require_tls: true,
    });
    expect(config.route.routes).toEqual([
      { matchers: ['alertname = "Watchdog"'], receiver: 'null' },
      { matchers: [], receiver: 'ops', continue: true },
      { matchers: [], receiver: 'oncall', continue: true },
    ]);
    expect(config.receivers).toEqual([
      { name: 'null' },
      { name: 'ops', webhook_configs: [{ url: 'https://hooks.example.com/a', send_resolved: true }] },
      { name: 'oncall', email_configs: [{ to: 'oncall@example.com', send_resolved: true }] },
    ]);
    expect(alertmanagerConfig([], undefined).receivers).toEqual([{ name: 'null' }]);
  });
});
