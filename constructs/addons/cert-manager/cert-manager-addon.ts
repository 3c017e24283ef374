import {
  AddonName,
  AddonSettings,
  EMAIL,
  addonConfig,
  addonSchema,
  optional,
  section,
  text,
  url,
  withDefault,
  z,
} from '../../../config';
import { PlatformNamespace } from '../../../config/platform-names';
import { CLUSTER_PORTS } from '../../cluster/cluster-ports';
import { AddonDefinition } from '../core/addon-definition';
import { PeerKind, apiServerFlow, namespacePods, peer, tcp } from '../core/platform-flows';
import { CERT_MANAGER_CHART, CertManager } from './cert-manager';

/** cert-manager's webhook port in the pinned chart. */
const CERT_MANAGER_WEBHOOK_PORT = 10250;
const CERT_MANAGER_PODS = namespacePods(PlatformNamespace.CERT_MANAGER);

/** ACME directory used when `certManager.acme.server` is not given. */
export const LETS_ENCRYPT_PRODUCTION = 'https://acme-v02.api.letsencrypt.org/directory';

/** `addons.certManager`: its fields, messages, defaults and descriptions. */
export const CERT_MANAGER_SCHEMA = addonSchema(
  {
    doc: "cert-manager and the platform's ClusterIssuers (platform CA, and ACME when configured).",
    enabled: "Deploy cert-manager. The shared Gateway's certificate needs it.",
  },
  {
    acme: optional(
      section(
        {
          email: text({
            pattern: EMAIL,
            allowed: 'an e-mail address',
            required: 'the ACME account e-mail',
            doc: 'Account e-mail the ACME CA sends expiry notices to.',
          }),
          server: withDefault(
            url({ allowed: 'the ACME directory URL', doc: 'ACME directory URL.' }),
            LETS_ENCRYPT_PRODUCTION,
          ),
        },
        "Let apps' own host names get publicly trusted certificates from an ACME CA (HTTP-01 through the shared Gateway). The `*.apps` wildcard stays signed by the platform CA: ACME signs wildcards only with DNS-01. Default: the platform CA only.",
      ),
    ),
  },
);

/** `addons.certManager`, as written in the platform file. */
export type CertManagerAddonConfig = z.input<typeof CERT_MANAGER_SCHEMA>;

/** `addons.certManager`, resolved. */
export interface CertManagerSettings extends AddonSettings {
  readonly acme?: { readonly email: string; readonly server: string };
}

/** cert-manager and the platform's ClusterIssuers (platform CA, and ACME when configured). */
export const CERT_MANAGER_ADDON: AddonDefinition<CertManagerSettings, CertManager> = {
  name: AddonName.CERT_MANAGER,
  id: 'cert-manager',
  charts: [CERT_MANAGER_CHART],
  config: addonConfig(CERT_MANAGER_SCHEMA),
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
