/**
 * `npm run pin-images -- [--check | --refresh]`: pins every image the platform runs by digest. Resolves
 * each recorded image (the charts' images and Berth's own, `recordedImages()`) through its registry and
 * writes constructs/addons/core/image-digests.json; synthesis then writes each digest through the chart's
 * digest key or into Berth's objects. Needs a machine that reaches the registries; `--check` works offline.
 *
 * Exit codes: 0 done (every image pinned), 1 images left pinned by tag only, 2 bad arguments or file.
 */
import * as path from 'path';
import { IMAGE_DIGESTS_FILE } from '../constructs/addons/core/image-digests';
import { distinctImages } from '../constructs/addons/image-pins';
import { resolveDigest } from './images/oci-digest';
import {
  PIN_IMAGES_USAGE,
  PinMode,
  imagesWithoutDigest,
  parsePinArgs,
  pinImages,
} from './images/pin-images-run';

async function main(): Promise<number> {
  const mode = parsePinArgs(process.argv.slice(2));
  if (typeof mode === 'object') {
    if (mode.message) console.error(mode.message);
    console.error(PIN_IMAGES_USAGE);
    return mode.message ? 2 : 0;
  }
  const file = path.resolve(IMAGE_DIGESTS_FILE);
  const images = distinctImages();
  if (mode === PinMode.CHECK) {
    const tagOnly = imagesWithoutDigest(images, file);
    for (const key of tagOnly) console.log(`pinned by tag only: ${key}`);
    console.log(
      `${images.length - tagOnly.length} of ${images.length} images pinned by digest (${IMAGE_DIGESTS_FILE})`,
    );
    return tagOnly.length > 0 ? 1 : 0;
  }
  const result = await pinImages({ images, file, mode, resolve: (image) => resolveDigest(image) });
  for (const [key, digest] of [...result.resolved].sort()) console.log(`${key}@${digest}`);
  for (const key of result.dropped) console.log(`dropped (no longer recorded): ${key}`);
  for (const failure of result.failures) console.error(`not resolved: ${failure}`);
  console.log(
    `${images.length - result.tagOnly.length} of ${images.length} images pinned by digest; wrote ${IMAGE_DIGESTS_FILE}`,
  );
  return result.tagOnly.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err.message);
    process.exit(2);
  },
);
