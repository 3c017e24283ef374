/**
 * Tests that run a real tool (cloud-init, shellcheck, openssl, etcd, chromium, ...).
 *
 * On a developer's machine without the tool, its tests are skipped with a warning that says how to
 * install it. Under CI (`CI=true`) a missing tool fails the tests instead: CI installs every tool the
 * suite needs (`.ci/run`), so a missing one is a broken CI set-up, never a reason to pass quietly.
 */
import { spawnSync } from 'node:child_process';

/** Whether `command` is on the PATH. */
export function isInstalled(command: string): boolean {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', command]).status === 0;
}

/**
 * `test` when `command` is installed; otherwise `test.skip` on a developer's machine and, under
 * `CI=true`, a test that fails and names the Debian package to install.
 */
export function withTool(command: string, debianPackage: string = command): jest.It {
  if (isInstalled(command)) return test;
  const install = `apt-get install ${debianPackage}`;
  if (process.env.CI === 'true') {
    const failing = ((name: string) =>
      test(name, () => {
        throw new Error(`${command} is not installed but CI must run this test (${install}; see .ci/run)`);
      })) as unknown as jest.It;
    return failing;
  }
  console.warn(`${command} is not installed: skipping the tests that run it (${install}; CI installs it)`);
  return test.skip;
}

/**
 * `inner` when the tests run as root (network namespaces, nftables); otherwise skipped on a developer's
 * machine and failing under `CI=true`, where the suite runs as root.
 */
export function asRoot(inner: jest.It): jest.It {
  if (process.getuid?.() === 0) return inner;
  if (process.env.CI === 'true') {
    return ((name: string) =>
      test(name, () => {
        throw new Error('this test needs root, and CI runs the suite as root (see .ci/run)');
      })) as unknown as jest.It;
  }
  console.warn('not root: skipping the tests that need root (network namespaces, nftables)');
  return test.skip;
}
