import { Construct } from 'constructs';
import { IdentityApplicationCredentialV3 } from '../../.gen/providers/openstack/identity-application-credential-v3';
import { OBJECT_STORE_SERVICE } from './environment-backup-store';

/** An access rule of an application credential (Keystone: service type, HTTP method, path template). */
export interface AccessRule {
  readonly service: string;
  readonly method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';
  readonly path: string;
}

/**
 * The Swift calls of the etcd backup scripts (etcd-backup-scripts.ts, curl), and nothing else (the
 * environments' rclone needs more: environment-backup-store.ts): list the
 * container (`GET /v1/AUTH_<project>/<container>?prefix=`; a query is not part of the matched path),
 * upload, download and delete (retention) objects below it. `*` is one path segment (the account), `**`
 * any number (object names are `etcd/<member>/<file>`): Keystone's access rule templates.
 */
export function etcdBackupAccessRules(container: string): AccessRule[] {
  const objects = `/v1/*/${container}/**`;
  return [
    { service: OBJECT_STORE_SERVICE, method: 'GET', path: `/v1/*/${container}` },
    { service: OBJECT_STORE_SERVICE, method: 'PUT', path: objects },
    { service: OBJECT_STORE_SERVICE, method: 'GET', path: objects },
    { service: OBJECT_STORE_SERVICE, method: 'DELETE', path: objects },
  ];
}

export interface BackupCredentialProps {
  /** Credential name, e.g. `berth-main-etcd-backup`. */
  readonly name: string;
  /** Roles delegated (the cluster credential's: Swift writes need the member role). */
  readonly roles: readonly string[];
  /** The Swift container it may use, and no other. */
  readonly container: string;
  /**
   * RFC 3339 expiry.
   * @default no expiry
   */
  readonly expiresAt?: string;
}

/**
 * The application credential the masters' etcd backups use: restricted (it cannot create credentials)
 * and limited by access rules to the objects of the backup container. A master that is taken over can
 * then reach the backups, but neither the registry's container nor any other OpenStack API of the
 * project (servers, volumes, networks, load balancers), which the cluster credential can.
 * Keystone honours access rules only for services that check them (keystonemiddleware's auth_token,
 * OpenStack Swift's proxy); it refuses the credential's tokens at other services.
 */
export class BackupCredential extends Construct {
  public readonly credential: IdentityApplicationCredentialV3;

  constructor(scope: Construct, id: string, props: BackupCredentialProps) {
    super(scope, id);
    this.credential = new IdentityApplicationCredentialV3(this, 'credential', {
      name: props.name,
      description: 'Berth etcd backups: the objects of the backup container only',
      roles: [...props.roles],
      unrestricted: false,
      expiresAt: props.expiresAt,
      accessRules: etcdBackupAccessRules(props.container).map((rule) => ({ ...rule })),
    });
  }
}
