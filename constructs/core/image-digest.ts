/** A content digest: only sha256 is accepted, written in full (`sha256:` and 64 lower-case hex digits). */
export const IMAGE_DIGEST = /^sha256:[a-f0-9]{64}$/;

/** Whether `value` is a full sha256 content digest. */
export function isImageDigest(value: unknown): value is string {
  return typeof value === 'string' && IMAGE_DIGEST.test(value);
}
