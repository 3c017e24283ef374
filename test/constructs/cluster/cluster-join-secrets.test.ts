import { Testing } from 'cdktf';
import { ClusterJoinSecrets } from '../../../constructs/cluster/cluster-join-secrets';

describe('ClusterJoinSecrets', () => {
  test('builds two kubeadm tokens (formation and growth) of a 6- and a 16-character lower-case part, generated at deploy time', () => {
    let secrets!: ClusterJoinSecrets;
    const out = JSON.parse(
      Testing.synthScope((scope) => {
        secrets = new ClusterJoinSecrets(scope, 'join');
      }),
    );
    const parts = Object.values(out.resource.random_string) as {
      length: number;
      upper: boolean;
      special: boolean;
    }[];
    expect(parts.map((p) => p.length).sort((a, b) => a - b)).toEqual([6, 6, 16, 16]);
    expect(parts.every((p) => !p.upper && !p.special)).toBe(true);
    expect(Object.values(out.resource.random_id)).toEqual([{ byte_length: 32 }, { byte_length: 32 }]);
    expect(secrets.bootstrapToken).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}\.\$\{TfToken\[TOKEN\.\d+\]\}$/);
    expect(secrets.growthToken.id).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
    expect(secrets.growthToken.id).not.toBe(secrets.bootstrapToken.split('.')[0]);
  });
});
