import { Testing } from 'cdktf';
import { BackupCredential, etcdBackupAccessRules } from '../../../constructs/cluster/backup-credential';
import { OBJECT_STORE_SERVICE } from '../../../constructs/cluster/environment-backup-store';

function synth(): Record<string, unknown> {
  const json = JSON.parse(
    Testing.synthScope((scope) => {
      new BackupCredential(scope, 'backup', {
        name: 'berth-main-etcd-backup',
        roles: ['member'],
        container: 'berth-main-backups',
        expiresAt: '2027-12-31T00:00:00Z',
      });
    }),
  ) as { resource: Record<string, Record<string, Record<string, unknown>>> };
  return Object.values(json.resource.openstack_identity_application_credential_v3)[0];
}

describe('BackupCredential', () => {
  test('the Swift calls of the backup scripts on the backup container, and nothing else', () => {
    expect(etcdBackupAccessRules('c')).toEqual([
      { service: 'object-store', method: 'GET', path: '/v1/*/c' },
      { service: 'object-store', method: 'PUT', path: '/v1/*/c/**' },
      { service: 'object-store', method: 'GET', path: '/v1/*/c/**' },
      { service: 'object-store', method: 'DELETE', path: '/v1/*/c/**' },
    ]);
    for (const rule of etcdBackupAccessRules('c')) {
      expect(rule.service).toBe(OBJECT_STORE_SERVICE);
      // Only below the container: never the account (other containers) or another service.
      expect(rule.path.startsWith('/v1/*/c')).toBe(true);
    }
  });

  test('synthesized: restricted, the roles and expiry given, access_rules blocks as the provider reads them', () => {
    const credential = synth();
    expect(credential).toMatchObject({
      name: 'berth-main-etcd-backup',
      roles: ['member'],
      unrestricted: false,
      expires_at: '2027-12-31T00:00:00Z',
    });
    expect(credential.access_rules).toEqual(
      etcdBackupAccessRules('berth-main-backups').map((r) => ({
        service: r.service,
        method: r.method,
        path: r.path,
      })),
    );
  });
});
