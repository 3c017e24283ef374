import { Testing } from 'cdktf';
import {
  EnvironmentBackupStore,
  EnvironmentBackupStoreProps,
  backupAccessRules,
  environmentBackupContainerName,
} from '../../../constructs/cluster/environment-backup-store';

type Json = Record<string, unknown>;

function synth(props: Partial<EnvironmentBackupStoreProps> = {}): { container: Json; credential: Json } {
  const out = JSON.parse(
    Testing.synthScope((scope) => {
      new EnvironmentBackupStore(scope, 'store', {
        namePrefix: 'berth-main',
        environment: 'prod',
        roles: ['member'],
        ...props,
      });
    }),
  );
  return {
    container: Object.values(out.resource.openstack_objectstorage_container_v1)[0] as Json,
    credential: Object.values(out.resource.openstack_identity_application_credential_v3)[0] as Json,
  };
}

describe('EnvironmentBackupStore', () => {
  test('a private, unversioned container per environment, never force-destroyed', () => {
    const { container } = synth();
    expect(container).toMatchObject({
      name: 'berth-main-backups-prod',
      force_destroy: false,
      metadata: { 'berth-purpose': 'backups', 'berth-environment': 'prod' },
    });
    expect(container.container_read).toBeUndefined();
    expect(container.container_write).toBeUndefined();
    expect(container.versioning).toBeUndefined();
    expect(environmentBackupContainerName('berth-main', 'dev')).toBe('berth-main-backups-dev');
  });

  test('a restricted credential whose access rules name that container (and its segments) only', () => {
    const { credential } = synth({ expiresAt: '2027-12-31T00:00:00Z' });
    expect(credential).toMatchObject({
      name: 'berth-main-backups-prod-writer',
      roles: ['member'],
      unrestricted: false,
      expires_at: '2027-12-31T00:00:00Z',
    });
    const rules = credential.access_rules as { service: string; method: string; path: string }[];
    expect(rules).toEqual(backupAccessRules('berth-main-backups-prod'));
    expect(new Set(rules.map((r) => r.service))).toEqual(new Set(['object-store']));
    expect(new Set(rules.map((r) => r.path))).toEqual(
      new Set([
        '/v1/*/berth-main-backups-prod',
        '/v1/*/berth-main-backups-prod/**',
        '/v1/*/berth-main-backups-prod_segments',
        '/v1/*/berth-main-backups-prod_segments/**',
      ]),
    );
    // Objects may be deleted (retention), the container itself never; nothing else in the account.
    expect(rules.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
      '/v1/*/berth-main-backups-prod/**',
      '/v1/*/berth-main-backups-prod_segments/**',
    ]);
    expect(rules.some((r) => r.method === 'POST')).toBe(false);
  });

  test('without access rules where Swift cannot enforce them', () => {
    expect(synth({ accessRules: false }).credential.access_rules).toBeUndefined();
  });
});
