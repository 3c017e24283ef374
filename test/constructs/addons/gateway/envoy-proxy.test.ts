import { Testing } from 'cdktf';
import {
  EnvoyProxy,
  GatewayClass,
  KubernetesObject,
  SharedGateway,
  DEFAULT_GATEWAY_PROXY_RESOURCES,
} from '../../../../constructs/addons';

/** The shared Gateway's objects, to find Berth's EnvoyProxy among them. */
function objectsOfGateway() {
  let gateway: SharedGateway | undefined;
  Testing.synthScope((scope) => {
    gateway = new SharedGateway(scope, 'gateway', {
      domain: 'main.example.com',
      environmentNames: ['dev', 'prod'],
      ingressAddress: '203.0.113.20',
      nodePorts: { http: 30080, https: 30443, adminHttps: 30843 },
      replicas: 2,
      proxyResources: DEFAULT_GATEWAY_PROXY_RESOURCES,
      acmeHttp01: false,
    });
  });
  const objects = JSON.parse(JSON.stringify(gateway!.objects)) as KubernetesObject[];
  const find = <T extends KubernetesObject>(kind: string) => objects.find((o) => o.kind === kind) as T;
  return { find };
}

describe('envoyProxy', () => {
  test('the proxies are a NodePort Service on the ingress load balancer ports, spread over minions', () => {
    const { find } = objectsOfGateway();
    const proxy = find<EnvoyProxy>('EnvoyProxy');
    const k = proxy.spec.provider.kubernetes;
    expect(k.envoyService.type).toBe('NodePort');
    expect(k.envoyService.patch.value.spec.ports).toEqual([
      { port: 80, nodePort: 30080 },
      { port: 443, nodePort: 30443 },
      { port: 8443, nodePort: 30843 },
    ]);
    // No second hop through another node: the proxies see the load balancer, not a node's pod address.
    expect(k.envoyService.externalTrafficPolicy).toBe('Local');
    expect(k.envoyDeployment.replicas).toBe(2);
    expect(k.envoyDeployment.container.resources.requests).toEqual({ cpu: '100m', memory: '128Mi' });
    expect(k.envoyDeployment.pod.topologySpreadConstraints[0].topologyKey).toBe('kubernetes.io/hostname');
    const gc = find<GatewayClass>('GatewayClass');
    expect(gc.spec.parametersRef).toEqual(
      expect.objectContaining({ kind: 'EnvoyProxy', name: proxy.metadata.name }),
    );
  });
});
