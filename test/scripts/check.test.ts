import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * `npm test`'s runner (scripts/check.js), run on a scratch package whose npm scripts are small node
 * programs: it runs them all at once, prints each one's output whole, and fails when any failed.
 */
const CHECK = path.join(__dirname, '..', '..', 'scripts', 'check.js');

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-check-'));
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A node program as an npm script (JSON-quoted for package.json, run by the shell npm starts). */
const node = (program: string) => `node -e ${JSON.stringify(program)}`;

/** Prints `text` in two writes, the second only once `file` exists (so that it waits for another script). */
const printWhen = (file: string, text: string, code = 0) =>
  node(
    `process.stdout.write('${text} 1\\n'); const fs = require('fs');` +
      `const wait = () => fs.existsSync('${file}') ? (process.stdout.write('${text} 2\\n'), process.exit(${code})) : setTimeout(wait, 10);` +
      `setTimeout(() => { console.error('${file} never came'); process.exit(9); }, 20000); wait();`,
  );

function check(scripts: Record<string, string>, names: string[]) {
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'scratch', scripts }));
  return spawnSync(process.execPath, [CHECK, ...names], { cwd: dir, encoding: 'utf8' });
}

test('runs the scripts at once: each waits for a file the other writes', () => {
  const run = check(
    {
      first: `${node("require('fs').writeFileSync('from-first', '')")} && ${printWhen('from-second', 'first')}`,
      second: `${node("require('fs').writeFileSync('from-second', '')")} && ${printWhen('from-first', 'second')}`,
    },
    ['first', 'second'],
  );
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  // The first one's output whole, under its name; the last one's as it came (a whole output printed in
  // between when its script ended meanwhile); then the summary.
  expect(run.stdout).toContain('--- npm run first: ok\nfirst 1\nfirst 2\n');
  expect(run.stdout).toMatch(/^second 1\n(?:.*\n)*?second 2\n/m);
  expect(run.stdout).toMatch(/\nfirst: ok, [\d.]+ s\nsecond: ok, [\d.]+ s\n$/);
});

test('a failed script fails the run, and every other one still runs to its end', () => {
  const run = check(
    {
      failing: node("console.error('bad types'); require('fs').writeFileSync('failed', ''); process.exit(3)"),
      passing: printWhen('failed', 'lint'),
      last: printWhen('failed', 'tests'),
    },
    ['failing', 'passing', 'last'],
  );
  expect(run.status).toBe(1);
  expect(run.stdout).toContain('--- npm run failing: FAILED\nbad types\n');
  expect(run.stdout).toContain('--- npm run passing: ok\nlint 1\nlint 2\n');
  expect(run.stdout).toMatch(/^tests 1\n(?:.*\n)*?tests 2\n/m);
  expect(run.stdout).toMatch(
    /\nfailing: failed \(exit 3\), [\d.]+ s\npassing: ok, [\d.]+ s\nlast: ok, [\d.]+ s\n$/,
  );
});

test('a script npm does not know fails the run', () => {
  const run = check({ known: node('') }, ['unknown', 'known']);
  expect(run.status).toBe(1);
  expect(run.stdout).toContain('--- npm run unknown: FAILED\n');
  expect(run.stdout).toMatch(/\nunknown: failed \(exit \d+\), [\d.]+ s\nknown: ok/);
});

test('no script named: usage, exit 2', () => {
  const run = check({}, []);
  expect(run.status).toBe(2);
  expect(run.stderr).toBe('usage: node scripts/check.js NPM_SCRIPT...\n');
});
