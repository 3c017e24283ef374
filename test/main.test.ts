import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { clustersYaml, platformYaml } from './support/platform-file';
import { programSources } from './support/project-sources';

/**
 * End-to-end: runs the built entry point (`npm test` builds it first) as `npm run synth` does, from two
 * different checkout paths, and checks what it writes.
 */
const ROOT = path.join(__dirname, '..');
const MAIN = path.join(ROOT, 'dist', 'main.js');
const SOURCES = [...programSources(), 'dist'];

/** A checkout at a new path: the sources, their build (current, so not rebuilt), the installed packages. */
function checkout(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-checkout-'));
  for (const entry of SOURCES) fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

function synth(dir: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [path.join('scripts', 'build.js'), '--run', 'main', ...args], {
    cwd: dir,
    encoding: 'utf8',
    // No PATH: synthesis must need no external program (no terraform binary on a fresh machine). Every
    // run synthesizes (no replay of an unchanged run) unless a test asks otherwise.
    env: { PATH: '/nonexistent', BERTH_REPLAY: 'off', ...env },
  });
}

/** Every file under `dir`, relative, with its bytes. */
function tree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else files.set(rel, fs.readFileSync(path.join(dir, rel)));
    }
  };
  walk('');
  return files;
}

beforeAll(() => {
  if (!fs.existsSync(MAIN))
    throw new Error(`${MAIN} is missing: run \`npm run build\` (npm test does) first`);
});

describe('npm run synth', () => {
  test('output is byte-identical across runs and checkout paths, and names no path of the machine', () => {
    const a = checkout();
    const b = checkout();
    for (const dir of [a, b, a]) {
      const run = synth(dir);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      if (dir === a && !fs.existsSync(path.join(a, 'first')))
        fs.cpSync(path.join(a, 'cdktf.out'), path.join(a, 'first'), { recursive: true });
    }
    const first = tree(path.join(a, 'first'));
    const again = tree(path.join(a, 'cdktf.out'));
    const elsewhere = tree(path.join(b, 'cdktf.out'));
    expect([...first.keys()].sort()).toEqual([...elsewhere.keys()].sort());
    expect([...first.keys()]).toContain(path.join('stacks', 'main-infra', 'cdk.tf.json'));
    for (const [file, bytes] of first) {
      expect(again.get(file)?.equals(bytes)).toBe(true);
      expect(elsewhere.get(file)?.equals(bytes)).toBe(true);
      const text = bytes.toString('utf8');
      for (const root of [a, b, ROOT]) expect(text).not.toContain(root);
      expect(text).not.toContain(path.join(os.tmpdir(), 'berth-checkout-'));
    }
  });

  test('writes every environment as YAML for review', () => {
    const dir = checkout();
    expect(synth(dir).status).toBe(0);
    for (const env of ['dev', 'test', 'prod']) {
      expect(fs.existsSync(path.join(dir, 'cdktf.out', 'manifests', 'main', `${env}.k8s.yaml`))).toBe(true);
    }
  });

  test('a bad config prints every problem, exits non-zero and writes nothing', () => {
    const dir = checkout();
    fs.writeFileSync(
      path.join(dir, 'bad.yaml'),
      platformYaml(
        ...clustersYaml('main'),
        '    masters: { count: 2 }',
        '    podCidr: 10.96.0.0/16',
        'environments:',
        '  - name: dev',
        '    cluster: nowhere',
      ),
    );
    const run = synth(dir, ['--config', 'bad.yaml']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Invalid platform configuration in bad.yaml: 3 problems');
    expect(run.stderr).toContain('clusters[0].masters.count: got 2; must be 1, 3 or 5');
    expect(run.stderr).toContain(
      'clusters[0].serviceCidr: got "10.96.0.0/12"; must not overlap clusters[0].podCidr',
    );
    expect(run.stderr).toContain(
      'environments[0].cluster: got "nowhere"; must name a cluster in clusters (main)',
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(dir, 'cdktf.out'))).toBe(false);
  });

  test('takes the config from BERTH_CONFIG too', () => {
    const dir = checkout();
    fs.writeFileSync(path.join(dir, 'two.yaml'), platformYaml(...clustersYaml('alpha', 'beta')));
    const run = synth(dir, [], { BERTH_CONFIG: 'two.yaml' });
    expect(run.status).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'cdktf.out', 'stacks')).sort()).toEqual(
      expect.arrayContaining(['alpha-infra', 'beta-infra']),
    );
  });

  test('an app file under apps/teams/ that index.ts does not register fails the synth', () => {
    const dir = checkout();
    fs.writeFileSync(path.join(dir, 'apps', 'teams', 'shop.ts'), 'export const shop = {};\n');
    const run = synth(dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('  - apps/teams/shop.ts: is not registered, so it would deploy nothing');
    expect(fs.existsSync(path.join(dir, 'cdktf.out'))).toBe(false);
  });

  test("under the cdktf CLI: the demo is refused; Terraform's providers and lock survive a new synthesis", () => {
    const dir = checkout();
    const cli = { CDKTF_CONTEXT_JSON: '{}' };
    const refused = synth(dir, [], cli);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(
      '  - BERTH_CONFIG: missing; must name your platform file under the cdktf CLI',
    );
    expect(fs.existsSync(path.join(dir, 'cdktf.out'))).toBe(false);

    fs.writeFileSync(path.join(dir, 'acme.yaml'), platformYaml(...clustersYaml('main')));
    expect(synth(dir, [], { ...cli, BERTH_CONFIG: 'acme.yaml' }).status).toBe(0);
    const stack = path.join(dir, 'cdktf.out', 'stacks', 'main-infra');
    fs.mkdirSync(path.join(stack, '.terraform', 'providers'), { recursive: true });
    fs.writeFileSync(path.join(stack, '.terraform.lock.hcl'), '# lock\n');
    const again = synth(dir, [], { ...cli, BERTH_CONFIG: 'acme.yaml' });
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('Provider lock of main-infra updated');
    expect(fs.readdirSync(stack).sort()).toEqual(['.terraform', '.terraform.lock.hcl', 'cdk.tf.json']);
    expect(fs.readFileSync(path.join(dir, 'terraform-locks', 'main-infra.terraform.lock.hcl'), 'utf8')).toBe(
      '# lock\n',
    );
  });

  test('an unchanged synthesis prints the same again and writes nothing; a changed platform file synthesizes', () => {
    const dir = checkout();
    const replay = { BERTH_REPLAY: 'on' };
    fs.writeFileSync(path.join(dir, 'acme.yaml'), platformYaml(...clustersYaml('main')));
    const first = synth(dir, ['--config', 'acme.yaml'], replay);
    expect(first.status).toBe(0);
    const stack = path.join(dir, 'cdktf.out', 'stacks', 'main-infra', 'cdk.tf.json');
    synth(dir, ['--config', 'acme.yaml'], replay);
    const written = fs.statSync(stack).mtimeMs;
    const again = synth(dir, ['--config', 'acme.yaml'], replay);
    expect(again.status).toBe(0);
    expect(again.stdout).toBe(first.stdout);
    expect(again.stderr).toBe('');
    expect(fs.statSync(stack).mtimeMs).toBe(written);

    fs.writeFileSync(path.join(dir, 'acme.yaml'), platformYaml(...clustersYaml('alpha')));
    const changed = synth(dir, ['--config', 'acme.yaml'], replay);
    expect(changed.status).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'cdktf.out', 'stacks'))).toContain('alpha-infra');
    expect(fs.existsSync(stack)).toBe(false);
  });

  test('prints which platform file it used', () => {
    const dir = checkout();
    fs.writeFileSync(path.join(dir, 'acme.yaml'), platformYaml(...clustersYaml('main')));
    expect(synth(dir, ['--config', 'acme.yaml']).stdout).toContain('Platform: acme.yaml\n');
  });
});

describe('bad platform files (more in test/config): exit 2, a path for every problem, no stack trace, nothing written', () => {
  test.each([
    ['an empty file', Buffer.from(''), '(top level): is empty (or only comments)'],
    [
      'a UTF-16 file',
      Buffer.from('\ufeffname: acme\n', 'utf16le'),
      '(top level): is UTF-16 encoded; save it as UTF-8',
    ],
    [
      'a constructor key in an environment config',
      Buffer.from(
        platformYaml(
          ...clustersYaml('main'),
          'environments:',
          '  - name: dev',
          '    config: { constructor: x }',
        ),
      ),
      'environments[0].config.constructor: got "constructor"; is reserved',
    ],
  ])('%s', (_, bytes, expected) => {
    const dir = checkout();
    fs.writeFileSync(path.join(dir, 'bad.yaml'), bytes);
    const run = synth(dir, ['--config', 'bad.yaml']);
    expect(run.stderr).toContain(`  - ${expected}`);
    expect(run.status).toBe(2);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr).not.toMatch(/^\s+- :/m);
    expect(fs.existsSync(path.join(dir, 'cdktf.out'))).toBe(false);
  });
});
