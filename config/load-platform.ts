import * as fs from 'fs';
import * as YAML from 'yaml';
import { ConfigError } from './problems';
import { resolvePlatform } from './resolve-platform';
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

/**
 * Reads and resolves a platform file (YAML or JSON; JSON is YAML). Every failure, from a missing file to
 * a bad CIDR, is a `ConfigError` with a message for humans.
 */
export function loadPlatformFile(file: string): ResolvedPlatform {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new ConfigError([{ path: '--config', value: file, message: `cannot be read: ${reason}` }]);
  }
  const doc = YAML.parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((e) => ({ path: '(file)', value: undefined, message: e.message.split('\n')[0] })),
      file,
    );
  }
  return resolvePlatform(doc.toJS() ?? {}, file);
}

/** The platform for this run: the named file, or the embedded default. */
export function loadPlatform(argv: readonly string[], env: NodeJS.ProcessEnv): ResolvedPlatform {
  const file = configPathFrom(argv, env);
  return file === undefined ? resolvePlatform({}) : loadPlatformFile(file);
}
