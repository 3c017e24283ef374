import { Cidr } from '../../config';
import { berthNodeRegistration } from '../../constructs/cluster/kubelet-config';

// Sample inputs of the kubeadm configuration builders, shared by their tests.

export const CLUSTER = {
  clusterName: 'main',
  controlPlaneEndpoint: '10.0.0.5:6443',
  podCidr: Cidr.of('10.244.0.0/16'),
  serviceCidr: Cidr.of('10.96.0.0/12'),
  certSans: ['api.main.example.com', '203.0.113.10'],
};
export const WORKER = berthNodeRegistration({
  controlPlane: false,
  labels: {},
  taints: [],
  externalCloudProvider: false,
});
export const MASTER = berthNodeRegistration({
  controlPlane: true,
  labels: {},
  taints: [],
  externalCloudProvider: false,
});
/** A token of digits only: a YAML reader would take it for a number if it were not quoted. */
export const TOKEN = '123456.1234567890123456';
export const CERT_KEY = '1'.repeat(64);

/** Flags of a component as a name -> value map. */
export function flags(
  component: { readonly extraArgs?: readonly { name: string; value: string }[] } | undefined,
) {
  return Object.fromEntries((component?.extraArgs ?? []).map((a) => [a.name, a.value]));
}
