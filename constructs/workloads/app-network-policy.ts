import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-33';
import { AppObjectMeta } from './app-process-context';
import { AppProps } from './app-props';
import { WorkloadLabel } from '../core/workload-labels';

/**
 * The app's NetworkPolicy (construct `network-policy` in `scope`): ingress it declares (callers,
 * Prometheus) and egress (bound services, declared targets), on top of the environment's default deny.
 * None when the app declares nothing.
 */
export function appNetworkPolicy(
  scope: Construct,
  props: AppProps,
  name: string,
  metadata: AppObjectMeta,
): void {
  const ingress: k8s.NetworkPolicyIngressRule[] = [];
  const egress: k8s.NetworkPolicyEgressRule[] = [];
  const web = props.web;
  const callers = [...(props.allowFrom ?? [])].sort();
  if (web && callers.length > 0) {
    ingress.push({
      from: [
        {
          podSelector: { matchExpressions: [{ key: WorkloadLabel.NAME, operator: 'In', values: callers }] },
        },
      ],
      ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(web.port) }],
    });
  }
  if (web && props.metrics) {
    ingress.push({
      from: [
        {
          namespaceSelector: {
            matchLabels: { 'kubernetes.io/metadata.name': props.environment.monitoringNamespace },
          },
        },
      ],
      ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(props.metrics.port ?? web.port) }],
    });
  }
  for (const binding of Object.values(props.bindings ?? {})) {
    egress.push({
      to: [{ podSelector: { matchLabels: { ...binding.selector } } }],
      ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(binding.connection.port) }],
    });
  }
  for (const rule of props.egress ?? []) egress.push(rule.toKube());
  if (ingress.length === 0 && egress.length === 0) return;
  const policyTypes = [...(ingress.length > 0 ? ['Ingress'] : []), ...(egress.length > 0 ? ['Egress'] : [])];
  new k8s.KubeNetworkPolicy(scope, 'network-policy', {
    metadata,
    spec: {
      podSelector: { matchLabels: { [WorkloadLabel.NAME]: name } },
      policyTypes,
      ingress: ingress.length > 0 ? ingress : undefined,
      egress: egress.length > 0 ? egress : undefined,
    },
  });
}
