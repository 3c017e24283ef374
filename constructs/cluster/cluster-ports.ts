import { MANAGEMENT_PORT } from '../../config/platform-names';

/** IP protocols the security groups use. */
export enum IpProtocol {
  TCP = 'tcp',
  UDP = 'udp',
}

/** A port or an inclusive port range of one protocol. */
export class PortRange {
  public static tcp(from: number, to: number = from): PortRange {
    return new PortRange(IpProtocol.TCP, from, to);
  }

  public static udp(from: number, to: number = from): PortRange {
    return new PortRange(IpProtocol.UDP, from, to);
  }

  private constructor(
    public readonly protocol: IpProtocol,
    public readonly from: number,
    public readonly to: number,
  ) {}

  /** `tcp/6443` or `tcp/2379-2380` */
  public toString(): string {
    return `${this.protocol}/${this.from === this.to ? this.from : `${this.from}-${this.to}`}`;
  }
}

/**
 * The one typed source of every port the cluster uses. The security groups open exactly these, and the
 * add-ons that listen on them (flannel, the gateway's NodePorts) read them from here too.
 */
export const CLUSTER_PORTS = {
  ssh: PortRange.tcp(22),
  apiServer: PortRange.tcp(6443),
  etcd: PortRange.tcp(2379, 2380),
  kubelet: PortRange.tcp(10250),
  /** node-exporter, scraped by Prometheus from pods (masqueraded to node addresses). */
  nodeExporter: PortRange.tcp(9100),
  /** flannel's VXLAN backend (the Linux kernel's IANA port). */
  flannelVxlan: PortRange.udp(8472),
  /** Kubernetes' default NodePort range. */
  nodePorts: PortRange.tcp(30000, 32767),
  /** What the world reaches on the ingress entry. */
  http: PortRange.tcp(80),
  https: PortRange.tcp(443),
  /**
   * Management UIs (console, Grafana) on the ingress entry, from `cloud.adminCidrs` only: a listener of
   * its own, so that the address filter is Octavia's and the security group's, not the proxy's.
   */
  adminHttps: PortRange.tcp(MANAGEMENT_PORT),
} as const;

/** flannel's VXLAN UDP port, as a number for flannel's net-conf.json. */
export const FLANNEL_VXLAN_PORT = CLUSTER_PORTS.flannelVxlan.from;

/** Bytes flannel's VXLAN encapsulation takes from the node network's MTU (outer IPv4 + UDP + VXLAN + Ethernet). */
export const FLANNEL_VXLAN_OVERHEAD = 50;

/**
 * NodePorts the platform gateway's Service uses; the ingress load balancer forwards 80 -> http,
 * 443 -> https and 8443 -> adminHttps on every minion.
 */
export const INGRESS_NODE_PORTS = { http: 30080, https: 30443, adminHttps: 30843 } as const;

/** NodePorts of the platform gateway's Service, by listener. */
export type IngressNodePorts = { readonly [K in keyof typeof INGRESS_NODE_PORTS]: number };
