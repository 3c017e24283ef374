import { spawnSync } from 'child_process';
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import { createRequire } from 'module';
import * as os from 'os';
import * as path from 'path';
import * as vm from 'vm';

/** What the build rewrites in each bundle (scripts/bundle-text.js). */
const bundleText = createRequire(__filename)(
  path.join(__dirname, '..', '..', 'scripts', 'bundle-text.js'),
) as {
  escapeNonAscii: (text: string) => string;
  shareNamespaces: (text: string) => string;
  wrapAsFunction: (text: string, runner?: string) => string;
};

test('namespace imports of a module share one namespace object, made again once the module gained exports', () => {
  const sources = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-namespaces-'));
  fs.mkdirSync(sources, { recursive: true });
  for (const name of ['one', 'two', 'three'])
    fs.writeFileSync(
      path.join(sources, `${name}.ts`),
      `import * as m from 'grows';\nexport const ${name} = m;\n`,
    );
  fs.writeFileSync(
    path.join(sources, 'entry.ts'),
    "import { one } from './one';\nimport { two } from './two';\nimport { three } from './three';\nexport default [one, two, three];\n",
  );
  const built = esbuild.buildSync({
    entryPoints: [path.join(sources, 'entry.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['grows'],
    write: false,
  });
  const code = bundleText.shareNamespaces(built.outputFiles[0].text);
  expect(code).toContain('__namespaces');
  const grows: Record<string, number> = { x: 1 };
  let requires = 0;
  const fakeRequire = () => {
    if (++requires === 3) grows.y = 2; // still loading when the third module imports it
    return grows;
  };
  const module = { exports: {} as { default: Array<Record<string, number>> } };
  new Function('require', 'module', 'exports', code)(fakeRequire, module, module.exports);
  const [one, two, three] = module.exports.default;
  expect(requires).toBe(3);
  expect(one).toBe(two);
  expect(three).not.toBe(two);
  expect([one.x, one.y, three.x, three.y]).toEqual([1, undefined, 1, 2]); // as esbuild's copies
  expect(Object.keys(three).sort()).toEqual(['default', 'x', 'y']);
});

test('a bundle is made pure ASCII by escaping what its comments keep, unless a separator would end a line comment', () => {
  const ascii = '// plain\nconst a = "\\u00e9";\n';
  expect(bundleText.escapeNonAscii(ascii)).toBe(ascii);
  expect(bundleText.escapeNonAscii('/* caf\u00e9 \u2018q\u2019 */ x;')).toBe(
    '/* caf\\u00e9 \\u2018q\\u2019 */ x;',
  );
  const separator = '// a\u2028b \u00e9\n';
  expect(bundleText.escapeNonAscii(separator)).toBe(separator);
});

test('a wrapped bundle is, run as a script, the function require wraps a module in; required, it runs itself', () => {
  const wrapped = bundleText.wrapAsFunction(
    'module.exports = { file: __filename, dir: __dirname, two: require("two") };',
  );
  const fn = new vm.Script(wrapped).runInNewContext({}) as (...args: unknown[]) => void;
  const module = { exports: {} as Record<string, unknown> };
  fn.call(module.exports, module.exports, () => 2, module, '/x/bundle.js', '/x');
  expect(module.exports).toEqual({ file: '/x/bundle.js', dir: '/x', two: 2 });

  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'berth-wrapped-')), 'bundle.js');
  fs.writeFileSync(file, wrapped.replace('require("two")', '2'));
  // Node's own require (jest's module wrapper passes its arguments in another order).
  const required = spawnSync(
    process.execPath,
    ['-e', `console.log(JSON.stringify(require(${JSON.stringify(file)})))`],
    {
      encoding: 'utf8',
    },
  );
  expect(JSON.parse(required.stdout)).toEqual({ file, dir: path.dirname(file), two: 2 });
});

test("a program's bundle that Node runs as its main module has its runner run it; required, it runs itself", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-runner-'));
  fs.writeFileSync(
    path.join(dir, 'runner.js'),
    'exports.runProgram = (file) => console.log("runner ran " + require("path").basename(file));',
  );
  fs.writeFileSync(
    path.join(dir, 'bundle.js'),
    bundleText.wrapAsFunction('console.log("itself");', './runner.js'),
  );
  const node = (...args: string[]) =>
    spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' }).stdout;
  expect(node('bundle.js')).toBe('runner ran bundle.js\n');
  expect(node('-e', "require('./bundle.js')")).toBe('itself\n');
});
