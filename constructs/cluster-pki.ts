import { Construct } from 'constructs';
import { Duration } from 'cdk8s';
import { CertRequest } from '@cdktf/provider-tls/lib/cert-request';
import { LocallySignedCert } from '@cdktf/provider-tls/lib/locally-signed-cert';
import { PrivateKey } from '@cdktf/provider-tls/lib/private-key';
import { SelfSignedCert } from '@cdktf/provider-tls/lib/self-signed-cert';

export interface ClusterPkiProps {
  /** Cluster name, used in certificate subjects. */
  readonly clusterName: string;
  /**
   * Lifetime of the two CAs. Rotating a CA means re-creating the cluster's trust, so it is long.
   * @default 10 years
   */
  readonly caValidity?: Duration;
  /**
   * Lifetime of the admin client certificate the platform stacks use; Terraform re-issues it when it
   * enters the last `adminRenewBefore` of its life.
   * @default 1 year
   */
  readonly adminValidity?: Duration;
  /**
   * Re-issue the admin certificate this long before it expires.
   * @default 30 days
   */
  readonly adminRenewBefore?: Duration;
}

/** Organization that makes a client certificate a cluster administrator (kubeadm's super-user group). */
export const CLUSTER_ADMIN_GROUP = 'system:masters';

/**
 * The cluster's trust, generated at deploy time by the tls provider (keys live only in Terraform state):
 *
 * - the Kubernetes CA, handed to kubeadm on the first master so that every node can verify the API, and
 *   an admin client certificate signed by it for the Kubernetes and Helm providers;
 * - the platform CA, trusted by every node's containerd for the private registry and used by cert-manager
 *   to issue the gateway's wildcard certificate.
 */
export class ClusterPki extends Construct {
  public readonly caKey: PrivateKey;
  public readonly caCertificate: SelfSignedCert;
  public readonly adminKey: PrivateKey;
  public readonly adminCertificate: LocallySignedCert;
  public readonly platformCaKey: PrivateKey;
  public readonly platformCaCertificate: SelfSignedCert;

  constructor(scope: Construct, id: string, props: ClusterPkiProps) {
    super(scope, id);
    const caHours = (props.caValidity ?? Duration.days(3650)).toHours();
    const adminHours = (props.adminValidity ?? Duration.days(365)).toHours();
    const renewHours = (props.adminRenewBefore ?? Duration.days(30)).toHours();

    this.caKey = new PrivateKey(this, 'ca-key', { algorithm: 'RSA', rsaBits: 2048 });
    this.caCertificate = new SelfSignedCert(this, 'ca', {
      privateKeyPem: this.caKey.privateKeyPem,
      isCaCertificate: true,
      validityPeriodHours: caHours,
      subject: [{ commonName: 'kubernetes', organizationalUnit: `berth ${props.clusterName}` }],
      allowedUses: ['cert_signing', 'crl_signing', 'digital_signature', 'key_encipherment'],
    });

    this.adminKey = new PrivateKey(this, 'admin-key', { algorithm: 'RSA', rsaBits: 2048 });
    const adminRequest = new CertRequest(this, 'admin-request', {
      privateKeyPem: this.adminKey.privateKeyPem,
      subject: [{ commonName: 'berth-admin', organization: CLUSTER_ADMIN_GROUP }],
    });
    this.adminCertificate = new LocallySignedCert(this, 'admin', {
      certRequestPem: adminRequest.certRequestPem,
      caPrivateKeyPem: this.caKey.privateKeyPem,
      caCertPem: this.caCertificate.certPem,
      validityPeriodHours: adminHours,
      earlyRenewalHours: renewHours,
      allowedUses: ['client_auth', 'digital_signature', 'key_encipherment'],
    });

    this.platformCaKey = new PrivateKey(this, 'platform-ca-key', { algorithm: 'ECDSA', ecdsaCurve: 'P256' });
    this.platformCaCertificate = new SelfSignedCert(this, 'platform-ca', {
      privateKeyPem: this.platformCaKey.privateKeyPem,
      isCaCertificate: true,
      validityPeriodHours: caHours,
      subject: [{ commonName: `berth ${props.clusterName} platform CA`, organization: 'berth' }],
      allowedUses: ['cert_signing', 'crl_signing', 'digital_signature'],
    });
  }
}
