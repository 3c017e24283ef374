import { Testing } from 'cdktf';
import * as YAML from 'yaml';
import {
  Certificate,
  EnvoyGatewayChartValues,
  Gateway,
  HttpRouteManifest,
  KubernetesObject,
  SharedGateway,
  DEFAULT_GATEWAY_PROXY_RESOURCES,
} from '../../../../constructs/addons';

function build(acmeHttp01 = false) {
  let gateway: SharedGateway | undefined;
  const json = JSON.parse(
    Testing.synthScope((scope) => {
      gateway = new SharedGateway(scope, 'gateway', {
        domain: 'main.example.com',
        environmentNames: ['dev', 'prod'],
        ingressAddress: '203.0.113.20',
        nodePorts: { http: 30080, https: 30443, adminHttps: 30843 },
        replicas: 2,
        proxyResources: DEFAULT_GATEWAY_PROXY_RESOURCES,
        acmeHttp01,
      });
    }),
  );
  const releases = Object.values(json.resource.helm_release) as {
    name: string;
    values: string[];
    repository: string;
  }[];
  const objects = JSON.parse(JSON.stringify(gateway!.objects)) as KubernetesObject[];
  const find = <T extends KubernetesObject>(kind: string) => objects.find((o) => o.kind === kind) as T;
  return { gateway: gateway!, releases, objects, find };
}

describe('SharedGateway', () => {
  test('Envoy Gateway from its OCI chart, not the retired NGINX ingress controller', () => {
    const { releases } = build();
    const controller = releases.find((r) => r.name === 'envoy-gateway')!;
    expect(controller.repository).toBe('oci://docker.io/envoyproxy');
    const values = YAML.parse(controller.values[0]) as EnvoyGatewayChartValues;
    expect(values.deployment.envoyGateway.resources.limits.memory).toBe('256Mi');
  });

  test('one shared Gateway: HTTPS for *.apps.<domain> on the ingress address, HTTP only redirects', () => {
    const { find, objects } = build();
    const gw = find<Gateway>('Gateway');
    expect(gw.metadata).toEqual({ name: 'apps', namespace: 'gateway' });
    expect(gw.spec.gatewayClassName).toBe('envoy');
    expect(gw.spec.addresses).toEqual([{ type: 'IPAddress', value: '203.0.113.20' }]);
    const [http, https] = gw.spec.listeners;
    expect(https).toEqual(
      expect.objectContaining({
        name: 'https',
        protocol: 'HTTPS',
        port: 443,
        hostname: '*.apps.main.example.com',
      }),
    );
    expect(https.tls!.certificateRefs).toEqual([{ kind: 'Secret', name: 'apps-wildcard-tls' }]);
    expect(https.allowedRoutes.namespaces.from).toBe('All');
    expect(http).toEqual(expect.objectContaining({ name: 'http', protocol: 'HTTP', port: 80 }));
    expect(http.allowedRoutes.namespaces.from).toBe('Same');
    const redirect = objects.find((o) => o.kind === 'HTTPRoute') as HttpRouteManifest;
    expect(redirect.spec.parentRefs[0].sectionName).toBe('http');
    expect(redirect.spec.rules).toEqual([
      { filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] },
    ]);
  });

  test('a management listener on 8443 that only platform namespaces can attach routes to', () => {
    const listeners = build().find<Gateway>('Gateway').spec.listeners;
    expect(listeners.map((l) => [l.name, l.port])).toEqual([
      ['http', 80],
      ['https', 443],
      ['admin', 8443],
    ]);
    const admin = listeners[2];
    expect(admin.protocol).toBe('HTTPS');
    expect(admin.tls!.certificateRefs).toEqual([{ kind: 'Secret', name: 'apps-wildcard-tls' }]);
    expect(admin.allowedRoutes.namespaces).toEqual({
      from: 'Selector',
      selector: { matchLabels: { 'berth.dev/platform': 'true' } },
    });
  });

  test('ACME HTTP-01 lets challenge routes from other namespaces attach to the HTTP listener', () => {
    expect(build(true).find<Gateway>('Gateway').spec.listeners[0].allowedRoutes.namespaces.from).toBe('All');
  });

  test('the wildcard certificate covers the apps domain and each environment under it', () => {
    const cert = build().find<Certificate>('Certificate');
    expect(cert.spec.dnsNames).toEqual([
      '*.apps.main.example.com',
      '*.dev.apps.main.example.com',
      '*.prod.apps.main.example.com',
    ]);
    expect(cert.spec.issuerRef.name).toBe('berth-ca');
    expect(cert.spec.secretName).toBe('apps-wildcard-tls');
  });

  test('footprint counts each proxy replica', () => {
    const proxies = build().gateway.footprint.workloads.find((w) => w.name === 'envoy-gateway-apps')!;
    expect(proxies.replicas).toBe(2);
    expect(proxies.containers.map((c) => c.name)).toEqual(['envoy', 'shutdown-manager']);
  });
});
