import { synthInfra, cluster, addresses, resources } from '../support/synth-infra';

describe('ClusterInfraStack: object storage, credentials and backups (cluster-storage)', () => {
  test('creates the registry and backup containers and a restricted application credential', () => {
    const json = synthInfra();
    expect(
      resources(json, 'openstack_objectstorage_container_v1')
        .map((c) => c.name)
        .sort(),
    ).toEqual(['berth-main-backups', 'berth-main-registry']);
    expect(resources(json, 'openstack_identity_application_credential_v3')[0]).toMatchObject({
      name: 'berth-main-cluster',
      roles: ['member', 'load-balancer_member'],
      unrestricted: false,
    });
  });

  test('masters back up etcd to the backup container with the generated key; minions carry no backup secret', () => {
    const json = synthInfra(
      cluster({ masters: { count: 3 }, backups: { etcd: { interval: '30m', keep: 10 } } }),
    );
    const parts = Object.entries(
      (json as unknown as { data: Record<string, Record<string, { part: { content: string }[] }>> }).data
        .cloudinit_config,
    );
    const content = (id: string) => parts.find(([name]) => name.startsWith(id))![1].part[0].content;
    for (const id of ['bootstrap-init-master', 'bootstrap-join-master']) {
      const text = content(id);
      expect(text).toContain('/usr/local/sbin/berth-etcd-backup');
      expect(text).toMatch(
        /BERTH_SWIFT_CONTAINER='\$\{openstack_objectstorage_container_v1\.object-storage_backups_[0-9A-F]+\.name\}'/,
      );
      expect(text).toContain("BERTH_BACKUP_KEEP='10'");
      expect(text).toContain('OnUnitActiveSec=30m');
      expect(text).toMatch(/\$\{base64encode\(random_id\.etcd-backup-key_[0-9A-F]+\.b64_std\)\}/);
      // The backup credential, limited to the backup container's objects, not the cluster's.
      expect(text).toMatch(
        /\$\{base64encode\(openstack_identity_application_credential_v3\.etcd-backup-credential_[0-9A-F]+\.secret\)\}/,
      );
      expect(text).toMatch(
        /BERTH_SWIFT_CREDENTIAL_ID='\$\{openstack_identity_application_credential_v3\.etcd-backup-credential_[0-9A-F]+\.id\}'/,
      );
      expect(text).not.toContain('cloud-credential_');
      expect(text).toContain('systemctl enable --now berth-etcd-backup.timer');
    }
    const minion = content('bootstrap-pool-default');
    expect(minion).not.toContain('etcd-backup');
    expect(minion).not.toContain('application_credential');
  });

  test('the backup credential: its own, restricted, access rules on the backup container only', () => {
    const json = synthInfra();
    const credentials = resources<{ name: string; unrestricted: boolean; access_rules?: { path: string }[] }>(
      json,
      'openstack_identity_application_credential_v3',
    );
    expect(credentials.map((c) => c.name)).toEqual(['berth-main-cluster', 'berth-main-etcd-backup']);
    const backup = credentials[1];
    expect(backup.unrestricted).toBe(false);
    expect(backup.access_rules!.map((r) => r.path)).toEqual([
      expect.stringMatching(
        /^\/v1\/\*\/\$\{openstack_objectstorage_container_v1\.object-storage_backups_[0-9A-F]+\.name\}$/,
      ),
      ...Array(3).fill(expect.stringMatching(/_backups_[0-9A-F]+\.name\}\/\*\*$/)),
    ]);
    expect(credentials[0].access_rules).toBeUndefined();
  });

  test('credentialAccessRules off (a store that does not check access rules): the cluster credential', () => {
    const json = synthInfra(cluster({ backups: { credentialAccessRules: false } }));
    expect(
      resources<{ name: string }>(json, 'openstack_identity_application_credential_v3').map((c) => c.name),
    ).toEqual(['berth-main-cluster']);
    expect(JSON.stringify(json)).toMatch(
      /BERTH_SWIFT_CREDENTIAL_ID='\$\{openstack_identity_application_credential_v3\.cloud-credential_[0-9A-F]+\.id\}'/,
    );
  });

  test('etcd backups switched off: no key, no output, no timer', () => {
    const json = synthInfra(cluster({ backups: { etcd: { enabled: false } } }));
    expect(resources(json, 'random_id').length).toBeGreaterThan(0);
    expect(addresses(json).some((a) => a.includes('etcd-backup-key'))).toBe(false);
    expect(Object.keys(json.output)).not.toContain('etcd_backup_key');
    expect(JSON.stringify(json)).not.toContain('berth-etcd-backup');
  });

  test('gives each environment a backup container and a credential restricted to it', () => {
    const json = synthInfra({}, ['dev', 'prod']);
    const containers = resources(json, 'openstack_objectstorage_container_v1').map((c) => c.name);
    expect(containers).toEqual(
      expect.arrayContaining(['berth-main-backups', 'berth-main-backups-dev', 'berth-main-backups-prod']),
    );
    const credentials = resources<{ name: string; access_rules?: { path: string }[] }>(
      json,
      'openstack_identity_application_credential_v3',
    );
    const prod = credentials.find((c) => c.name === 'berth-main-backups-prod-writer')!;
    expect(new Set(prod.access_rules!.map((r) => r.path.split('/')[3]))).toEqual(
      new Set(['berth-main-backups-prod', 'berth-main-backups-prod_segments']),
    );
    const open = synthInfra(cluster({ backups: { credentialAccessRules: false } }), ['dev']);
    const dev = resources<{ name: string; access_rules?: unknown }>(
      open,
      'openstack_identity_application_credential_v3',
    ).find((c) => c.name === 'berth-main-backups-dev-writer')!;
    expect(dev.access_rules).toBeUndefined();
    expect(addresses(synthInfra()).join()).not.toContain('backup-store');
  });
});
