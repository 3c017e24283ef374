import { Construct } from 'constructs';
import { Id } from '@cdktf/provider-random/lib/id';
import { StringResource } from '@cdktf/provider-random/lib/string-resource';

/**
 * Secrets that let nodes join the cluster unattended, generated at deploy time by the random provider
 * (they live in Terraform state and in the nodes' user_data, never in git or in synthesized files):
 *
 * - the formation token, a kubeadm bootstrap token `[a-z0-9]{6}.[a-z0-9]{16}` that `kubeadm init` creates
 *   with a TTL of `FORMATION_TOKEN_TTL`: the nodes of the first deploy join with it;
 * - the growth token, which the platform stack re-arms for `GROWTH_TOKEN_TTL` at every deploy: nodes added
 *   later (a grown pool, a replaced server) join with it. Outside those windows neither is valid, so the
 *   copies in every node's user_data are worthless;
 * - the certificate key (32 bytes, hex) that encrypts the control-plane certificates kubeadm uploads,
 *   so that extra masters fetch them when joining;
 * - the key (32 bytes, base64) that encrypts Secrets at rest in etcd.
 */
export class ClusterJoinSecrets extends Construct {
  /** The formation token, `abcdef.0123456789abcdef`. */
  public readonly bootstrapToken: string;
  /** The growth token's ID (6 characters) and secret (16): the platform stack writes its Secret. */
  public readonly growthToken: { readonly id: string; readonly secret: string };
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
    this.growthToken = {
      id: tokenPart('growth-token-id', 6).result,
      secret: tokenPart('growth-token-secret', 16).result,
    };
    this.certificateKey = new Id(this, 'certificate-key', { byteLength: 32 }).hex;
    this.secretsEncryptionKey = new Id(this, 'encryption-key', { byteLength: 32 }).b64Std;
  }
}
