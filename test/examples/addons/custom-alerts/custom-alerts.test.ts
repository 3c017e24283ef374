import { Testing } from 'cdktf';
import { CUSTOM_ALERTS_RULE, CustomAlerts } from '../../../../examples/addons/custom-alerts';

describe('CustomAlerts', () => {
  test('one PrometheusRule in the monitoring namespace, no release, no pod', () => {
    let addon: CustomAlerts | undefined;
    Testing.synthScope((scope) => {
      addon = new CustomAlerts(scope, 'custom-alerts', {
        addonName: 'customAlerts',
        rules: [
          {
            alert: 'Down',
            expr: 'up == 0',
            for: '5m',
            labels: { severity: 'warning' },
            annotations: { summary: 's', description: 's' },
          },
        ],
      });
    });
    expect(addon!.objects).toEqual([addon!.rule]);
    expect(addon!.rule.metadata).toEqual(
      expect.objectContaining({ name: CUSTOM_ALERTS_RULE, namespace: 'monitoring' }),
    );
    expect(addon!.rule.spec.groups[0].rules).toEqual([
      expect.objectContaining({ alert: 'Down', expr: 'up == 0' }),
    ]);
    expect(addon!.releases).toEqual([]);
    expect(addon!.footprint).toEqual({ addon: 'customAlerts', workloads: [] });
  });
});
