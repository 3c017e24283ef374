#!/usr/bin/env node
/**
 * `npm test`: runs the npm scripts it is given all at once, instead of one after another, so that the
 * type-check, the linters and the tests share the machine's cores (decision 0033):
 *
 *   node scripts/check.js typecheck lint:code lint:format test:jest
 *
 * Each script runs as `npm run -s NAME`. The output of all but the last is kept and printed whole when the
 * script ends, under a line naming it; the last one's (jest's, with its progress) is printed as it comes.
 * Every script runs to its end, even when another failed; a summary names each with its outcome, and the
 * exit code is 1 when any failed.
 */
'use strict';
const { Buffer } = require('buffer');
const { spawn } = require('child_process');

/** `npm run -s NAME` with this npm when npm started us (as `npm test` does), else with the `npm` on the PATH. */
function npmRun(name, stdio) {
  const args = ['run', '-s', name];
  const npm = process.env.npm_execpath;
  return npm && npm.endsWith('.js')
    ? spawn(process.execPath, [npm, ...args], { stdio })
    : spawn('npm', args, { stdio, shell: process.platform === 'win32' });
}

/** Runs `name`; resolves to its outcome once it has ended and its output is printed. */
function run(name, streamed) {
  const started = Date.now();
  const child = npmRun(name, streamed ? 'inherit' : ['ignore', 'pipe', 'pipe']);
  const output = [];
  if (!streamed)
    for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => output.push(chunk));
  return new Promise((resolve) => {
    const done = (ok, detail) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const outcome = { name, ok, line: `${name}: ${ok ? 'ok' : `failed (${detail})`}, ${seconds} s` };
      if (!streamed) {
        process.stdout.write(`--- npm run ${name}: ${ok ? 'ok' : 'FAILED'}\n`);
        process.stdout.write(Buffer.concat(output));
      }
      resolve(outcome);
    };
    child.once('error', (err) => done(false, err.message));
    child.once('close', (code, signal) => done(code === 0, signal ?? `exit ${code}`));
  });
}

async function main(names) {
  if (names.length === 0) {
    process.stderr.write('usage: node scripts/check.js NPM_SCRIPT...\n');
    return 2;
  }
  const outcomes = await Promise.all(names.map((name, i) => run(name, i === names.length - 1)));
  process.stdout.write(`\n${outcomes.map((o) => o.line).join('\n')}\n`);
  return outcomes.every((o) => o.ok) ? 0 : 1;
}

if (require.main === module) main(process.argv.slice(2)).then((code) => (process.exitCode = code));

module.exports = { main };
