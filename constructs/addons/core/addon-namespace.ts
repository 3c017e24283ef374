import { Construct } from 'constructs';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { MANAGED_BY_BERTH_LABEL, PLATFORM_NAMESPACE_LABEL } from '../../../config/platform-names';
import { PodSecurityLevel } from '../../core/pod-security-standards';

export { PodSecurityLevel };

export interface AddonNamespaceProps {
  /** Namespace name. */
  readonly name: string;
  /**
   * Pod Security Standard enforced in the namespace. Security default: the strictest level the
   * namespace's workloads can run under; the level is stated for every namespace.
   */
  readonly podSecurity: PodSecurityLevel;
}

/**
 * A namespace for platform add-ons, created by Terraform before the releases that use it (Helm never
 * creates namespaces here), labelled with the Pod Security Standard it enforces.
 */
export class AddonNamespace extends Construct {
  public readonly namespace: NamespaceV1;
  /** The namespace's name (a reference, so that users depend on the namespace). */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: AddonNamespaceProps) {
    super(scope, id);
    this.namespace = new NamespaceV1(this, 'namespace', {
      metadata: {
        name: props.name,
        labels: {
          ...MANAGED_BY_BERTH_LABEL,
          ...PLATFORM_NAMESPACE_LABEL,
          'pod-security.kubernetes.io/enforce': props.podSecurity,
          'pod-security.kubernetes.io/enforce-version': 'latest',
          'pod-security.kubernetes.io/warn': props.podSecurity,
          'pod-security.kubernetes.io/audit': props.podSecurity,
        },
      },
    });
    this.name = props.name;
  }
}
