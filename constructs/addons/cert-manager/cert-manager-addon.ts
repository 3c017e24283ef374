import { AddonName, AddonSettings, EMAIL, FieldReader } from '../../../config';
import { PlatformNamespace } from '../../../config/platform-names';
import { CLUSTER_PORTS } from '../../cluster/cluster-ports';
import { AddonDefinition } from '../core/addon-definition';
import { PeerKind, apiServerFlow, namespacePods, peer, tcp } from '../core/platform-flows';
import { CERT_MANAGER_CHART, CertManager } from './cert-manager';

/** cert-manager's webhook port in the pinned chart. */
const CERT_MANAGER_WEBHOOK_PORT = 10250;
const CERT_MANAGER_PODS = namespacePods(PlatformNamespace.CERT_MANAGER);

/** `addons.certManager`, as written in the platform file. */
export interface CertManagerAddonConfig {
  /**
   * Deploy cert-manager. The shared Gateway's certificate needs it.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Let apps' own host names get publicly trusted certificates from an ACME CA (HTTP-01 through the
   * shared Gateway). The `*.apps` wildcard stays signed by the platform CA: ACME signs wildcards only
   * with DNS-01.
   * @default the platform CA only
   */
  readonly acme?: AcmeConfig;
}

export interface AcmeConfig {
  /** Account e-mail the ACME CA sends expiry notices to. */
  readonly email: string;
  /**
   * ACME directory URL.
   * @default "https://acme-v02.api.letsencrypt.org/directory"
   */
  readonly server?: string;
}

/** `addons.certManager`, resolved. */
export interface CertManagerSettings extends AddonSettings {
  readonly acme?: { readonly email: string; readonly server: string };
}

/** ACME directory used when `certManager.acme.server` is not given. */
export const LETS_ENCRYPT_PRODUCTION = 'https://acme-v02.api.letsencrypt.org/directory';

/** cert-manager and the platform's ClusterIssuers (platform CA, and ACME when configured). */
export const CERT_MANAGER_ADDON: AddonDefinition<CertManagerSettings, CertManager> = {
  name: AddonName.CERT_MANAGER,
  id: 'cert-manager',
  charts: [CERT_MANAGER_CHART],
  config: {
    fields: ['acme'],
    resolve: (read, raw, { path }) => ({ acme: acmeOf(read, `${path}.acme`, raw.acme) }),
  },
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

/** Reads `acme`: its e-mail required, its server an https URL. */
function acmeOf(
  read: FieldReader,
  path: string,
  value: unknown,
): { email: string; server: string } | undefined {
  const raw = read.object(path, value, ['email', 'server']);
  if (!raw) return undefined;
  const email = read.string(`${path}.email`, raw.email, undefined, {
    pattern: EMAIL,
    allowed: 'an e-mail address',
  });
  if (raw.email === undefined)
    read.problems.add(`${path}.email`, raw.email, 'is required: the ACME account e-mail');
  const server = read.url(`${path}.server`, raw.server, LETS_ENCRYPT_PRODUCTION, {
    allowed: 'the ACME directory URL',
  }) as string;
  return email === undefined ? undefined : { email, server };
}
