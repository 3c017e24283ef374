import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { escapeTerraformText } from '../core/terraform-escape';
import { MANAGED_BY, WorkloadLabel } from '../core/workload-labels';
import { BACKUP_STORE_SECRET, BackupStoreKey } from './backup-store';

/** What the `backup-store` Secret of one environment holds. */
export interface BackupStoreSecretProps {
  /** The environment's namespace. */
  readonly namespace: string;
  /** Keystone v3 URL (plain text from the config). */
  readonly authUrl: string;
  /** Region of the object store (plain text from the config). */
  readonly region: string;
  /** The environment's own Swift container (a Terraform reference). */
  readonly container: string;
  /** The application credential restricted to that container (Terraform references). */
  readonly credentialId: string;
  readonly credentialSecret: string;
  /**
   * PEM of the private CA of the cloud's endpoints.
   * @default the system's CAs (the key is written empty)
   */
  readonly caCertificatePem?: string;
  /** The namespace resource, when Terraform creates it. @default nothing */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * An environment's `backup-store` Secret, written by the `<cluster>-environments` stack: the store's
 * settings and the environment's own credential, which cross over from the cluster stack as references
 * (never part of a synthesized file). The backup pods mount it, one file per key.
 */
export class BackupStoreSecret extends Construct {
  public readonly secret: SecretV1;

  constructor(scope: Construct, id: string, props: BackupStoreSecretProps) {
    super(scope, id);
    const data: Record<BackupStoreKey, string> = {
      [BackupStoreKey.TYPE]: 'swift',
      [BackupStoreKey.CONTAINER]: props.container,
      [BackupStoreKey.AUTH_URL]: escapeTerraformText(props.authUrl),
      [BackupStoreKey.REGION]: escapeTerraformText(props.region),
      [BackupStoreKey.CREDENTIAL_ID]: props.credentialId,
      [BackupStoreKey.CREDENTIAL_SECRET]: props.credentialSecret,
      [BackupStoreKey.CA_CERTIFICATE]: escapeTerraformText(props.caCertificatePem ?? ''),
    };
    this.secret = new SecretV1(this, 'secret', {
      metadata: {
        name: BACKUP_STORE_SECRET,
        namespace: props.namespace,
        labels: {
          [WorkloadLabel.MANAGED_BY]: MANAGED_BY,
          [WorkloadLabel.ENVIRONMENT]: props.namespace,
          'app.kubernetes.io/part-of': 'backups',
        },
      },
      type: 'Opaque',
      data,
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });
  }
}
