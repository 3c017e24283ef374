import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CONFIG_ENV_VAR, ConfigError, configPathFrom, loadPlatform, loadPlatformFile } from '../../config';

function tempFile(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-config-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('configPathFrom', () => {
  test('takes --config FILE, --config=FILE, then the environment variable', () => {
    expect(configPathFrom(['--config', 'a.yaml'], {})).toBe('a.yaml');
    expect(configPathFrom(['--config=b.json'], { [CONFIG_ENV_VAR]: 'c.yaml' })).toBe('b.json');
    expect(configPathFrom([], { [CONFIG_ENV_VAR]: 'c.yaml' })).toBe('c.yaml');
    expect(configPathFrom([], {})).toBeUndefined();
  });

  test('rejects --config without a file', () => {
    expect(errorOf(() => configPathFrom(['--config'], {})).message).toContain(
      '--config: missing; needs a file name',
    );
  });
});

describe('loadPlatformFile', () => {
  test('reads YAML overrides on top of the defaults', () => {
    const file = tempFile(
      'p.yaml',
      [
        'name: acme',
        'clusters:',
        '  - name: prod-eu',
        '    masters: { count: 3 }',
        'environments:',
        '  - name: live',
      ].join('\n'),
    );
    const platform = loadPlatformFile(file);
    expect(platform.name).toBe('acme');
    expect(platform.clusters.map((c) => `${c.name}:${c.masters.count}`)).toEqual(['prod-eu:3']);
    expect(platform.environments.map((e) => [e.name, e.cluster])).toEqual([['live', 'prod-eu']]);
  });

  test('reads JSON', () => {
    const file = tempFile('p.json', JSON.stringify({ cloud: { region: 'RegionTwo' } }));
    expect(loadPlatformFile(file).cloud.region).toBe('RegionTwo');
  });

  test('an empty file is the default platform', () => {
    expect(loadPlatformFile(tempFile('empty.yaml', '')).clusters[0].name).toBe('main');
  });

  test('names the file in validation errors', () => {
    const file = tempFile('bad.yaml', 'clusters:\n  - name: main\n    masters: { count: 2 }\n');
    const error = errorOf(() => loadPlatformFile(file));
    expect(error.message).toContain(`Invalid platform configuration in ${file}: 1 problem`);
    expect(error.message).toContain('clusters[0].masters.count: got 2; must be 1, 3 or 5');
  });

  test('reports YAML syntax errors and duplicate keys without a stack trace', () => {
    const error = errorOf(() => loadPlatformFile(tempFile('dup.yaml', 'name: a\nname: b\n')));
    expect(error.problems[0].path).toBe('(file)');
    expect(error.problems[0].message).toMatch(/unique/i);
    expect(
      errorOf(() => loadPlatformFile(tempFile('syntax.yaml', 'clusters: [\n'))).problems.length,
    ).toBeGreaterThan(0);
  });

  test('reports a missing file', () => {
    expect(errorOf(() => loadPlatformFile('/nonexistent/platform.yaml')).message).toContain(
      '--config: got "/nonexistent/platform.yaml"; cannot be read: no such file',
    );
  });
});

describe('loadPlatform', () => {
  test('uses the embedded default without a file', () => {
    expect(loadPlatform([], {}).clusters[0].minionPools[0].count).toBe(2);
  });

  test('uses the file named by the environment variable', () => {
    const file = tempFile('env.yaml', 'name: fromenv\n');
    expect(loadPlatform([], { [CONFIG_ENV_VAR]: file }).name).toBe('fromenv');
  });
});
