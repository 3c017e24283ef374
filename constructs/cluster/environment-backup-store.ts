import { Construct } from 'constructs';
import { IdentityApplicationCredentialV3 } from '../../.gen/providers/openstack/identity-application-credential-v3';
import { ObjectstorageContainerV1 } from '../../.gen/providers/openstack/objectstorage-container-v1';

// Each environment's backing-service dumps go to a Swift container of its own, written with an
// application credential of its own whose access rules name that container only: a pod of one
// environment can neither read nor delete another's backups. Decision:
// docs/decisions/0028-backing-service-backups.md.

/** Name of an environment's backup container: `<platform>-<cluster>-backups-<env>`. */
export function environmentBackupContainerName(namePrefix: string, environment: string): string {
  return `${namePrefix}-backups-${environment}`;
}

/** Keystone's service type of Swift, as access rules and the catalog name it. */
export const OBJECT_STORE_SERVICE = 'object-store';

/**
 * The Swift requests the backups make (rclone's swift backend): on the container, HEAD (exists?), GET
 * (list) and PUT (create when missing); on its objects, HEAD, GET, PUT and DELETE; the same on
 * `<container>_segments`, where rclone puts the parts of dumps over 5 GiB. The account segment of the
 * path (`AUTH_<project>`) is a wildcard: the reseller prefix differs between clouds.
 */
export function backupAccessRules(container: string): { service: string; method: string; path: string }[] {
  const rules: { service: string; method: string; path: string }[] = [];
  for (const name of [container, `${container}_segments`]) {
    for (const method of ['HEAD', 'GET', 'PUT']) {
      rules.push({ service: OBJECT_STORE_SERVICE, method, path: `/v1/*/${name}` });
    }
    for (const method of ['HEAD', 'GET', 'PUT', 'DELETE']) {
      rules.push({ service: OBJECT_STORE_SERVICE, method, path: `/v1/*/${name}/**` });
    }
  }
  return rules;
}

export interface EnvironmentBackupStoreProps {
  /** Prefix of OpenStack names, e.g. `berth-main`. */
  readonly namePrefix: string;
  readonly environment: string;
  /** Roles delegated to the credential (those of the cluster's own credential: Swift access). */
  readonly roles: readonly string[];
  /**
   * Restrict the credential to the container with Keystone access rules. Swift must validate tokens
   * with keystonemiddleware and `service_type = object-store` in its `[filter:authtoken]` (access rules
   * fail closed elsewhere: Keystone refuses such tokens to services that do not enforce them).
   * @default true
   */
  readonly accessRules?: boolean;
  /**
   * RFC 3339 expiry of the credential.
   * @default no expiry
   */
  readonly expiresAt?: string;
}

/** One environment's backup container and the credential that may use it, and only it. */
export class EnvironmentBackupStore extends Construct {
  public readonly container: ObjectstorageContainerV1;
  public readonly credential: IdentityApplicationCredentialV3;

  constructor(scope: Construct, id: string, props: EnvironmentBackupStoreProps) {
    super(scope, id);
    const name = environmentBackupContainerName(props.namePrefix, props.environment);
    // Private (no ACL), not versioned (retention deletes), kept on destroy unless emptied first.
    this.container = new ObjectstorageContainerV1(this, 'container', {
      name,
      metadata: { 'berth-purpose': 'backups', 'berth-environment': props.environment },
      forceDestroy: false,
    });
    this.credential = new IdentityApplicationCredentialV3(this, 'credential', {
      name: `${name}-writer`,
      description: `Berth: backups of environment ${props.environment}, container ${name} only`,
      roles: [...props.roles],
      unrestricted: false,
      expiresAt: props.expiresAt,
      accessRules: props.accessRules === false ? undefined : backupAccessRules(name),
    });
  }
}
