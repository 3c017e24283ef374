import {
  LoadPlatformOptions,
  ResolvePlatformOptions,
  ResolvedPlatform,
  loadPlatform as loadConfigPlatform,
  loadPlatformFile as loadConfigPlatformFile,
  resolvePlatform as resolveConfigPlatform,
} from '../../config';
import { PLATFORM_ADDONS } from '../../constructs/addons/platform-addons';

/**
 * `resolvePlatform` as main.ts calls it: with the sections of Berth's add-ons (`PLATFORM_ADDONS`), which
 * read their own config next to their constructs. `options.addonSections` replaces them.
 */
export function resolvePlatform(
  input: unknown,
  source?: string,
  options: ResolvePlatformOptions = {},
): ResolvedPlatform {
  return resolveConfigPlatform(input, source, { addonSections: PLATFORM_ADDONS.sections, ...options });
}

/** `loadPlatform` as main.ts calls it: with the sections of Berth's add-ons. */
export function loadPlatform(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  options: LoadPlatformOptions = {},
): ResolvedPlatform {
  return loadConfigPlatform(argv, env, { addonSections: PLATFORM_ADDONS.sections, ...options });
}

/** `loadPlatformFile` with the sections of Berth's add-ons. */
export function loadPlatformFile(file: string, options: LoadPlatformOptions = {}): ResolvedPlatform {
  return loadConfigPlatformFile(file, { addonSections: PLATFORM_ADDONS.sections, ...options });
}
