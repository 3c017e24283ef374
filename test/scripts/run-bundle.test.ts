import { spawnSync } from 'child_process';
import * as path from 'path';

/**
 * How a program of `dist/` runs (scripts/run-bundle.js); `test/scripts/build.test.ts` runs the real
 * bundles, with their code caches.
 */
test('--run ends the process by process.exit once the program is done, unless it listens for beforeExit', () => {
  const run = (body: string) =>
    spawnSync(
      process.execPath,
      [
        '-e',
        `const exit = process.exit;
        process.exit = (...args) => { console.log('process.exit'); exit(...args); };
        require(${JSON.stringify(path.join(__dirname, '..', '..', 'scripts', 'run-bundle.js'))}).exitWhenDone();
        ${body}`,
      ],
      { encoding: 'utf8' },
    );
  const done = run("process.exitCode = 3; setTimeout(() => console.log('done'), 10);");
  expect([done.stdout, done.status]).toEqual(['done\nprocess.exit\n', 3]);

  const listening = run(`let rounds = 0;
    process.on('beforeExit', () => { if (rounds++ < 2) setTimeout(() => console.log('round', rounds), 10); });`);
  expect([listening.stdout, listening.status]).toEqual(['round 1\nround 2\n', 0]);
});
