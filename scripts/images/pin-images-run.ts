/**
 * What `npm run pin-images` does: resolve every recorded image that has no digest yet (all of them with
 * `--refresh`) and write the digest file, keys sorted; with `--check`, only report the images still
 * pinned by tag alone, offline.
 */
import * as fs from 'fs';
import { ImageDigests, ImageTag, imageKey } from '../../constructs/addons/core/platform-image';
import { parseImageDigests } from '../../constructs/addons/core/image-digests';
import { ResolveError } from './oci-digest';

export const PIN_IMAGES_USAGE = `usage: npm run pin-images -- [--check | --refresh]
  (no option)  resolve each recorded image without a digest to its digest (OCI distribution API,
               anonymous pull tokens) and write constructs/addons/core/image-digests.json
  --refresh    resolve every recorded image again, also those with a digest
  --check      resolve nothing: list the images still pinned by tag only (exit 1 when there are any)`;

export enum PinMode {
  MISSING = 'missing',
  REFRESH = 'refresh',
  CHECK = 'check',
}

/** Arguments that are not understood: `message` says why ('' for --help, which only prints the usage). */
export interface PinArgsProblem {
  readonly message: string;
}

/** The mode the arguments ask for, or the problem with them. */
export function parsePinArgs(args: readonly string[]): PinMode | PinArgsProblem {
  const modes = new Set<PinMode>();
  for (const arg of args) {
    if (arg === '--help' || arg === '-h') return { message: '' };
    if (arg === '--check') modes.add(PinMode.CHECK);
    else if (arg === '--refresh') modes.add(PinMode.REFRESH);
    else return { message: `pin-images: unknown argument "${arg}"` };
  }
  if (modes.size > 1) return { message: 'pin-images: give --check or --refresh, not both' };
  return [...modes][0] ?? PinMode.MISSING;
}

/** The digest file's text: keys sorted, two-space JSON, a final newline (byte-identical for equal maps). */
export function digestFileText(digests: ImageDigests): string {
  const sorted: Record<string, string> = {};
  for (const key of [...digests.keys()].sort()) sorted[key] = digests.get(key) as string;
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

/** The digests in `file` (validated), or none when it does not exist. */
export function readDigestFile(file: string): ImageDigests {
  if (!fs.existsSync(file)) return new Map();
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file} is not JSON: ${(err as Error).message}`);
  }
  return parseImageDigests(raw, file);
}

export interface PinResult {
  /** Images resolved in this run, `repository:tag` → digest. */
  readonly resolved: ReadonlyMap<string, string>;
  /** One line per image that could not be resolved. */
  readonly failures: readonly string[];
  /** Digests dropped because no recorded image has their key any more. */
  readonly dropped: readonly string[];
  /** Images without a digest after the run. */
  readonly tagOnly: readonly string[];
}

export interface PinOptions {
  readonly images: readonly ImageTag[];
  readonly file: string;
  readonly mode: PinMode.MISSING | PinMode.REFRESH;
  readonly resolve: (image: ImageTag) => Promise<string>;
  /** @default 4 */
  readonly concurrency?: number;
}

/**
 * Resolves and writes the digest file: digests of recorded images are kept unless `refresh`, digests of
 * images no longer recorded are dropped, failures leave their image pinned by tag (and are reported).
 */
export async function pinImages(options: PinOptions): Promise<PinResult> {
  const current = readDigestFile(options.file);
  const keys = new Set(options.images.map(imageKey));
  const unique = [...new Map(options.images.map((image) => [imageKey(image), image])).values()];
  const todo = unique.filter((image) => options.mode === PinMode.REFRESH || !current.has(imageKey(image)));
  const resolved = new Map<string, string>();
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const image = todo[next++];
      try {
        resolved.set(imageKey(image), await options.resolve(image));
      } catch (err) {
        if (!(err instanceof ResolveError)) throw err;
        failures.push(err.message);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, todo.length) }, worker));
  const digests = new Map<string, string>();
  for (const [key, digest] of current) if (keys.has(key)) digests.set(key, digest);
  for (const [key, digest] of resolved) digests.set(key, digest);
  const text = digestFileText(digests);
  if (!fs.existsSync(options.file) || fs.readFileSync(options.file, 'utf8') !== text) {
    fs.writeFileSync(options.file, text);
  }
  return {
    resolved,
    failures: failures.sort(),
    dropped: [...current.keys()].filter((key) => !keys.has(key)).sort(),
    tagOnly: [...keys].filter((key) => !digests.has(key)).sort(),
  };
}

/** `--check`: the recorded images without a digest in `file`, sorted. */
export function imagesWithoutDigest(images: readonly ImageTag[], file: string): string[] {
  const digests = readDigestFile(file);
  return [...new Set(images.map(imageKey))].filter((key) => !digests.has(key)).sort();
}
