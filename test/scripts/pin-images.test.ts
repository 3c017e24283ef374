import { spawnSync } from 'child_process';
import * as path from 'path';
import { RECORDED_IMAGE_DIGESTS, distinctImages, imageKey } from '../../constructs/addons';

const ROOT = path.join(__dirname, '..', '..');

/** `npm run pin-images -- <args>` as the README gives it (through the build, which is current under npm test). */
function pinImages(...args: string[]) {
  return spawnSync(
    process.execPath,
    [path.join('scripts', 'build.js'), '--run', 'scripts/pin-images', ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
}

describe('npm run pin-images', () => {
  test('--check lists every image without a recorded digest, offline, and fails while there is one', () => {
    const images = distinctImages().map(imageKey);
    const tagOnly = images.filter((key) => !RECORDED_IMAGE_DIGESTS.has(key));
    const run = pinImages('--check');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(tagOnly.length > 0 ? 1 : 0);
    expect(run.stdout).toBe(
      [
        ...tagOnly.map((key) => `pinned by tag only: ${key}`),
        `${images.length - tagOnly.length} of ${images.length} images pinned by digest (constructs/addons/core/image-digests.json)`,
        '',
      ].join('\n'),
    );
  });

  test('bad arguments print the usage and exit 2; --help exits 0', () => {
    const bad = pinImages('--check', '--refresh');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(
      'pin-images: give --check or --refresh, not both\nusage: npm run pin-images',
    );
    const help = pinImages('--help');
    expect(help.status).toBe(0);
    expect(help.stderr).toMatch(/^usage: npm run pin-images -- \[--check \| --refresh\]/);
  });
});
