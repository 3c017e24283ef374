import { IMAGE_DIGEST } from '../../core/image-digest';
import { ImageDigests, ImageTag, imageKey, imageReference } from './platform-image';
import RECORDED from './image-digests.json';

/** The file `npm run pin-images` writes: digest by `repository:tag`, keys sorted. */
export const IMAGE_DIGESTS_FILE = 'constructs/addons/core/image-digests.json';

/** An image key: a repository (registry host first) and a tag. */
const IMAGE_KEY = /^[a-z0-9.-]+(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)+:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** Problems of a digest file's content, one sentence each naming the key (empty when valid). */
export function imageDigestProblems(raw: unknown, file: string = IMAGE_DIGESTS_FILE): string[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return [`${file} must be a JSON object of "repository:tag": "sha256:<64 hex digits>"`];
  }
  const problems: string[] = [];
  for (const [key, digest] of Object.entries(raw)) {
    if (!IMAGE_KEY.test(key)) {
      problems.push(
        `${file}: key "${key}" must be "registry/repository:tag", e.g. "quay.io/jetstack/cert-manager-controller:v1.20.2"`,
      );
    }
    if (typeof digest !== 'string' || !IMAGE_DIGEST.test(digest)) {
      problems.push(
        `${file}: "${key}" has ${JSON.stringify(digest)}; a digest is "sha256:" and 64 lower-case hex digits (run npm run pin-images to resolve it)`,
      );
    }
  }
  return problems;
}

/** A digest file's content as digests; throws with every problem at once. */
export function parseImageDigests(raw: unknown, file: string = IMAGE_DIGESTS_FILE): ImageDigests {
  const problems = imageDigestProblems(raw, file);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return new Map(Object.entries(raw as Record<string, string>));
}

/** The digests recorded in the repository (constructs/addons/core/image-digests.json). */
export const RECORDED_IMAGE_DIGESTS: ImageDigests = parseImageDigests(RECORDED);

/** The reference Berth writes for one of its own images: `repository:tag`, with `@sha256:…` once recorded. */
export function recordedImageReference(
  image: ImageTag,
  digests: ImageDigests = RECORDED_IMAGE_DIGESTS,
): string {
  return imageReference(image, digests);
}

/**
 * The tag a chart without a digest key is given for `image`: `tag@sha256:…` once its digest is recorded
 * (what `DigestKey.tag` writes), else the tag alone. For add-ons that name a chart image themselves.
 */
export function recordedTag(image: ImageTag, digests: ImageDigests = RECORDED_IMAGE_DIGESTS): string {
  const digest = digests.get(imageKey(image));
  return digest === undefined ? image.tag : `${image.tag}@${digest}`;
}
