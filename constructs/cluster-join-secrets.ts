import { Construct } from 'constructs';
import { Id } from '@cdktf/provider-random/lib/id';
import { StringResource } from '@cdktf/provider-random/lib/string-resource';

/**
 * Secrets that let nodes join the cluster unattended, generated at deploy time by the random provider
 * (they live in Terraform state and in the nodes' user_data, never in git or in synthesized files):
 *
 * - a kubeadm bootstrap token `[a-z0-9]{6}.[a-z0-9]{16}` for masters and minions;
 * - the certificate key (32 bytes, hex) that encrypts the control-plane certificates kubeadm uploads,
 *   so that extra masters fetch them when joining;
 * - the key (32 bytes, base64) that encrypts Secrets at rest in etcd.
 */
export class ClusterJoinSecrets extends Construct {
  /** `abcdef.0123456789abcdef` */
  public readonly bootstrapToken: string;
  /** 64 hex characters. */
  public readonly certificateKey: string;
  /** Base64 of 32 random bytes. */
  public readonly secretsEncryptionKey: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const tokenPart = (partId: string, length: number) =>
      new StringResource(this, partId, { length, upper: false, special: false, lower: true, numeric: true });
    const tokenId = tokenPart('token-id', 6);
    const tokenSecret = tokenPart('token-secret', 16);
    this.bootstrapToken = `${tokenId.result}.${tokenSecret.result}`;
    this.certificateKey = new Id(this, 'certificate-key', { byteLength: 32 }).hex;
    this.secretsEncryptionKey = new Id(this, 'encryption-key', { byteLength: 32 }).b64Std;
  }
}
