import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * The run record of `npm run synth` (scripts/run-record.js): a program run under it is replayed (its
 * output printed again, nothing written) only while everything it read and everything it wrote is as it
 * left it. Each test runs a small program in a fresh process, as build.js runs main.
 */
const RUN_RECORD = path.join(__dirname, '..', '..', 'scripts', 'run-record.js');

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-run-record-'));
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Writes the program, then runs it under the record: prints REPLAYED last when it was replayed. */
function run(program: string, env: NodeJS.ProcessEnv = {}, args: string[] = []) {
  fs.writeFileSync(path.join(dir, 'program.js'), program);
  const driver = `
    const runRecord = require(${JSON.stringify(RUN_RECORD)});
    const file = 'record.json';
    const key = { args: process.argv.slice(2) };
    if (runRecord.replay(file, key)) { process.stderr.write('REPLAYED\\n'); return; }
    const recorder = runRecord.start(file, key);
    recorder.begin();
    require('./program.js');
  `;
  fs.writeFileSync(path.join(dir, 'driver.js'), `(() => {${driver}})();`);
  return spawnSync(process.execPath, ['driver.js', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...env },
  });
}

/** Reads input.txt and GREETING, removes and rewrites out/, prints what it did on both streams. */
const SYNTH = `
  const fs = require('fs');
  const input = fs.readFileSync('input.txt', 'utf8').trim();
  const greeting = process.env.GREETING ?? 'hello';
  fs.rmSync('out', { recursive: true, force: true });
  fs.mkdirSync('out/deep', { recursive: true });
  fs.writeFileSync('out/deep/result.txt', greeting + ' ' + input + '\\n');
  console.log('wrote out/deep/result.txt');
  console.error('a warning');
  process.exitCode = Number(process.env.EXIT ?? 0);
`;

function result(): string {
  return fs.readFileSync(path.join(dir, 'out', 'deep', 'result.txt'), 'utf8');
}

/** Runs until a run is replayed (a run that created paths observed them missing, so the next records again). */
function untilReplayed(program: string, env: NodeJS.ProcessEnv = {}) {
  for (let i = 0; i < 3; i++) {
    const done = run(program, env);
    if (done.stderr.endsWith('REPLAYED\n')) return done;
  }
  throw new Error('never replayed');
}

test('an unchanged run is replayed: same output on the same streams, same exit code, nothing written', () => {
  fs.writeFileSync(path.join(dir, 'input.txt'), 'world\n');
  const first = run(SYNTH);
  expect(first.stdout).toBe('wrote out/deep/result.txt\n');
  expect(first.stderr).toBe('a warning\n');
  run(SYNTH);
  const written = fs.statSync(path.join(dir, 'out', 'deep', 'result.txt')).mtimeMs;
  const replayed = untilReplayed(SYNTH);
  expect(replayed.stdout).toBe(first.stdout);
  expect(replayed.stderr).toBe('a warning\nREPLAYED\n');
  expect(replayed.status).toBe(0);
  expect(fs.statSync(path.join(dir, 'out', 'deep', 'result.txt')).mtimeMs).toBe(written);
});

test.each([
  ['a file it read changed', () => fs.writeFileSync(path.join(dir, 'input.txt'), 'moon\n'), 'hello moon\n'],
  ['a file it read is gone', () => fs.rmSync(path.join(dir, 'input.txt')), undefined],
  [
    'a file it wrote changed',
    () => fs.writeFileSync(path.join(dir, 'out', 'deep', 'result.txt'), 'x'),
    'hello world\n',
  ],
  ['a file it wrote is gone', () => fs.rmSync(path.join(dir, 'out', 'deep', 'result.txt')), 'hello world\n'],
  [
    'a file appeared in a tree it rewrites',
    () => fs.writeFileSync(path.join(dir, 'out', 'stray'), ''),
    'hello world\n',
  ],
])('runs for real when %s', (_, change, expected) => {
  fs.writeFileSync(path.join(dir, 'input.txt'), 'world\n');
  untilReplayed(SYNTH);
  change();
  const again = run(SYNTH);
  expect(again.stderr).not.toContain('REPLAYED');
  if (expected === undefined) {
    expect(again.status).not.toBe(0);
  } else {
    expect(again.status).toBe(0);
    expect(result()).toBe(expected);
    expect(fs.readdirSync(path.join(dir, 'out'))).toEqual(['deep']);
  }
});

/**
 * Writes out/result.txt from input.txt over in place, only when its bytes change (reading it first), as
 * OutputFiles writes the manifests; with CLAIM=1 it first claims out/ as its own, as OutputFiles.claim does.
 */
const IN_PLACE = `
  const fs = require('fs');
  if (process.env.CLAIM) process.emit('berth:output-tree', require('path').resolve('out'));
  const content = 'result ' + fs.readFileSync('input.txt', 'utf8').trim() + '\\n';
  let before;
  try { before = fs.readFileSync('out/result.txt', 'utf8'); } catch {}
  if (before !== content) { fs.mkdirSync('out', { recursive: true }); fs.writeFileSync('out/result.txt', content); }
  console.log('done');
`;

test.each([
  ['claims the folder as its output', { CLAIM: '1' }, true],
  ['does not claim it', {}, false],
])(
  'a run that wrote over what it had read is replayed next only if it %s',
  (_, env: NodeJS.ProcessEnv, replayed) => {
    fs.writeFileSync(path.join(dir, 'input.txt'), 'one\n');
    untilReplayed(IN_PLACE, env);
    fs.writeFileSync(path.join(dir, 'input.txt'), 'two\n');
    expect(run(IN_PLACE, env).stderr).toBe('');
    expect(fs.readFileSync(path.join(dir, 'out', 'result.txt'), 'utf8')).toBe('result two\n');
    expect(run(IN_PLACE, env).stderr).toBe(replayed ? 'REPLAYED\n' : '');
    // What it claimed is checked as it left it: a file changed there runs it for real, which writes it again.
    fs.writeFileSync(path.join(dir, 'out', 'result.txt'), 'changed by hand\n');
    expect(run(IN_PLACE, env).stderr).toBe('');
    expect(fs.readFileSync(path.join(dir, 'out', 'result.txt'), 'utf8')).toBe('result two\n');
  },
);

test('runs for real when an environment variable it read or its arguments changed', () => {
  fs.writeFileSync(path.join(dir, 'input.txt'), 'world\n');
  untilReplayed(SYNTH);
  expect(run(SYNTH, { GREETING: 'hi' }).stderr).not.toContain('REPLAYED');
  expect(result()).toBe('hi world\n');
  untilReplayed(SYNTH, { GREETING: 'hi' });
  // A variable it never reads changes nothing.
  expect(run(SYNTH, { GREETING: 'hi', UNRELATED: '1' }).stderr).toContain('REPLAYED');
  expect(run(SYNTH, { GREETING: 'hi' }, ['--other']).stderr).not.toContain('REPLAYED');
});

test('a variable read again is observed once; one the program sets is its own from then on', () => {
  const program = `for (let i = 0; i < 1000; i++) process.env.GREETING;
    process.env.GREETING = 'changed';
    console.log(process.env.GREETING);
    delete process.env.GREETING;
    console.log(process.env.GREETING ?? 'deleted');`;
  expect(run(program, { GREETING: 'hi' }).stdout).toBe('changed\ndeleted\n');
  const record = JSON.parse(fs.readFileSync(path.join(dir, 'record.json'), 'utf8'));
  const seen = record.observations
    .filter(([[kind, name]]: [string[]]) => kind === 'env' && name === 'GREETING')
    .map(([, value]: [unknown, string]) => value);
  expect(seen).toEqual(['hi']);
  const replayed = run(program, { GREETING: 'hi' });
  expect([replayed.stdout, replayed.stderr]).toEqual(['changed\ndeleted\n', 'REPLAYED\n']);
  expect(run(program, { GREETING: 'hello' }).stderr).toBe('');
});

test.each([
  ['fails', 'process.exitCode = 2;'],
  ['appends to a file', "require('fs').appendFileSync('log.txt', 'x');"],
  ['uses a file descriptor', "require('fs').closeSync(require('fs').openSync('input.txt', 'r'));"],
  ['starts a program', "require('child_process').spawnSync(process.execPath, ['-e', '0']);"],
  ['uses asynchronous file calls', "require('fs').promises.readFile('input.txt');"],
  ['lists all environment variables', 'Object.keys(process.env);'],
])('a run that %s is never replayed', (_, extra) => {
  fs.writeFileSync(path.join(dir, 'input.txt'), 'world\n');
  const program = `${SYNTH}\n${extra}`;
  const runs = [run(program), run(program), run(program), run(program)];
  if (extra.startsWith('Object.keys')) {
    // Enumerating the environment makes all of it an input: replayed, but only with the same environment.
    expect(runs[3].stderr).toContain('REPLAYED');
    expect(run(program, { ANY: 'thing' }).stderr).not.toContain('REPLAYED');
  } else {
    for (const done of runs) expect(done.stderr).not.toContain('REPLAYED');
    expect(fs.existsSync(path.join(dir, 'record.json'))).toBe(false); // and none made before
  }
});
