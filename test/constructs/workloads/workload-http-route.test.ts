import { Testing } from 'cdk8s';
import { WorkloadHttpRoute } from '../../../constructs/workloads/workload-http-route';
import { schemaErrors } from '../../support/kubernetes-schema';
import { testChart } from '../../support/environments';

describe('WorkloadHttpRoute', () => {
  test('is a Gateway API v1 HTTPRoute with the given name and spec', () => {
    const chart = testChart();
    new WorkloadHttpRoute(chart, 'route', {
      metadata: { name: 'shop', namespace: 'dev' },
      spec: {
        parentRefs: [{ name: 'apps', namespace: 'gateway', sectionName: 'https' }],
        hostnames: ['shop.example.com'],
        rules: [{ backendRefs: [{ name: 'shop', port: 80 }] }],
      },
    });
    const [route] = Testing.synth(chart);
    expect(route).toMatchObject({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'shop' },
    });
    expect(schemaErrors(route)).toEqual([]);
  });

  test('the shape check catches what the CRD would reject', () => {
    expect(
      schemaErrors({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: 'r', namespace: 'dev' },
        spec: {
          parentRefs: [{ name: 'apps' }],
          hostnames: ['Bad_Host'],
          rules: [{ backendRefs: [{ name: 's', port: '80' }] }],
          extra: 1,
        },
      }),
    ).toEqual([
      'HTTPRoute/r.spec.hostnames[0] must be a host name',
      'HTTPRoute/r.spec.rules[0].backendRefs[0].port must be an integer',
      'HTTPRoute/r.spec.extra is not a field of this resource',
    ]);
  });
});
