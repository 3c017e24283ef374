import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * The build of `npm run synth` in a copy of the project: it never runs stale code, rebuilds nothing when
 * nothing changed, and runs nothing when a source is broken.
 */
const ROOT = path.join(__dirname, '..', '..');
const COPIED = ['main.ts', 'tsconfig.json', 'config', 'constructs', 'charts', 'stacks', 'scripts', '.gen'];
const FOOTPRINT = path.join('constructs', 'addons', 'footprint.ts');

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-build-'));
  for (const entry of COPIED) fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function synth() {
  return spawnSync(process.execPath, [path.join('scripts', 'build.js'), '--run', 'main'], {
    cwd: dir,
    encoding: 'utf8',
  });
}

function edit(file: string, from: string, to: string): void {
  const full = path.join(dir, file);
  const text = fs.readFileSync(full, 'utf8');
  expect(text).toContain(from);
  fs.writeFileSync(full, text.replace(from, to));
}

test('synth runs what the sources say, rebuilding only when a source changed', () => {
  const first = synth();
  expect(first.stderr).toBe('');
  expect(first.stdout).toContain('left for apps');
  const bundle = path.join(dir, 'dist', 'main.js');
  const builtAt = fs.statSync(bundle).mtimeMs;

  expect(synth().status).toBe(0);
  expect(fs.statSync(bundle).mtimeMs).toBe(builtAt);

  // A module deep below the entry point, imported through two others.
  edit(FOOTPRINT, 'left for apps', 'free for team apps');
  const changed = synth();
  expect(changed.status).toBe(0);
  expect(changed.stdout).toContain('free for team apps');
  expect(changed.stdout).not.toContain('left for apps');

  // Changed back to the very same bytes as the first build: runs the first text again.
  edit(FOOTPRINT, 'free for team apps', 'left for apps');
  expect(synth().stdout).toContain('left for apps');
});

test('a changed tsconfig rebuilds', () => {
  expect(synth().status).toBe(0);
  const bundle = path.join(dir, 'dist', 'main.js');
  const builtAt = fs.statSync(bundle).mtimeMs;
  edit('tsconfig.json', '"strict": true', '"strict": true ');
  expect(synth().status).toBe(0);
  expect(fs.statSync(bundle).mtimeMs).not.toBe(builtAt);
});

test('a broken or missing source runs nothing and writes no output', () => {
  const out = path.join(dir, 'cdktf.out');
  edit(FOOTPRINT, 'export function formatFootprint', 'export function formatFootprint(((');
  fs.rmSync(out, { recursive: true, force: true });
  const broken = synth();
  expect(broken.status).not.toBe(0);
  expect(broken.stderr).toContain('footprint.ts');
  expect(fs.existsSync(out)).toBe(false);
  edit(FOOTPRINT, 'export function formatFootprint(((', 'export function formatFootprint');

  fs.rmSync(path.join(dir, FOOTPRINT));
  const missing = synth();
  expect(missing.status).not.toBe(0);
  expect(missing.stderr).toContain('footprint');
  expect(fs.existsSync(out)).toBe(false);
  expect(fs.existsSync(path.join(dir, 'dist', 'main.js'))).toBe(false);
});

test('--run accepts only the programs dist/ holds', () => {
  const run = spawnSync(process.execPath, [path.join('scripts', 'build.js'), '--run', 'nothing'], {
    cwd: dir,
    encoding: 'utf8',
  });
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('main, scripts/bench, scripts/bench-synth');
});
