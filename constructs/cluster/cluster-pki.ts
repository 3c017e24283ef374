import { Construct } from 'constructs';
import { Duration } from 'cdk8s';
import { CertRequest } from '@cdktf/provider-tls/lib/cert-request';
import { LocallySignedCert } from '@cdktf/provider-tls/lib/locally-signed-cert';
import { PrivateKey } from '@cdktf/provider-tls/lib/private-key';
import { SelfSignedCert } from '@cdktf/provider-tls/lib/self-signed-cert';
import { DEPLOYER_GROUP, DEPLOYER_RENEW_BEFORE, DEPLOYER_USER, DEPLOYER_VALIDITY } from './cluster-deployers';

export interface ClusterPkiProps {
  /** Cluster name, used in certificate subjects. */
  readonly clusterName: string;
  /**
   * Lifetime of the two CAs. Rotating a CA means re-creating the cluster's trust, so it is long.
   * @default 10 years
   */
  readonly caValidity?: Duration;
  /**
   * Lifetime of the deployer client certificate the platform and environments stacks use; Terraform
   * re-issues it on a deploy of the cluster stack once it enters the last `deployerRenewBefore` of its life.
   * @default DEPLOYER_VALIDITY (7 days)
   */
  readonly deployerValidity?: Duration;
  /**
   * Re-issue the deployer certificate this long before it expires.
   * @default DEPLOYER_RENEW_BEFORE (6 days)
   */
  readonly deployerRenewBefore?: Duration;
}

/**
 * The cluster's trust, generated at deploy time by the tls provider (keys live only in Terraform state):
 *
 * - the Kubernetes CA, handed to kubeadm on the first master so that every node can verify the API, and
 *   a deployer client certificate signed by it for the Kubernetes and Helm providers: group
 *   `berth:deployers` (cluster-admin through one ClusterRoleBinding, revocable by deleting it), valid a
 *   week. No `system:masters` certificate is issued: that group bypasses RBAC and cannot be revoked; the
 *   break-glass credential is kubeadm's `/etc/kubernetes/super-admin.conf` on the first master;
 * - the platform CA, trusted by every node's containerd for the private registry and used by cert-manager
 *   to issue the gateway's wildcard certificate.
 */
export class ClusterPki extends Construct {
  public readonly caKey: PrivateKey;
  public readonly caCertificate: SelfSignedCert;
  public readonly deployerKey: PrivateKey;
  public readonly deployerCertificate: LocallySignedCert;
  public readonly platformCaKey: PrivateKey;
  public readonly platformCaCertificate: SelfSignedCert;

  constructor(scope: Construct, id: string, props: ClusterPkiProps) {
    super(scope, id);
    const caHours = (props.caValidity ?? Duration.days(3650)).toHours();
    const deployerHours = (props.deployerValidity ?? DEPLOYER_VALIDITY).toHours();
    const renewHours = (props.deployerRenewBefore ?? DEPLOYER_RENEW_BEFORE).toHours();

    this.caKey = new PrivateKey(this, 'ca-key', { algorithm: 'RSA', rsaBits: 2048 });
    this.caCertificate = new SelfSignedCert(this, 'ca', {
      privateKeyPem: this.caKey.privateKeyPem,
      isCaCertificate: true,
      validityPeriodHours: caHours,
      subject: [{ commonName: 'kubernetes', organizationalUnit: `berth ${props.clusterName}` }],
      allowedUses: ['cert_signing', 'crl_signing', 'digital_signature', 'key_encipherment'],
    });

    this.deployerKey = new PrivateKey(this, 'deployer-key', { algorithm: 'RSA', rsaBits: 2048 });
    const deployerRequest = new CertRequest(this, 'deployer-request', {
      privateKeyPem: this.deployerKey.privateKeyPem,
      subject: [{ commonName: DEPLOYER_USER, organization: DEPLOYER_GROUP }],
    });
    this.deployerCertificate = new LocallySignedCert(this, 'deployer', {
      certRequestPem: deployerRequest.certRequestPem,
      caPrivateKeyPem: this.caKey.privateKeyPem,
      caCertPem: this.caCertificate.certPem,
      validityPeriodHours: deployerHours,
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
