import { Construct } from 'constructs';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { ClusterEndpoints } from './cluster-endpoints';

/** The Kubernetes and Helm providers of a stack that deploys into a cluster. */
export interface KubernetesProviders {
  readonly kubernetes: KubernetesProvider;
  readonly helm: HelmProvider;
}

/** How a provider reaches a cluster's API: its URL, CA and an admin client certificate. */
export interface KubernetesConnection {
  readonly host: string;
  readonly clusterCaCertificate: string;
  readonly clientCertificate: string;
  readonly clientKey: string;
}

/**
 * The connection to a cluster from the cluster stack's endpoints (cross-stack references), so no
 * kubeconfig is copied by hand.
 */
export function kubernetesConnection(endpoints: ClusterEndpoints): KubernetesConnection {
  return {
    host: endpoints.apiServerUrl,
    clusterCaCertificate: endpoints.clusterCaCertificatePem,
    clientCertificate: endpoints.adminClientCertificatePem,
    clientKey: endpoints.adminClientKeyPem,
  };
}

/** The Kubernetes provider alone, for stacks that apply manifests but no charts. */
export function configureKubernetesProvider(
  scope: Construct,
  endpoints: ClusterEndpoints,
): KubernetesProvider {
  return new KubernetesProvider(scope, 'kubernetes', kubernetesConnection(endpoints));
}

/** The Kubernetes and Helm providers, both connected to the cluster of `endpoints`. */
export function configureKubernetesProviders(
  scope: Construct,
  endpoints: ClusterEndpoints,
): KubernetesProviders {
  return {
    kubernetes: configureKubernetesProvider(scope, endpoints),
    helm: new HelmProvider(scope, 'helm', { kubernetes: kubernetesConnection(endpoints) }),
  };
}
