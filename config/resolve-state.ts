import { DEFAULT_PLATFORM_NAME } from './default-platform';
import type { PlatformSchemaOutput } from './platform-config';
import { Problems } from './problems';
import { ResolvedState } from './resolved-platform';
import { StateBackendKind } from './state-config';

type StateOutput = PlatformSchemaOutput['state'];

/** The state section resolved: local, or S3 with its bucket and endpoint required and defaults filled in. */
export function resolveState(problems: Problems, raw: StateOutput): ResolvedState {
  if (raw.backend !== StateBackendKind.S3) {
    for (const key of ['bucket', 'endpoint', 'region', 'keyPrefix'] as const) {
      if (raw[key] !== undefined)
        problems.add(`state.${key}`, raw[key], 'only applies to state.backend "s3"');
    }
    return { kind: StateBackendKind.LOCAL };
  }
  if (raw.bucket === undefined && !problems.reported('state.bucket')) {
    problems.add('state.bucket', raw.bucket, 'is required for the s3 backend');
  }
  if (raw.endpoint === undefined && !problems.reported('state.endpoint')) {
    problems.add('state.endpoint', raw.endpoint, 'is required for the s3 backend: an https:// URL');
  }
  return {
    kind: StateBackendKind.S3,
    bucket: raw.bucket ?? '',
    endpoint: raw.endpoint ?? '',
    region: raw.region ?? 'us-east-1',
    keyPrefix: raw.keyPrefix ?? DEFAULT_PLATFORM_NAME,
  };
}
