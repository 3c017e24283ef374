import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { ConfigMapV1Data } from '@cdktf/provider-kubernetes/lib/config-map-v1-data';
import { AddonName, TimeSpan } from '../../../config';
import { PlatformAddon } from '../core/addon';
import { AddonFootprint, WorkloadKind, scheduled } from '../core/footprint';
import { KubernetesObject } from '../core/kubernetes-object';
import { HelmAddonRelease } from '../core/helm-chart';
import { PlatformNamespace } from '../../../config/platform-names';
import { fixedResources } from '../core/resources';

/** kubeadm's CoreDNS: ConfigMap and Deployment `coredns` in kube-system, 2 replicas. */
export const COREDNS_NAME = 'coredns';

/** What kubeadm gives each CoreDNS container: 100m/70Mi requested, a 170Mi memory limit, no CPU limit. */
const KUBEADM_COREDNS = fixedResources('100m', '70Mi', '100m', '170Mi');

export interface CoreDnsProps {
  /** Resolvers for names outside the cluster; empty: the node's own, from its `/etc/resolv.conf`. */
  readonly upstreamServers: readonly string[];
  /** Zones forwarded to their own servers (enterprise DNS). */
  readonly stubDomains: Readonly<Record<string, readonly string[]>>;
  /** How long answers are cached. */
  readonly cacheTtl: TimeSpan;
  /** What must exist first. @default nothing */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * Cluster DNS and service discovery: Berth owns the Corefile of the CoreDNS that kubeadm installs.
 *
 * Why not a CoreDNS chart: kubeadm installs CoreDNS with the image matching its Kubernetes release, owns
 * the `kube-dns` Service whose ClusterIP every kubelet uses, and migrates both on `kubeadm upgrade`. A
 * second CoreDNS from a chart would fight kubeadm for that Service on every upgrade. Managing only the
 * Corefile (server-side apply of that one key, which CoreDNS's `reload` plugin picks up within seconds)
 * keeps kubeadm's upgrade path and makes forwarders and stub domains configuration. CoreDNS's resources
 * stay kubeadm's (listed in the footprint).
 */
export class CoreDns extends Construct implements PlatformAddon {
  public readonly addonName = AddonName.CORE_DNS;
  public readonly footprint: AddonFootprint;
  public readonly releases: readonly HelmAddonRelease<object>[] = [];
  public readonly objects: readonly KubernetesObject[] = [];
  public readonly ready: readonly ITerraformDependable[];
  public readonly corefile: ConfigMapV1Data;
  /** The Corefile Berth writes. */
  public readonly corefileText: string;

  constructor(scope: Construct, id: string, props: CoreDnsProps) {
    super(scope, id);
    this.corefileText = corefile(props);
    this.corefile = new ConfigMapV1Data(this, 'corefile', {
      metadata: { name: COREDNS_NAME, namespace: PlatformNamespace.KUBE_SYSTEM },
      data: { Corefile: this.corefileText },
      // kubeadm created the ConfigMap: take over this one key.
      force: true,
      fieldManager: 'berth',
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });
    this.footprint = {
      addon: this.addonName,
      workloads: [
        scheduled(WorkloadKind.DEPLOYMENT, COREDNS_NAME, 2, [
          {
            name: COREDNS_NAME,
            requests: KUBEADM_COREDNS.requests,
            fixedBy: 'kubeadm (70Mi..170Mi memory, no CPU limit)',
          },
        ]),
      ],
    };
    this.ready = [this.corefile];
  }
}

/**
 * What CoreDNS forwards to when no upstream is configured: the resolv.conf of its pod, which is the node's
 * (kubeadm's CoreDNS uses `dnsPolicy: Default`), i.e. the resolvers the cloud's DHCP handed out.
 */
export const NODE_RESOLVERS = '/etc/resolv.conf';

/** Renders the Corefile: the cluster zone, the upstream forwarders and one server block per stub domain. */
export function corefile(props: Pick<CoreDnsProps, 'upstreamServers' | 'stubDomains' | 'cacheTtl'>): string {
  const ttl = props.cacheTtl.toSeconds();
  const stubs = Object.entries(props.stubDomains)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([domain, servers]) =>
      [`${domain}:53 {`, '    errors', `    cache ${ttl}`, `    forward . ${servers.join(' ')}`, '}'].join(
        '\n',
      ),
    );
  const main = [
    '.:53 {',
    '    errors',
    '    health {',
    '        lameduck 5s',
    '    }',
    '    ready',
    '    kubernetes cluster.local in-addr.arpa ip6.arpa {',
    '        pods insecure',
    '        fallthrough in-addr.arpa ip6.arpa',
    '        ttl 30',
    '    }',
    '    prometheus :9153',
    `    forward . ${props.upstreamServers.length > 0 ? props.upstreamServers.join(' ') : NODE_RESOLVERS} {`,
    '        max_concurrent 1000',
    '    }',
    `    cache ${ttl}`,
    '    loop',
    '    reload',
    '    loadbalance',
    '}',
  ].join('\n');
  return [main, ...stubs].join('\n') + '\n';
}
