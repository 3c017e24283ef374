import { Testing } from 'cdktf';
import { ClusterObjectStorage } from '../../../constructs/cluster/cluster-object-storage';

describe('ClusterObjectStorage', () => {
  test('creates private registry and backup containers that are never force-destroyed; backups unversioned so retention deletes', () => {
    const out = JSON.parse(
      Testing.synthScope((scope) => {
        new ClusterObjectStorage(scope, 'storage', { namePrefix: 'berth-main' });
      }),
    );
    const containers = Object.values(out.resource.openstack_objectstorage_container_v1) as Record<
      string,
      unknown
    >[];
    expect(containers.map((c) => c.name).sort()).toEqual(['berth-main-backups', 'berth-main-registry']);
    for (const container of containers) {
      expect(container.force_destroy).toBe(false);
      expect(container.container_read).toBeUndefined();
      expect(container.container_write).toBeUndefined();
    }
    expect(containers.find((c) => c.name === 'berth-main-backups')!.versioning).toBeUndefined();
  });
});
