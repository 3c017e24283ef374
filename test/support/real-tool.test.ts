import { isInstalled } from './real-tool';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

describe('withTool', () => {
  test('finds a command on the PATH and not a missing one', () => {
    expect(isInstalled('sh')).toBe(true);
    expect(isInstalled('berth-no-such-tool')).toBe(false);
  });

  test.each([
    ['true', 1, /berth-no-such-tool is not installed but CI must run this test/],
    ['', 0, /skipped/],
  ])('a missing tool under CI=%j: exit %i (fails under CI, skips elsewhere)', (ci, status, output) => {
    const probe = path.join(__dirname, 'real-tool.probe.ts');
    const result = spawnSync(
      process.execPath,
      [
        require.resolve('jest/bin/jest'),
        '--rootDir',
        path.join(__dirname, '..', '..'),
        '--runTestsByPath',
        probe,
        '--testMatch',
        '**/*.probe.ts',
      ],
      { encoding: 'utf8', env: { ...process.env, CI: ci } },
    );
    expect(result.status).toBe(status);
    expect(result.stdout + result.stderr).toMatch(output);
  });
});
