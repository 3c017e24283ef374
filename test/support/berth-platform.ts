import {
  LoadPlatformOptions,
  ResolvePlatformOptions,
  ResolvedPlatform,
  loadPlatform as loadConfigPlatform,
  loadPlatformFile as loadConfigPlatformFile,
  resolvePlatform as resolveConfigPlatform,
} from '../../config';
import { PLATFORM_ADDONS } from '../../constructs/addons/platform-addons';

/** What main.ts hands the config loader from Berth's add-on registry: their sections and namespaces. */
const PLATFORM_ADDON_OPTIONS = {
  addonSections: PLATFORM_ADDONS.sections,
  addonNamespaces: PLATFORM_ADDONS.namespaces,
};

/**
 * `resolvePlatform` as main.ts calls it: with the sections of Berth's add-ons (`PLATFORM_ADDONS`), which
 * read their own config next to their constructs. `options.addonSections` / `addonNamespaces` replace them.
 */
export function resolvePlatform(
  input: unknown,
  source?: string,
  options: ResolvePlatformOptions = {},
): ResolvedPlatform {
  return resolveConfigPlatform(input, source, { ...PLATFORM_ADDON_OPTIONS, ...options });
}

/** `loadPlatform` as main.ts calls it: with the sections of Berth's add-ons. */
export function loadPlatform(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  options: LoadPlatformOptions = {},
): ResolvedPlatform {
  return loadConfigPlatform(argv, env, { ...PLATFORM_ADDON_OPTIONS, ...options });
}

/** `loadPlatformFile` with the sections of Berth's add-ons. */
export function loadPlatformFile(file: string, options: LoadPlatformOptions = {}): ResolvedPlatform {
  return loadConfigPlatformFile(file, { ...PLATFORM_ADDON_OPTIONS, ...options });
}
