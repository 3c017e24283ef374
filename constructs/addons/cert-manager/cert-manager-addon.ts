import { AddonName, ResolvedAddons } from '../../../config';
import { PlatformNamespace } from '../../../config/platform-names';
import { CLUSTER_PORTS } from '../../cluster/cluster-ports';
import { AddonDefinition } from '../core/addon-definition';
import { PeerKind, apiServerFlow, namespacePods, peer, tcp } from '../core/platform-flows';
import { CERT_MANAGER_CHART, CertManager } from './cert-manager';

/** cert-manager's webhook port in the pinned chart. */
const CERT_MANAGER_WEBHOOK_PORT = 10250;
const CERT_MANAGER_PODS = namespacePods(PlatformNamespace.CERT_MANAGER);

/** cert-manager and the platform's ClusterIssuers (platform CA, and ACME when configured). */
export const CERT_MANAGER_ADDON: AddonDefinition<ResolvedAddons['certManager'], CertManager> = {
  name: AddonName.CERT_MANAGER,
  id: 'cert-manager',
  charts: [CERT_MANAGER_CHART],
  settings: (cluster) => cluster.addons.certManager,
  install: (scope, { id, settings, access, dependsOn }) =>
    new CertManager(scope, id, {
      platformCaCertificatePem: access.platformCaCertificatePem,
      platformCaPrivateKeyPem: access.platformCaPrivateKeyPem,
      acme: settings.acme,
      dependsOn,
    }),
  flows: ({ settings }) => [
    {
      id: 'cert-manager-webhook',
      from: peer(PeerKind.ANY_SOURCE),
      to: CERT_MANAGER_PODS,
      ports: [tcp(CERT_MANAGER_WEBHOOK_PORT)],
      purpose: "the API server calls cert-manager's webhook",
    },
    apiServerFlow('cert-manager', CERT_MANAGER_PODS),
    ...(settings.acme
      ? [
          {
            id: 'cert-manager-acme',
            from: CERT_MANAGER_PODS,
            to: peer(PeerKind.OUTSIDE),
            ports: [CLUSTER_PORTS.http, CLUSTER_PORTS.https],
            purpose: 'the ACME server, and the HTTP-01 self-check through the public address',
          },
        ]
      : []),
  ],
};
