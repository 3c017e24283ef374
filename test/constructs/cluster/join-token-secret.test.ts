import { Testing } from 'cdktf';
import { GROWTH_TOKEN_TTL, JoinTokenSecret } from '../../../constructs/cluster/join-token-secret';
import { FORMATION_TOKEN_TTL, JOIN_TOKEN_GROUPS } from '../../../constructs/cluster/kubeadm-config';

describe('JoinTokenSecret', () => {
  const json = JSON.parse(
    Testing.synthScope((scope) => {
      new JoinTokenSecret(scope, 'join-token', { tokenId: 'grow42', tokenSecret: 'growthsecret0042' });
    }),
  );
  const secret = Object.values(json.resource.kubernetes_secret_v1)[0] as {
    metadata: { name: string; namespace: string };
    type: string;
    data: Record<string, string>;
  };

  test('is a kubeadm bootstrap token Secret with the node groups', () => {
    expect(secret.metadata).toEqual({ name: 'bootstrap-token-grow42', namespace: 'kube-system' });
    expect(secret.type).toBe('bootstrap.kubernetes.io/token');
    expect(secret.data).toMatchObject({
      'token-id': 'grow42',
      'token-secret': 'growthsecret0042',
      'usage-bootstrap-authentication': 'true',
      'usage-bootstrap-signing': 'true',
      'auth-extra-groups': 'system:bootstrappers:kubeadm:default-node-token',
    });
    expect(JOIN_TOKEN_GROUPS).toEqual(['system:bootstrappers:kubeadm:default-node-token']);
  });

  test('expires four hours after each deploy: re-armed by every plan, invalid in between', () => {
    expect(secret.data.expiration).toBe('${timeadd(plantimestamp(), "4h")}');
    expect(GROWTH_TOKEN_TTL.toHours()).toBe(4);
    expect(FORMATION_TOKEN_TTL.toHours()).toBe(4);
  });
});
