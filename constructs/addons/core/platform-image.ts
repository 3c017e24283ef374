import { IMAGE_DIGEST } from '../../core/image-digest';

/** A container image as its publisher tags it. */
export interface ImageTag {
  /** Full repository, registry host included: `registry.k8s.io/metrics-server/metrics-server`. */
  readonly repository: string;
  /** The tag the chart (or Berth) runs. */
  readonly tag: string;
}

/** Digests by image key (`repository:tag`), each `sha256:` and 64 hex digits. */
export type ImageDigests = ReadonlyMap<string, string>;

/** `repository:tag`: the key a digest is recorded under. */
export function imageKey(image: ImageTag): string {
  return `${image.repository}:${image.tag}`;
}

/** How a chart's values take one image's digest. */
export enum DigestForm {
  /** The chart renders `repository[:tag]@<value>`: the value is the full `sha256:…` digest. */
  DIGEST = 'digest',
  /** The chart renders `repository:tag@sha256:<value>`: the value is the 64 hex digits alone. */
  SHA = 'sha',
  /** The chart has no digest key and renders `repository:<value>`: the value is `tag@sha256:…`. */
  TAG = 'tag',
  /** The value is the whole reference, `repository:tag@sha256:…`. */
  REFERENCE = 'reference',
}

/** The values key (dotted path, e.g. `image.digest`) through which a chart pins one image by digest. */
export class DigestKey {
  /** A digest key proper: `sha256:…` at `path`. */
  public static digest(path: string): DigestKey {
    return new DigestKey(DigestForm.DIGEST, path);
  }

  /** A `sha` key that takes the hex digits only (the chart writes `@sha256:` itself). */
  public static sha(path: string): DigestKey {
    return new DigestKey(DigestForm.SHA, path);
  }

  /** No digest key: the tag key takes `tag@sha256:…`, which the template writes after `repository:`. */
  public static tag(path: string): DigestKey {
    return new DigestKey(DigestForm.TAG, path);
  }

  /** A key that takes the full image reference. */
  public static reference(path: string): DigestKey {
    return new DigestKey(DigestForm.REFERENCE, path);
  }

  private constructor(
    public readonly form: DigestForm,
    public readonly path: string,
  ) {
    if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(path)) {
      throw new Error(`internal: digest key "${path}" must be a dotted path of values keys`);
    }
  }

  /** The value this key takes to pin `image` at `digest`. */
  public value(image: ImageTag, digest: string): string {
    if (!IMAGE_DIGEST.test(digest)) {
      throw new Error(`internal: digest "${digest}" of ${imageKey(image)} is not sha256: and 64 hex digits`);
    }
    switch (this.form) {
      case DigestForm.DIGEST:
        return digest;
      case DigestForm.SHA:
        return digest.slice('sha256:'.length);
      case DigestForm.TAG:
        return `${image.tag}@${digest}`;
      case DigestForm.REFERENCE:
        return `${imageKey(image)}@${digest}`;
    }
  }

  /** The chart values that set this key, nested: `image.digest` gives `{ image: { digest } }`. */
  public values(image: ImageTag, digest: string): Record<string, unknown> {
    return this.path
      .split('.')
      .reduceRight<unknown>((inner, key) => ({ [key]: inner }), this.value(image, digest)) as Record<
      string,
      unknown
    >;
  }
}

/** One image a chart's templates render at the pinned version with Berth's values. */
export interface ChartImage extends ImageTag {
  /** Where the chart takes this image's digest (checked in its templates at the pinned version). */
  readonly digestKey: DigestKey;
  /**
   * When the chart runs it, if not always (a hook Job, an optional feature).
   * @default always
   */
  readonly runsWhen?: string;
}

/** The images of one pinned chart. */
export interface ChartImages {
  /**
   * Where the chart's templates and defaults were read to list these images: the tag or commit at the
   * pinned version (named in this text, so a version bump without a new reading fails the tests).
   */
  readonly readAt: string;
  readonly images: readonly ChartImage[];
}

/** An image Berth writes into its own objects (no chart in between). */
export interface ObjectImage extends ImageTag {
  /** The objects that run it. */
  readonly usedBy: string;
  /** Where the tag was chosen or confirmed (an upstream tag, a default in upstream source). */
  readonly source: string;
}

/** `repository:tag@sha256:…` when a digest is recorded, else `repository:tag`. */
export function imageReference(image: ImageTag, digests: ImageDigests): string {
  const digest = digests.get(imageKey(image));
  return digest === undefined ? imageKey(image) : `${imageKey(image)}@${digest}`;
}

/** The chart values that pin every image of `images` whose digest is recorded, merged into one object. */
export function chartDigestValues(images: ChartImages, digests: ImageDigests): Record<string, unknown> {
  let values: Record<string, unknown> = {};
  for (const image of images.images) {
    const digest = digests.get(imageKey(image));
    if (digest !== undefined) values = mergeValues(values, image.digestKey.values(image, digest), '');
  }
  return values;
}

/**
 * `base` with `overlay` merged in, objects key by key. A key both set to different plain values is an
 * internal error: an add-on must not set the image keys the digest record owns.
 */
export function mergeValues(
  base: Record<string, unknown>,
  overlay: Record<string, unknown>,
  at = '',
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const path = at ? `${at}.${key}` : key;
    const current = merged[key];
    if (current === undefined) {
      merged[key] = value;
    } else if (isPlainObject(current) && isPlainObject(value)) {
      merged[key] = mergeValues(current, value, path);
    } else if (current !== value) {
      throw new Error(
        `internal: chart values key ${path} is set by the add-on and by the image digest record; leave image keys to the add-on's <add-on>-images.ts`,
      );
    }
  }
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
