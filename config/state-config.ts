import { oneOf, optional, section, text, url, withDefault, z } from './schema';
import type { DeepReadonly } from './schema';

/** Kind of Terraform backend for every stack. */
export enum StateBackendKind {
  /** State files beside the project, at `terraform.<stack>.tfstate` (one operator). */
  LOCAL = 'local',
  /** An S3-compatible bucket (Swift's S3 API, Ceph RGW, MinIO) shared by a team. */
  S3 = 's3',
}

/** Where Terraform state lives. */
export const stateSchema = section(
  {
    backend: withDefault(
      oneOf(
        Object.values(StateBackendKind) as [StateBackendKind, ...StateBackendKind[]],
        undefined,
        'Backend kind.',
      ),
      StateBackendKind.LOCAL,
    ),
    bucket: optional(text({ doc: 'S3 only: bucket name.' })),
    endpoint: optional(
      url({
        allowed: 'the https:// URL of the S3-compatible service',
        doc: 'S3 only: endpoint URL of the S3-compatible service.',
      }),
    ),
    region: optional(text({ doc: 'S3 only: region string the service expects. Default: "us-east-1".' })),
    keyPrefix: optional(
      text({
        pattern: /^[A-Za-z0-9][A-Za-z0-9._/-]*$/,
        allowed: 'a key prefix of letters, digits, ".", "_", "-" and "/"',
        doc: 'S3 only: key prefix; each stack\'s state is `<prefix>/<stack>.tfstate`. Default: the platform name\'s default, "berth".',
      }),
    ),
  },
  'Where Terraform keeps state for every stack.',
);

export type StateConfig = DeepReadonly<z.input<typeof stateSchema>>;
