import { Construct } from 'constructs';
import { Duration } from 'cdk8s';
import { Fn } from 'cdktf';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { JOIN_TOKEN_GROUPS } from './kubeadm-config';

/**
 * How long the growth token stays valid after each deploy of the platform stack: long enough for the
 * servers the same `cdktf deploy '*'` created to boot, prepare and join (they wait for it).
 */
export const GROWTH_TOKEN_TTL = Duration.hours(4);

export interface JoinTokenSecretProps {
  /** The token's 6-character ID (a cross-stack reference). */
  readonly tokenId: string;
  /** Its 16-character secret (sensitive). */
  readonly tokenSecret: string;
}

/**
 * The growth token as the cluster stores it: a `bootstrap.kubernetes.io/token` Secret in kube-system,
 * with kubeadm's node groups (the same rights as the token `kubeadm init` creates). Its expiration is the
 * plan time plus `GROWTH_TOKEN_TTL`, so every deploy re-arms it and it is invalid between deploys; once
 * expired, Kubernetes' token cleaner deletes it and the next deploy creates it again.
 */
export class JoinTokenSecret extends Construct {
  public readonly secret: SecretV1;

  constructor(scope: Construct, id: string, props: JoinTokenSecretProps) {
    super(scope, id);
    this.secret = new SecretV1(this, 'secret', {
      metadata: { name: `bootstrap-token-${props.tokenId}`, namespace: 'kube-system' },
      type: 'bootstrap.kubernetes.io/token',
      data: {
        description: 'Berth: nodes added after the first deploy join with this token',
        'token-id': props.tokenId,
        'token-secret': props.tokenSecret,
        expiration: Fn.timeadd(Fn.plantimestamp(), `${GROWTH_TOKEN_TTL.toHours()}h`),
        'usage-bootstrap-authentication': 'true',
        'usage-bootstrap-signing': 'true',
        'auth-extra-groups': JOIN_TOKEN_GROUPS.join(','),
      },
    });
  }
}
