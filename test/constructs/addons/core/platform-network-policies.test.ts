import { App, Testing } from 'cdktf';
import { k8s } from 'cdk8s-plus-33';
import { AddonName, Cidr, PlatformNamespace, StateBackendKind } from '../../../../config';
import { resolvePlatform } from '../../../support/berth-platform';
import {
  DEFAULT_DENY_POLICY,
  KubernetesObject,
  OPEN_EGRESS,
  PeerKind,
  PlatformFlow,
  flowPolicyName,
  platformNetworkPolicies,
} from '../../../../constructs/addons';
import { PortRange } from '../../../../constructs/cluster/cluster-ports';
import { PlatformStack } from '../../../../stacks/platform-stack';
import { ENDPOINTS } from '../../../support/cluster-endpoints';
import { schemaErrors } from '../../../support/kubernetes-schema';

type Policy = KubernetesObject & { spec: k8s.NetworkPolicySpec };

/** A port as written in the manifest (a number; cdk8s resolves IntOrString). */
const portOf = (p: k8s.NetworkPolicyPort) => p.port as unknown as number;

function stack(addons: object = {}) {
  const platform = resolvePlatform({ clusters: [{ name: 'main', addons }] });
  return new PlatformStack(Testing.app() as App, 'main-platform', {
    platformName: platform.name,
    cluster: platform.clusters[0],
    endpoints: ENDPOINTS,
    state: { kind: StateBackendKind.LOCAL },
  });
}

const policiesOf = (s: PlatformStack) => s.networkPolicies.policies as Policy[];

/** One line per rule: `<ns> <policy> <pods> <- | -> <peers> <ports>`, readable in a diff. */
function rules(policies: readonly Policy[]): string[] {
  const labels = (s?: k8s.LabelSelector) =>
    s?.matchLabels
      ? Object.entries(s.matchLabels)
          .map(([k, v]) => `${k.replace(/^.*\//, '')}=${v}`)
          .join(',')
      : '*';
  const peer = (p: k8s.NetworkPolicyPeer) =>
    p.ipBlock
      ? `${p.ipBlock.cidr}${p.ipBlock.except ? `-(${p.ipBlock.except.join(',')})` : ''}`
      : `${labels(p.namespaceSelector)}/${labels(p.podSelector)}`;
  const ports = (ps?: k8s.NetworkPolicyPort[]) =>
    ps ? ps.map((p) => `${p.protocol!.toLowerCase()}/${portOf(p)}`).join(',') : 'all';
  return policies.flatMap((p) => {
    const head = `${p.metadata.namespace} ${p.metadata.name} ${labels(p.spec.podSelector)}`;
    if (p.metadata.name === DEFAULT_DENY_POLICY) return [`${head} deny ${p.spec.policyTypes!.join('+')}`];
    return [
      ...(p.spec.ingress ?? []).map(
        (r) => `${head} <- ${r.from ? r.from.map(peer).join(' ') : 'any'} ${ports(r.ports)}`,
      ),
      ...(p.spec.egress ?? []).map(
        (r) => `${head} -> ${r.to ? r.to.map(peer).join(' ') : 'any'} ${ports(r.ports)}`,
      ),
    ];
  });
}

describe('PlatformNetworkPolicies', () => {
  test('every platform namespace is isolated: one default deny, egress too unless it is recorded as open', () => {
    const policies = policiesOf(stack());
    for (const namespace of Object.values(PlatformNamespace)) {
      const denies = policies.filter(
        (p) => p.metadata.namespace === namespace && p.metadata.name === DEFAULT_DENY_POLICY,
      );
      expect([namespace, denies.length]).toEqual([namespace, 1]);
      expect(denies[0].spec.podSelector).toEqual({});
      expect(denies[0].spec.policyTypes).toEqual(
        OPEN_EGRESS[namespace] === undefined ? ['Ingress', 'Egress'] : ['Ingress'],
      );
    }
    expect(Object.keys(OPEN_EGRESS).sort()).toEqual([
      PlatformNamespace.KUBE_SYSTEM,
      PlatformNamespace.MONITORING,
    ]);
  });

  test('the allows are exactly the derived flows of the default platform', () => {
    expect(rules(policiesOf(stack())).filter((r) => !r.includes(' deny '))).toEqual([
      'kube-system allow-in-dns k8s-app=kube-dns <- any udp/53,tcp/53',
      ...[
        'kube-flannel',
        'cert-manager',
        'envoy-gateway-system',
        'gateway',
        'registry',
        'monitoring-agents',
        'console',
        'logging',
        'logging-agents',
      ].map(
        (ns) => `${ns} allow-out-dns-${ns} * -> metadata.name=kube-system/k8s-app=kube-dns udp/53,tcp/53`,
      ),
      'kube-system allow-in-metrics-server name=metrics-server <- any tcp/10250',
      'cert-manager allow-in-cert-manager-webhook * <- any tcp/10250',
      'cert-manager allow-out-cert-manager-api * -> 10.0.0.0/24 tcp/6443',
      'envoy-gateway-system allow-in-gateway-public owning-gateway-name=apps <- any tcp/10080,tcp/10443',
      'envoy-gateway-system allow-in-gateway-management-lb owning-gateway-name=apps <- 10.0.0.0/24 tcp/8443',
      'envoy-gateway-system allow-in-gateway-management-admins owning-gateway-name=apps <- 10.20.0.0/16 tcp/8443',
      'envoy-gateway-system allow-in-gateway-xds control-plane=envoy-gateway <- metadata.name=envoy-gateway-system/owning-gateway-name=apps tcp/18000',
      'envoy-gateway-system allow-out-gateway-xds owning-gateway-name=apps -> metadata.name=envoy-gateway-system/control-plane=envoy-gateway tcp/18000',
      'envoy-gateway-system allow-in-gateway-webhook control-plane=envoy-gateway <- any tcp/9443',
      'envoy-gateway-system allow-out-gateway-backends owning-gateway-name=apps -> */* all',
      'envoy-gateway-system allow-out-envoy-gateway-api * -> 10.0.0.0/24 tcp/6443',
      'registry allow-in-registry-from-gateway name=registry,part-of=berth,component=server <- metadata.name=envoy-gateway-system/owning-gateway-name=apps tcp/5000',
      'envoy-gateway-system allow-out-registry-from-gateway owning-gateway-name=apps -> metadata.name=registry/name=registry,part-of=berth,component=server tcp/5000',
      'registry allow-in-registry-token-from-gateway name=registry,part-of=berth,component=token-server <- metadata.name=envoy-gateway-system/owning-gateway-name=apps tcp/5001',
      'envoy-gateway-system allow-out-registry-token-from-gateway owning-gateway-name=apps -> metadata.name=registry/name=registry,part-of=berth,component=token-server tcp/5001',
      'monitoring allow-in-monitoring-internal * <- metadata.name=monitoring/* all',
      'monitoring allow-in-monitoring-webhook * <- any tcp/10250',
      'monitoring-agents allow-in-node-problem-detector-metrics name=node-problem-detector <- metadata.name=monitoring/name=prometheus tcp/20257',
      'monitoring-agents allow-out-node-problem-detector-api name=node-problem-detector -> 10.0.0.0/24 tcp/6443',
      'kube-system allow-in-coredns-metrics k8s-app=kube-dns <- metadata.name=monitoring/name=prometheus tcp/9153',
      'monitoring allow-in-grafana-from-gateway name=grafana <- metadata.name=envoy-gateway-system/owning-gateway-name=apps tcp/3000',
      'envoy-gateway-system allow-out-grafana-from-gateway owning-gateway-name=apps -> metadata.name=monitoring/name=grafana tcp/3000',
      'envoy-gateway-system allow-in-envoy-metrics owning-gateway-name=apps <- metadata.name=monitoring/name=prometheus tcp/19001',
      'logging allow-in-loki-from-grafana name=loki <- metadata.name=monitoring/name=grafana tcp/3100',
      'console allow-in-console-from-gateway name=headlamp <- metadata.name=envoy-gateway-system/owning-gateway-name=apps tcp/4466',
      'envoy-gateway-system allow-out-console-from-gateway owning-gateway-name=apps -> metadata.name=console/name=headlamp tcp/4466',
      'console allow-out-console-api name=headlamp -> 10.0.0.0/24 tcp/6443',
      'logging allow-in-loki-from-fluent-bit name=loki <- metadata.name=logging-agents/name=fluent-bit tcp/3100',
      'logging-agents allow-out-loki-from-fluent-bit name=fluent-bit -> metadata.name=logging/name=loki tcp/3100',
      'logging allow-in-loki-internal name=loki <- metadata.name=logging/name=loki all',
      'logging allow-out-loki-internal name=loki -> metadata.name=logging/name=loki all',
      'logging-agents allow-out-fluent-bit-api name=fluent-bit -> 10.0.0.0/24 tcp/6443',
    ]);
  });

  test('each policy comes from one flow of the catalogue, and each flow yields at least one policy', () => {
    const s = stack();
    const allows = policiesOf(s).filter((p) => p.metadata.name !== DEFAULT_DENY_POLICY);
    const keys = allows.map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
    expect(new Set(keys).size).toBe(keys.length);
    const flowIds = s.networkPolicies.flows.map((f) => f.id);
    expect(new Set(flowIds).size).toBe(flowIds.length);
    const policyIds = allows.map((p) => p.metadata.name.replace(/^allow-(in|out)-/, ''));
    expect([...new Set(policyIds)].sort()).toEqual([...flowIds].sort());
    for (const p of allows) {
      const flow = s.networkPolicies.flows.find(
        (f) => f.id === p.metadata.name.replace(/^allow-(in|out)-/, ''),
      )!;
      expect(p.metadata.annotations?.['berth.dev/purpose']).toBe(flow.purpose);
    }
  });

  test('Loki is reachable only by Fluent Bit and Grafana, on its HTTP port', () => {
    const loki = policiesOf(stack()).filter(
      (p) =>
        p.metadata.namespace === PlatformNamespace.LOGGING &&
        p.spec.podSelector.matchLabels?.['app.kubernetes.io/name'] === 'loki' &&
        p.spec.ingress,
    );
    const sources = loki.flatMap((p) =>
      p.spec.ingress!.map((r) => [
        r.from!.map(
          (f) =>
            `${f.namespaceSelector!.matchLabels!['kubernetes.io/metadata.name']}/${f.podSelector!.matchLabels!['app.kubernetes.io/name']}`,
        ),
        r.ports?.map((x) => portOf(x)) ?? 'all',
      ]),
    );
    expect(sources.sort()).toEqual([
      [['logging-agents/fluent-bit'], [3100]],
      [['logging/loki'], 'all'],
      [['monitoring/grafana'], [3100]],
    ]);
  });

  test('no pod can reach the management listener: its port admits the node subnet and admin networks only', () => {
    const platform = resolvePlatform({ clusters: [{ name: 'main' }] });
    const podCidr = platform.clusters[0].podCidr;
    const envoy = policiesOf(stack()).filter(
      (p) => p.metadata.namespace === PlatformNamespace.ENVOY_GATEWAY && p.spec.ingress,
    );
    const admitting8443 = envoy.flatMap((p) =>
      p.spec.ingress!.filter((r) => !r.ports || r.ports.some((x) => portOf(x) === 8443)),
    );
    expect(admitting8443.length).toBe(2);
    for (const rule of admitting8443) {
      for (const peer of rule.from!) {
        expect(peer.namespaceSelector).toBeUndefined();
        const block = Cidr.of(peer.ipBlock!.cidr);
        // Either disjoint from the pod network, or with the pod network cut out.
        if (block.overlaps(podCidr)) expect(peer.ipBlock!.except).toContain(podCidr.toString());
      }
    }
  });

  test('admin networks: the pod network is cut out of a range that holds it, a range inside it is dropped', () => {
    const flows: PlatformFlow[] = [
      {
        id: 'admins',
        from: { kind: PeerKind.ADMIN_NETWORKS },
        to: { kind: PeerKind.PODS, namespace: PlatformNamespace.CONSOLE, name: 'c' },
        ports: [PortRange.tcp(8443)],
        purpose: 'test',
      },
      {
        id: 'out',
        from: { kind: PeerKind.PODS, namespace: PlatformNamespace.CERT_MANAGER, name: 'cm' },
        to: { kind: PeerKind.OUTSIDE },
        ports: [PortRange.tcp(443)],
        purpose: 'test',
      },
    ];
    const policies = platformNetworkPolicies({
      namespaces: [PlatformNamespace.CONSOLE, PlatformNamespace.CERT_MANAGER],
      flows,
      nodeCidr: Cidr.of('10.0.0.0/24'),
      podCidr: Cidr.of('10.244.0.0/16'),
      adminCidrs: [Cidr.of('10.0.0.0/8'), Cidr.of('10.244.7.0/24'), Cidr.of('192.168.0.0/16')],
    }) as Policy[];
    expect(rules(policies).filter((r) => !r.includes(' deny '))).toEqual([
      'console allow-in-admins * <- 10.0.0.0/8-(10.244.0.0/16) 192.168.0.0/16 tcp/8443',
      // Outside: not the pod network, not the node subnet, not link-local (the metadata service).
      'cert-manager allow-out-out * -> 0.0.0.0/0-(10.244.0.0/16,10.0.0.0/24,169.254.0.0/16) tcp/443',
    ]);
    expect(flowPolicyName(flows[0], 'in')).toBe('allow-in-admins');
  });

  test('ACME lets cert-manager reach the outside on 80 and 443, never the metadata service', () => {
    const acme = rules(policiesOf(stack({ certManager: { acme: { email: 'ops@example.com' } } })));
    expect(acme.filter((r) => r.includes('cert-manager-acme'))).toEqual([
      'cert-manager allow-out-cert-manager-acme * -> 0.0.0.0/0-(10.244.0.0/16,10.0.0.0/24,169.254.0.0/16) tcp/80,tcp/443',
    ]);
    expect(rules(policiesOf(stack())).some((r) => r.includes('cert-manager-acme'))).toBe(false);
  });

  test('a disabled add-on leaves no policy behind, in its namespace or for the flows that need it', () => {
    const without = rules(policiesOf(stack({ [AddonName.LOGGING]: { enabled: false } })));
    expect(without.filter((r) => r.startsWith('logging ') || r.includes('loki'))).toEqual([]);
    const noGateway = rules(
      policiesOf(
        stack({
          [AddonName.GATEWAY]: { enabled: false },
          [AddonName.REGISTRY]: { enabled: false },
          [AddonName.CONSOLE]: { enabled: false },
        }),
      ),
    );
    expect(noGateway.filter((r) => r.includes('envoy') || r.includes('gateway'))).toEqual([]);
  });

  test('every policy is a valid NetworkPolicy; the platform-objects stack applies them, after every namespace', () => {
    const s = stack();
    for (const p of policiesOf(s)) expect(schemaErrors(p as unknown as Record<string, unknown>)).toEqual([]);
    // No release carries them: they are objects of the next stack, planned once the namespaces exist.
    expect(Testing.synth(s)).not.toMatch(/platform-network-policies/);
  });
});
