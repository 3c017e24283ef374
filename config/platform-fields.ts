import { Cidr } from './cidr';
import { DataSize } from './data-size';
import { parsed, z } from './schema';

/** Field kinds the platform's sections share: node volume sizes and IPv4 networks. */

/** Largest node volume: 16 TiB, far beyond a node's root disk (a judgement against typos). */
export const MAX_VOLUME_GIB = 16 * 1024;

export const CIDR_ALLOWED = 'an IPv4 network in CIDR notation with zero host bits, e.g. "10.0.0.0/24"';
export const SIZE_ALLOWED = 'a size such as "40Gi" (units Mi, Gi, Ti)';

/** A node volume size: whole GiB within Cinder's and our bounds. */
export function parseVolumeSize(text: string): DataSize | undefined {
  const size = DataSize.tryParse(text);
  return size && size.isWholeGibibytes && size.toGibibytes() >= 10 && size.toGibibytes() <= MAX_VOLUME_GIB
    ? size
    : undefined;
}

/** A node's root volume size field: a size Cinder allocates in whole GiB, within `MAX_VOLUME_GIB`. */
export const volumeSizeField = (doc: string) =>
  parsed(DataSize.tryParse, SIZE_ALLOWED, { doc }).check(
    z.refine((value: string) => parseVolumeSize(value) !== undefined, {
      error: `must be a whole number of Gi from "10Gi" to "${MAX_VOLUME_GIB / 1024}Ti" (Cinder allocates whole GiB)`,
      abort: true,
    }),
  );

/** An IPv4 network field in CIDR notation. */
export const cidrField = (doc: string) => parsed(Cidr.tryParse, CIDR_ALLOWED, { doc });
