import { spawnSync } from 'child_process';
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';

/**
 * The plugins of the packages bundle (scripts/packages-bundle.js), on a bundle of cdktf and cdk8s built
 * with them. `test/scripts/build.test.ts` builds and runs the real one.
 */
const ROOT = path.join(__dirname, '..', '..');
const packagesBundle = createRequire(__filename)(path.join(ROOT, 'scripts', 'packages-bundle.js')) as {
  PACKAGES_PLUGINS: esbuild.Plugin[];
  packagesEntry: (packages: string[]) => string;
};

// Inside the checkout's node_modules, as the real bundle is: its lazy imports are found from there.
const OUT = path.join(ROOT, 'node_modules', '.cache', `berth-test-packages-${process.pid}`);
const BUNDLE = path.join(OUT, 'packages.js');

beforeAll(async () => {
  await esbuild.build({
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
    stdin: { contents: packagesBundle.packagesEntry(['cdktf', 'cdk8s']), resolveDir: ROOT, loader: 'js' },
    outfile: BUNDLE,
    preserveSymlinks: true,
    banner: { js: 'var __packagesDir = __dirname;' },
    plugins: packagesBundle.PACKAGES_PLUGINS,
  });
}, 60000);

afterAll(() => fs.rmSync(OUT, { recursive: true, force: true }));

/** Runs `body` with `packages` (the bundle's exports) and `loaded()` (what was loaded besides the bundle). */
function withBundle(body: string) {
  const program = `
    const before = new Set(Object.keys(require.cache));
    const packages = require(${JSON.stringify(BUNDLE)});
    const loaded = () => [
      ...process.moduleLoadList.filter((m) => /^NativeModule child_process$/.test(m)).map((m) => m.slice(13)),
      ...Object.keys(require.cache)
        .filter((f) => !before.has(f) && f !== ${JSON.stringify(BUNDLE)})
        .map((f) => require('path').relative(${JSON.stringify(path.join(ROOT, 'node_modules'))}, f)),
    ];
    ${body}`;
  const run = spawnSync(process.execPath, ['-e', program], { encoding: 'utf8', cwd: ROOT });
  expect([run.status, run.stderr]).toEqual([0, '']);
  return JSON.parse(run.stdout) as unknown;
}

test('cdktf and cdk8s start without child_process, semver or cdktf’s asset file helpers', () => {
  const out = withBundle(`
    const { App, TerraformStack, Testing } = packages.cdktf;
    const { Chart, Yaml } = packages.cdk8s;
    new TerraformStack(new App(), 'stack');
    console.log(JSON.stringify({ loaded: loaded(), typeOfTesting: typeof Testing, typeOfYaml: typeof Yaml, chart: typeof Chart }));`);
  expect(out).toEqual({ loaded: [], typeOfTesting: 'function', typeOfYaml: 'function', chart: 'function' });
});

test('each loads on first use, from the package that imports it', () => {
  // cdktf checks Terraform's version for a terraform_data resource: the check's class, run on Node's.
  const out = withBundle(`
    const { App, TerraformStack, DataResource } = packages.cdktf;
    const stack = new TerraformStack(new App(), 'stack');
    const added = [];
    const node = Object.getPrototypeOf(stack.node);
    const addValidation = node.addValidation;
    node.addValidation = function (validation) { added.push(validation); return addValidation.call(this, validation); };
    new DataResource(stack, 'data', {});
    const ValidateBinaryVersion = Object.getPrototypeOf(added[0].constructor);
    const version = JSON.stringify(process.execPath) + ' --version';
    const problems = [
      new ValidateBinaryVersion('node', '>=1.0.0', version).validate(),
      new ValidateBinaryVersion('node', '<1.0.0', version).validate().length,
    ];
    console.log(JSON.stringify({ validation: ValidateBinaryVersion.name, problems, loaded: loaded() }));`);
  expect(out).toEqual({
    validation: 'ValidateBinaryVersion',
    problems: [[], 1],
    // cdktf's own copy of semver, not whichever the checkout's top level holds.
    loaded: expect.arrayContaining([
      'child_process',
      expect.stringMatching(/^cdktf\/node_modules\/semver\//),
    ]),
  });
});
