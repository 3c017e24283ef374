import * as fs from 'fs';
import { INPUT_LIMITS } from './input-limits';
import { ConfigError, NOT_A_VALUE, Problems, TOP_LEVEL } from './problems';
import { readDocument } from './read-document';
import { REQUIRED_FACTS_HINT } from './required-facts';
import { ResolvePlatformOptions, resolvePlatform } from './resolve-platform';
import { ResolvedPlatform } from './resolved-platform';

/** Environment variable naming a platform file, used when no `--config` argument is given. */
export const CONFIG_ENV_VAR = 'BERTH_CONFIG';

/**
 * Finds the platform file named by `--config FILE` (or `--config=FILE`) in `argv`, else by the
 * `BERTH_CONFIG` environment variable; undefined means the embedded default platform.
 */
export function configPathFrom(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--config') {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) {
        throw new ConfigError([
          { path: '--config', value: undefined, message: 'needs a file name: --config my-platform.yaml' },
        ]);
      }
      return next;
    }
    if (argv[i].startsWith('--config=')) return argv[i].slice('--config='.length);
  }
  return env[CONFIG_ENV_VAR] || undefined;
}

/** How a platform is loaded. */
export type LoadPlatformOptions = Pick<ResolvePlatformOptions, 'addonSections' | 'addonNamespaces'>;

/**
 * Reads and resolves a platform file (YAML or JSON; JSON is YAML). Every failure, from a missing file to
 * a bad CIDR, is a `ConfigError` with a message for humans; nothing here throws anything else.
 */
export function loadPlatformFile(file: string, options: LoadPlatformOptions = {}): ResolvedPlatform {
  let bytes: Uint8Array;
  try {
    const size = fs.statSync(file).size;
    if (size > INPUT_LIMITS.fileBytes) {
      throw new ConfigError(
        [
          {
            path: TOP_LEVEL,
            value: NOT_A_VALUE,
            message: `is ${size} bytes; a platform file is at most 1 MiB`,
          },
        ],
        file,
      );
    }
    bytes = fs.readFileSync(file);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (err as Error).message;
    throw new ConfigError([{ path: '--config', value: file, message: `cannot be read: ${reason}` }]);
  }
  const read = readDocument(bytes);
  if (!read.ok) throw new ConfigError(read.problems, file);
  const problems = new Problems();
  if (read.empty) {
    problems.add(TOP_LEVEL, NOT_A_VALUE, `is empty (or only comments); ${REQUIRED_FACTS_HINT}`);
    problems.throwIfAny(file);
  }
  return resolvePlatform(read.data, file, { ...options, requireCloudFacts: true });
}

/** The platform for this run: the named file, or the embedded default. */
export function loadPlatform(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  options: LoadPlatformOptions = {},
): ResolvedPlatform {
  const file = configPathFrom(argv, env);
  return file === undefined ? resolvePlatform({}, undefined, options) : loadPlatformFile(file, options);
}
