import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import { resolvePlatform } from '../../../support/berth-platform';
import { CHART_PINS, EXACT_VERSION, unrecordedReleases } from '../../../../constructs/addons';
import { BerthApp } from '../../../../stacks/berth-app';

/** Every helm_release of every platform stack of the default platform (every add-on enabled). */
function platformReleases() {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-pins-'));
  const app = new BerthApp({ platform: resolvePlatform({}), outdir });
  fs.rmSync(outdir, { recursive: true, force: true });
  return [...app.platformStacks.values()].flatMap((stack) => {
    const json = JSON.parse(Testing.synth(stack)) as {
      resource: { helm_release: Record<string, { repository: string; chart: string; version: string }> };
    };
    return Object.values(json.resource.helm_release);
  });
}

describe('chart pins', () => {
  test('every helm_release the platform installs is a recorded pin', () => {
    const releases = platformReleases();
    expect(releases.length).toBeGreaterThanOrEqual(CHART_PINS.length);
    expect(unrecordedReleases(releases, CHART_PINS)).toEqual([]);
  });

  test('every recorded pin is installed, exact, and says where its version was confirmed', () => {
    const installed = new Set(platformReleases().map((r) => `${r.repository}/${r.chart}@${r.version}`));
    for (const pin of CHART_PINS) {
      expect(installed).toContain(`${pin.repository}/${pin.chart}@${pin.version}`);
      expect(pin.version).toMatch(EXACT_VERSION);
      expect(pin.confirmedAt).toMatch(/\b(tag|release|index)\b/);
    }
  });

  test('a release that is not recorded, or at another version, is reported', () => {
    const pin = CHART_PINS[0];
    expect(
      unrecordedReleases(
        [
          { ...pin },
          { ...pin, version: '99.0.0' },
          { repository: 'https://charts.bedag.ch', chart: 'raw', version: '2.0.1' },
        ],
        CHART_PINS,
      ),
    ).toEqual([`${pin.repository}/${pin.chart}@99.0.0`, 'https://charts.bedag.ch/raw@2.0.1']);
  });
});
