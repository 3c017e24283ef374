import { Construct } from 'constructs';
import { ObjectstorageContainerV1 } from '../../.gen/providers/openstack/objectstorage-container-v1';

export interface ClusterObjectStorageProps {
  /** Prefix of the container names, e.g. `berth-main`. */
  readonly namePrefix: string;
}

/**
 * Swift containers of a cluster: the private registry's blobs and the platform's backups. Both are
 * private (no read or write ACL) and kept when the stack is destroyed unless emptied first.
 *
 * The backups container is not versioned: retention deletes old snapshots, and with versioning a
 * delete would only hide them (they would pile up forever).
 */
export class ClusterObjectStorage extends Construct {
  public readonly registry: ObjectstorageContainerV1;
  public readonly backups: ObjectstorageContainerV1;

  constructor(scope: Construct, id: string, props: ClusterObjectStorageProps) {
    super(scope, id);
    this.registry = new ObjectstorageContainerV1(this, 'registry', {
      name: `${props.namePrefix}-registry`,
      metadata: { 'berth-purpose': 'registry' },
      forceDestroy: false,
    });
    this.backups = new ObjectstorageContainerV1(this, 'backups', {
      name: `${props.namePrefix}-backups`,
      metadata: { 'berth-purpose': 'backups' },
      forceDestroy: false,
    });
  }
}
