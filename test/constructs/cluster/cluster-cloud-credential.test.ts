import { Testing } from 'cdktf';
import { ClusterCloudCredential } from '../../../constructs/cluster/cluster-cloud-credential';

describe('ClusterCloudCredential', () => {
  test('is restricted to the given roles and cannot mint further credentials', () => {
    const out = JSON.parse(
      Testing.synthScope((scope) => {
        new ClusterCloudCredential(scope, 'cred', {
          name: 'berth-main-cluster',
          roles: ['member'],
          expiresAt: '2027-01-01T00:00:00Z',
        });
      }),
    );
    expect(Object.values(out.resource.openstack_identity_application_credential_v3)).toEqual([
      expect.objectContaining({
        name: 'berth-main-cluster',
        roles: ['member'],
        unrestricted: false,
        expires_at: '2027-01-01T00:00:00Z',
      }),
    ]);
    expect(JSON.stringify(out)).not.toContain('"secret"');
  });
});
