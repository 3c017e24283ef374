import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { resolveDigest } from '../../../scripts/images/oci-digest';
import {
  PinMode,
  digestFileText,
  imagesWithoutDigest,
  parsePinArgs,
  pinImages,
  readDigestFile,
} from '../../../scripts/images/pin-images-run';
import { TestRegistry, startRegistry } from '../../support/oci-registry';
import { withTool } from '../../support/real-tool';

const OLD = `sha256:${'0'.repeat(64)}`;

describe('pin-images arguments', () => {
  test.each([
    [[], PinMode.MISSING],
    [['--refresh'], PinMode.REFRESH],
    [['--check'], PinMode.CHECK],
    [['--help'], { message: '' }],
    [['--check', '--refresh'], { message: 'pin-images: give --check or --refresh, not both' }],
    [['--all'], { message: 'pin-images: unknown argument "--all"' }],
  ])('%p gives %p', (args, expected) => {
    expect(parsePinArgs(args)).toEqual(expected);
  });
});

describe('the digest file', () => {
  test('is written with sorted keys, two-space JSON and a final newline', () => {
    expect(
      digestFileText(
        new Map([
          ['quay.io/b/b:1', OLD],
          ['docker.io/a/a:1', OLD],
        ]),
      ),
    ).toBe(`{\n  "docker.io/a/a:1": "${OLD}",\n  "quay.io/b/b:1": "${OLD}"\n}\n`);
    expect(digestFileText(new Map())).toBe('{}\n');
  });

  test('a missing file holds no digests; a broken one is an error naming it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-pins-'));
    expect(readDigestFile(path.join(dir, 'none.json')).size).toBe(0);
    fs.writeFileSync(path.join(dir, 'bad.json'), '{');
    expect(() => readDigestFile(path.join(dir, 'bad.json'))).toThrow(
      `${path.join(dir, 'bad.json')} is not JSON`,
    );
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"quay.io/a/b:1": "sha256:1"}');
    expect(() => readDigestFile(path.join(dir, 'bad.json'))).toThrow('has "sha256:1"');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('npm run pin-images against a real registry (docker-registry on loopback)', () => {
  const realRegistry = withTool('docker-registry', 'docker-registry');
  let registry: TestRegistry | undefined;
  let dir = '';

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-pins-'));
  });
  afterAll(async () => {
    await registry?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  realRegistry(
    'resolves what has no digest, keeps what has one, drops stray keys, reports failures',
    async () => {
      registry = await startRegistry();
      const app = { repository: `${registry.host}/berth/app`, tag: '1.0' };
      const web = { repository: `${registry.host}/berth/web`, tag: '2.1' };
      const gone = { repository: `${registry.host}/berth/gone`, tag: '0.1' };
      const appDigest = await registry.pushImage('berth/app', '1.0');
      const webDigest = await registry.pushImage('berth/web', '2.1');
      const file = path.join(dir, 'image-digests.json');
      fs.writeFileSync(
        file,
        digestFileText(
          new Map([
            [`${app.repository}:1.0`, OLD],
            ['quay.io/old/image:1', OLD],
          ]),
        ),
      );

      expect(imagesWithoutDigest([app, web, gone], file)).toEqual([
        `${gone.repository}:0.1`,
        `${web.repository}:2.1`,
      ]);
      const resolve = (image: { repository: string; tag: string }) => resolveDigest(image);
      const first = await pinImages({ images: [web, app, gone, web], file, mode: PinMode.MISSING, resolve });
      expect([...first.resolved]).toEqual([[`${web.repository}:2.1`, webDigest]]);
      expect(first.dropped).toEqual(['quay.io/old/image:1']);
      expect(first.failures).toEqual([
        `${gone.repository}:0.1: no such tag at http://${registry.host}/v2/berth/gone`,
      ]);
      expect(first.tagOnly).toEqual([`${gone.repository}:0.1`]);
      expect(fs.readFileSync(file, 'utf8')).toBe(
        digestFileText(
          new Map([
            [`${app.repository}:1.0`, OLD],
            [`${web.repository}:2.1`, webDigest],
          ]),
        ),
      );

      // --refresh asks again for every image; a second identical run leaves the file as it was.
      const refreshed = await pinImages({ images: [app, web], file, mode: PinMode.REFRESH, resolve });
      expect(refreshed.tagOnly).toEqual([]);
      const text = fs.readFileSync(file, 'utf8');
      expect(text).toBe(
        digestFileText(
          new Map([
            [`${app.repository}:1.0`, appDigest],
            [`${web.repository}:2.1`, webDigest],
          ]),
        ),
      );
      await pinImages({ images: [app, web], file, mode: PinMode.REFRESH, resolve });
      expect(fs.readFileSync(file, 'utf8')).toBe(text);
      expect(imagesWithoutDigest([app, web], file)).toEqual([]);
    },
  );
});
