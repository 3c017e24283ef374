import { k8s } from 'cdk8s-plus-33';
import { Cidr } from '../../config';
import { isPort } from './app-probe';
import { WorkloadLabel } from '../core/workload-labels';

type EgressTarget =
  | { readonly kind: 'cidr'; readonly cidr: string; readonly ports: readonly number[] }
  | { readonly kind: 'app'; readonly app: string; readonly port: number };

/**
 * Traffic an app may send besides DNS and its bound backing services (environments deny all other
 * egress). Prefer naming an app over a network.
 */
export class AppEgress {
  /** TCP to a network outside the cluster, e.g. a mail relay or `0.0.0.0/0` on 443. */
  public static toNetwork(cidr: string, ports: readonly number[]): AppEgress {
    return new AppEgress({ kind: 'cidr', cidr, ports });
  }

  /** TCP to another app's pods in the same environment (that app must list this one in `allowFrom`). */
  public static toApp(app: string, port: number): AppEgress {
    return new AppEgress({ kind: 'app', app, port });
  }

  private constructor(private readonly target: EgressTarget) {}

  public problems(): string[] {
    const problems: string[] = [];
    const ports = this.target.kind === 'cidr' ? this.target.ports : [this.target.port];
    if (this.target.kind === 'cidr') {
      if (!Cidr.tryParse(this.target.cidr)) {
        problems.push(
          `network "${this.target.cidr}" must be an IPv4 CIDR with zero host bits, e.g. "192.0.2.0/24"`,
        );
      }
      if (ports.length === 0) problems.push('list at least one port');
    }
    for (const port of ports) {
      if (!isPort(port)) problems.push(`port ${port} must be a whole number from 1 to 65535`);
    }
    return problems;
  }

  /** The NetworkPolicy egress rule. */
  public toKube(): k8s.NetworkPolicyEgressRule {
    if (this.target.kind === 'cidr') {
      return {
        to: [{ ipBlock: { cidr: this.target.cidr } }],
        ports: this.target.ports.map((port) => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) })),
      };
    }
    return {
      to: [{ podSelector: { matchLabels: { [WorkloadLabel.NAME]: this.target.app } } }],
      ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(this.target.port) }],
    };
  }
}
