import { selectorLabels, workloadLabels } from '../../../constructs/core/workload-labels';

describe('workload labels', () => {
  test('select by name and component only, so selectors never change', () => {
    expect(selectorLabels('shop', 'web')).toEqual({
      'app.kubernetes.io/name': 'shop',
      'app.kubernetes.io/component': 'web',
    });
  });

  test('mark objects as managed by Berth, in their environment', () => {
    expect(workloadLabels('shop', 'web', 'dev')).toEqual({
      'app.kubernetes.io/name': 'shop',
      'app.kubernetes.io/component': 'web',
      'app.kubernetes.io/managed-by': 'berth',
      'berth.dev/environment': 'dev',
    });
  });
});
