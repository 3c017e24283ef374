import { Construct } from 'constructs';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { ClusterEndpoints } from './cluster-endpoints';

/** The Kubernetes and Helm providers of a stack that deploys into a cluster. */
export interface KubernetesProviders {
  readonly kubernetes: KubernetesProvider;
  readonly helm: HelmProvider;
}

/**
 * Configures the Kubernetes and Helm providers from the cluster stack's endpoints (cross-stack
 * references: the API URL, the CA and an admin client certificate), so no kubeconfig is copied by hand.
 */
export function configureKubernetesProviders(
  scope: Construct,
  endpoints: ClusterEndpoints,
): KubernetesProviders {
  const connection = {
    host: endpoints.apiServerUrl,
    clusterCaCertificate: endpoints.clusterCaCertificatePem,
    clientCertificate: endpoints.adminClientCertificatePem,
    clientKey: endpoints.adminClientKeyPem,
  };
  return {
    kubernetes: new KubernetesProvider(scope, 'kubernetes', connection),
    helm: new HelmProvider(scope, 'helm', { kubernetes: connection }),
  };
}
