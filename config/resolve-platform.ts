import { checkAdminNetworks } from './check-networks';
import { checkPlatform } from './check-platform';
import { checkInputLimits } from './input-limits';
import { checkRequiredFacts } from './required-facts';
import { ConfigError, Problems } from './problems';
import { AddonSection } from './addon-section';
import { AddonNamespaceClaim } from './platform-names';
import { platformSchemaFor } from './resolve-addons';
import { resolveCloud } from './resolve-cloud';
import { resolveClusters } from './resolve-cluster';
import { resolveEnvironments } from './resolve-environments';
import { resolveState } from './resolve-state';
import { ResolvedPlatform } from './resolved-platform';
import { readSection } from './schema';

export interface ResolvePlatformOptions {
  /**
   * Require the cloud facts only the deployer knows (`REQUIRED_FACTS_HINT`), as for a platform file.
   * @default false (the embedded demo and typed configs in tests use the placeholders)
   */
  readonly requireCloudFacts?: boolean;
  /**
   * Sections of the add-ons, defined outside config/, from their registry (`AddonRegistry.sections`):
   * main.ts hands over those of the registry it synthesizes with.
   * @default none: `addons` then takes `storageClass` only; main.ts passes PLATFORM_ADDONS.sections
   */
  readonly addonSections?: readonly AddonSection[];
  /**
   * Namespaces the registered add-ons declare beyond Berth's own (`AddonRegistry.namespaces`): reserved
   * from environments like `PLATFORM_NAMESPACES`. main.ts hands over those of the registry it synthesizes with.
   * @default none: only Berth's own namespaces are reserved; main.ts passes PLATFORM_ADDONS.namespaces
   */
  readonly addonNamespaces?: readonly AddonNamespaceClaim[];
}

/**
 * Validates an untyped platform description (parsed YAML/JSON, or a typed `PlatformConfig`) against the
 * platform schema, applies every default and runs the checks across fields. Throws one `ConfigError`
 * listing every problem; never returns a half-valid platform.
 *
 * @param input the description; `{}` gives the embedded default platform
 * @param source where the input came from, for the error message (a file name)
 */
export function resolvePlatform(
  input: unknown,
  source?: string,
  options: ResolvePlatformOptions = {},
): ResolvedPlatform {
  const problems = new Problems();
  // Bounds first: a huge or hostile value gets one clear problem, and no field rule ever sees it.
  if (!checkInputLimits(input, problems)) problems.throwIfAny(source);
  const root = input ?? {};
  if (options.requireCloudFacts) checkRequiredFacts(problems, root);
  const addonSections = options.addonSections ?? [];
  const config = readSection(platformSchemaFor(addonSections), root, '', problems);
  if (config === undefined) {
    // A wrong required field or list item leaves nothing whole to check across: its problems are the answer.
    throw new ConfigError(problems.all, source);
  }

  const cloud = resolveCloud(problems, config.cloud);
  const clusters = resolveClusters(problems, config.clusters, cloud, addonSections);
  checkAdminNetworks(problems, cloud, clusters);
  const environments = resolveEnvironments(
    problems,
    config.environments,
    clusters,
    options.addonNamespaces ?? [],
  );
  const state = resolveState(problems, config.state);

  const platform = { name: config.name, cloud, clusters, environments, state };
  checkPlatform(platform, problems, environmentPaths(config.environments));
  problems.throwIfAny(source);
  const warnings = problems.warnings;
  return warnings.length > 0 ? { ...platform, warnings } : platform;
}

/** The config path of each environment, by name (resolved environments skip unnamed entries). */
function environmentPaths(value: unknown): Map<string, string> {
  const paths = new Map<string, string>();
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const name = (item as { name?: unknown } | null)?.name;
      if (typeof name === 'string' && !paths.has(name)) paths.set(name, `environments[${i}]`);
    });
  }
  return paths;
}
