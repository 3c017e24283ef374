import { SHARED_HTTPS_PARENT, sharedGatewayRoute } from '../../../../constructs/addons';

describe('sharedGatewayRoute', () => {
  test("serves one host name on the shared Gateway's HTTPS listener", () => {
    expect(
      sharedGatewayRoute({
        name: 'web',
        namespace: 'dev',
        hostname: 'web.dev.apps.example.com',
        service: 'web',
        port: 8080,
      }),
    ).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'web', namespace: 'dev' },
      spec: {
        parentRefs: [
          {
            group: 'gateway.networking.k8s.io',
            kind: 'Gateway',
            name: 'apps',
            namespace: 'gateway',
            sectionName: 'https',
          },
        ],
        hostnames: ['web.dev.apps.example.com'],
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: '/' } }],
            backendRefs: [{ name: 'web', port: 8080 }],
            timeouts: { request: '60s' },
          },
        ],
      },
    });
    expect(SHARED_HTTPS_PARENT.sectionName).toBe('https');
  });

  test('takes a request timeout', () => {
    const route = sharedGatewayRoute({
      name: 'r',
      namespace: 'n',
      hostname: 'h',
      service: 's',
      port: 1,
      requestTimeout: '5m',
    });
    expect(route.spec.rules[0].timeouts).toEqual({ request: '5m' });
  });
});
