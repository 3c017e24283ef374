import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CONFIG_ENV_VAR, ConfigError, configPathFrom } from '../../config';
import { loadPlatform, loadPlatformFile } from '../support/berth-platform';
import { CLOUD_FACTS_YAML, clustersYaml, platformYaml } from '../support/platform-file';

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
      platformYaml(
        'name: acme',
        'clusters:',
        '  - name: prod-eu',
        '    domain: eu.paas.acme.internal',
        '    masters: { count: 3 }',
        'environments:',
        '  - name: live',
      ),
    );
    const platform = loadPlatformFile(file);
    expect(platform.name).toBe('acme');
    expect(platform.clusters.map((c) => `${c.name}:${c.masters.count}`)).toEqual(['prod-eu:3']);
    expect(platform.environments.map((e) => [e.name, e.cluster])).toEqual([['live', 'prod-eu']]);
  });

  test('reads JSON', () => {
    const file = tempFile(
      'p.json',
      JSON.stringify({
        cloud: {
          externalNetwork: 'ext',
          image: 'ubuntu',
          authUrl: 'https://keystone.acme.internal/v3',
          adminCidrs: ['10.20.0.0/16'],
          flavors: [
            { name: 'm1.medium', vcpus: 2, memory: '4Gi' },
            { name: 'm1.large', vcpus: 4, memory: '8Gi' },
          ],
          region: 'RegionTwo',
        },
        clusters: [{ name: 'main', domain: 'paas.acme.internal' }],
      }),
    );
    expect(loadPlatformFile(file).cloud.region).toBe('RegionTwo');
  });

  test('names the file in validation errors', () => {
    const file = tempFile('bad.yaml', platformYaml(...clustersYaml('main'), '    masters: { count: 2 }'));
    const error = errorOf(() => loadPlatformFile(file));
    expect(error.message).toContain(`Invalid platform configuration in ${file}: 1 problem`);
    expect(error.message).toContain('clusters[0].masters.count: got 2; must be 1, 3 or 5');
  });

  test('reports YAML syntax errors and duplicate keys without a stack trace', () => {
    const error = errorOf(() => loadPlatformFile(tempFile('dup.yaml', 'name: a\nname: b\n')));
    expect(error.problems[0].path).toBe('(top level)');
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
    const file = tempFile('env.yaml', platformYaml('name: fromenv', ...clustersYaml('main')));
    expect(loadPlatform([], { [CONFIG_ENV_VAR]: file }).name).toBe('fromenv');
  });
});

describe('loadPlatformFile: files that are not a platform yet', () => {
  test.each([
    ['an empty file', ''],
    ['a comments-only file', '# TODO: describe the cloud\n\n'],
  ])('refuses %s, naming what to fill in', (_, text) => {
    const error = errorOf(() => loadPlatformFile(tempFile('p.yaml', text)));
    expect(error.problems).toHaveLength(1);
    expect(error.message).toContain(
      '(top level): is empty (or only comments); a platform file describes your cloud',
    );
    expect(error.message).toContain('cloud.externalNetwork, cloud.image, cloud.flavors, cloud.authUrl');
  });

  test('refuses a file that leaves the cloud facts at the demo placeholders, naming each', () => {
    const error = errorOf(() =>
      loadPlatformFile(
        tempFile(
          'p.yaml',
          [
            ...CLOUD_FACTS_YAML.filter((l) => !l.includes('authUrl') && !l.includes('image')),
            '  authUrl: https://openstack.example.com:5000/v3',
            'clusters:',
            '  - name: main',
            '    domain: main.berth.example.com',
            '  - name: second',
            '    nodeCidr: 10.1.0.0/24',
          ].join('\n'),
        ),
      ),
    );
    expect(error.problems.map((p) => [p.path, p.message.split(':')[0]])).toEqual([
      ['cloud.image', 'is required in a platform file'],
      ['cloud.authUrl', "is the demo's placeholder; give your Keystone URL, e.g. https"],
      ['clusters[0].domain', "is the demo's placeholder; give your own domain"],
      ['clusters[1].domain', 'is required in a platform file'],
    ]);
  });

  test.each([
    [
      'a top-level list',
      '- name: main\n',
      '(top level): got [{"name":"main"}]; must be an object (a YAML mapping)',
    ],
    ['a top-level scalar', 'acme\n', '(top level): got "acme"; must be an object (a YAML mapping)'],
    [
      'a binary value',
      platformYaml(...clustersYaml('main'), 'name: !!binary aGVsbG8='),
      'name: got "(Buffer)"; must be a plain',
    ],
    [
      'an overflowing number',
      platformYaml(...clustersYaml('main'), '    networkMtu: 1e400'),
      'clusters[0].networkMtu: got "Infinity"; must be a finite number',
    ],
    [
      'a huge number',
      platformYaml(...clustersYaml('main'), '    networkMtu: 100000000000000000000000'),
      'clusters[0].networkMtu: got 1e+23; is too large',
    ],
    [
      'an alias bomb',
      `a: &a [x, x, x, x, x, x, x, x, x]\n${'bcdefgh'
        .split('')
        .map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)
        .join('\n')}\n`,
      '(top level): expands too many YAML aliases',
    ],
  ])('reports %s with a path', (_, text, expected) => {
    expect(errorOf(() => loadPlatformFile(tempFile('p.yaml', text))).message).toContain(`  - ${expected}`);
  });
});
