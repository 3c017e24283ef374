import { HelmChartRef } from './core/helm-chart';
import { RECORDED_IMAGE_DIGESTS } from './core/image-digests';
import {
  DigestForm,
  DigestKey,
  ImageDigests,
  ImageTag,
  ObjectImage,
  imageKey,
  imageReference,
} from './core/platform-image';
import { CHART_PINS, OBJECT_IMAGES } from './platform-addons';

/**
 * Every image the platform runs: each pinned chart's images (`HelmChartRef.images`) and the images of Berth's
 * own objects (`OBJECT_IMAGES`), the record `npm run pin-images` resolves digests for and the tests
 * check the synthesized output against. docs/decisions/0025-image-digests.md.
 */
export interface RecordedImage extends ImageTag {
  /** What runs it: `chart loki 6.56.1` or the objects of an add-on. */
  readonly usedBy: string;
  /** For a chart's image, where the chart takes its digest. */
  readonly digestKey?: DigestKey;
}

/** The record: every chart image and every object image, in record order, one entry per use. */
export function recordedImages(
  pins: readonly HelmChartRef[] = CHART_PINS,
  objects: readonly ObjectImage[] = OBJECT_IMAGES,
): RecordedImage[] {
  return [
    ...pins.flatMap((pin) =>
      pin.images.images.map((image) => ({
        repository: image.repository,
        tag: image.tag,
        usedBy: `chart ${pin.chart} ${pin.version}`,
        digestKey: image.digestKey,
      })),
    ),
    ...objects.map((image) => ({ repository: image.repository, tag: image.tag, usedBy: image.usedBy })),
  ];
}

/** The distinct images of the record, sorted by `repository:tag`. */
export function distinctImages(images: readonly ImageTag[] = recordedImages()): ImageTag[] {
  const byKey = new Map(
    images.map((image) => [imageKey(image), { repository: image.repository, tag: image.tag }]),
  );
  return [...byKey.keys()].sort().map((key) => byKey.get(key) as ImageTag);
}

/** Recorded images that have no recorded digest yet: they run by tag alone. */
export function imagesPinnedByTagOnly(
  images: readonly RecordedImage[] = recordedImages(),
  digests: ImageDigests = RECORDED_IMAGE_DIGESTS,
): RecordedImage[] {
  return images.filter((image) => !digests.has(imageKey(image)));
}

/** Digest file keys that name no recorded image (left over from an older pin). */
export function strayDigests(
  digests: ImageDigests = RECORDED_IMAGE_DIGESTS,
  images: readonly ImageTag[] = recordedImages(),
): string[] {
  const known = new Set(images.map(imageKey));
  return [...digests.keys()].filter((key) => !known.has(key)).sort();
}

/** Chart values keys that hold or select images: any values path ending in one of them is an image key. */
const IMAGE_VALUES_KEYS = new Set([
  'image',
  'images',
  'imageRegistry',
  'registry',
  'repository',
  'tag',
  'digest',
  'sha',
]);

/**
 * Paths of `values` (chart values as synthesized) that set an image other than through a recorded digest
 * key with its recorded digest: an add-on that sets an image itself must record it in its <add-on>-images.ts.
 */
export function unrecordedImageValues(
  chart: HelmChartRef,
  values: unknown,
  digests: ImageDigests = RECORDED_IMAGE_DIGESTS,
): string[] {
  // What each recorded key may hold: the digest key its recorded value (for a tag key, the plain tag until
  // a digest is recorded), and the repository key beside it the recorded repository.
  const expected = new Map<string, string | undefined>();
  for (const image of chart.images.images) {
    const digest = digests.get(imageKey(image));
    const key = image.digestKey;
    const plain = key.form === DigestForm.TAG ? image.tag : undefined;
    expected.set(key.path, digest === undefined ? plain : key.value(image, digest));
    if (key.form !== DigestForm.REFERENCE) {
      expected.set(key.path.replace(/[^.]+$/, 'repository'), image.repository);
    }
  }
  const found: string[] = [];
  const walk = (value: unknown, path: string[]): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, [...path, String(i)]));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) walk(inner, [...path, key]);
    } else if (path.some((key) => IMAGE_VALUES_KEYS.has(key)) || looksLikeImage(value)) {
      const dotted = path.join('.');
      if (expected.get(dotted) === undefined || expected.get(dotted) !== value) found.push(dotted);
    }
  };
  walk(values, []);
  return found;
}

/**
 * Image references in Berth's own objects (`image` fields of synthesized resources) that are not what the
 * record writes for an object image (`repository:tag`, or with `@sha256:…` once a digest is recorded).
 */
export function unrecordedObjectImages(
  references: readonly string[],
  objects: readonly ObjectImage[] = OBJECT_IMAGES,
  digests: ImageDigests = RECORDED_IMAGE_DIGESTS,
): string[] {
  const recorded = new Set(objects.map((image) => imageReference(image, digests)));
  return [...new Set(references)].filter((reference) => !recorded.has(reference)).sort();
}

/** A string that names an image by digest, or a registry path with a tag (`host.tld/path:tag`). */
function looksLikeImage(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    (/@sha256:/.test(value) || /^[a-z0-9-]+\.[a-z0-9.-]+(:\d+)?\/[^\s:]+:[\w.-]+$/.test(value))
  );
}
