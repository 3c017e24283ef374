import * as fs from 'fs';
import * as path from 'path';
import {
  FLANNEL_IMAGE,
  FLANNEL_IMAGES,
  IMAGE_DIGESTS_FILE,
  chartDigestValues,
  imageKey,
  mergeValues,
  recordedImageReference,
  recordedTag,
  RECORDED_IMAGE_DIGESTS,
  imageDigestProblems,
  parseImageDigests,
} from '../../../../constructs/addons';

const DIGEST = `sha256:${'9f'.repeat(32)}`;

describe('image digests file', () => {
  test('the recorded file is valid and written as npm run pin-images writes it (sorted keys)', () => {
    const text = fs.readFileSync(path.join(__dirname, '../../../..', IMAGE_DIGESTS_FILE), 'utf8');
    const raw = JSON.parse(text) as Record<string, string>;
    expect(imageDigestProblems(raw)).toEqual([]);
    expect(Object.keys(raw)).toEqual(Object.keys(raw).sort());
    expect(text).toBe(`${JSON.stringify(raw, null, 2)}\n`);
    expect(RECORDED_IMAGE_DIGESTS.size).toBe(Object.keys(raw).length);
  });

  test('parses digests by image key', () => {
    expect(parseImageDigests({ 'quay.io/jetstack/cert-manager-controller:v1.20.2': DIGEST })).toEqual(
      new Map([['quay.io/jetstack/cert-manager-controller:v1.20.2', DIGEST]]),
    );
    expect(parseImageDigests({ 'localhost:5000/berth/test:1.0': DIGEST }).size).toBe(1);
  });

  test('reports every bad key and digest at once, naming the file, the key and the fix', () => {
    const problems = imageDigestProblems(
      {
        'quay.io/jetstack/cert-manager-controller:v1.20.2': 'sha256:abc',
        'cert-manager-controller': DIGEST,
        'docker.io/library/busybox:1.37.0': 42,
      },
      'digests.json',
    );
    expect(problems).toEqual([
      'digests.json: "quay.io/jetstack/cert-manager-controller:v1.20.2" has "sha256:abc"; a digest is "sha256:" and 64 lower-case hex digits (run npm run pin-images to resolve it)',
      'digests.json: key "cert-manager-controller" must be "registry/repository:tag", e.g. "quay.io/jetstack/cert-manager-controller:v1.20.2"',
      'digests.json: "docker.io/library/busybox:1.37.0" has 42; a digest is "sha256:" and 64 lower-case hex digits (run npm run pin-images to resolve it)',
    ]);
    expect(() => parseImageDigests({ 'a:b': 'x' }, 'digests.json')).toThrow(/key "a:b"[\s\S]*has "x"/);
    expect(imageDigestProblems([], 'digests.json')).toEqual([
      'digests.json must be a JSON object of "repository:tag": "sha256:<64 hex digits>"',
    ]);
  });

  test('an add-on naming a chart image itself gives the same tag the digest key would', () => {
    const digests = new Map([[imageKey(FLANNEL_IMAGE), DIGEST]]);
    expect(recordedTag(FLANNEL_IMAGE, new Map())).toBe('v0.28.9');
    expect(recordedTag(FLANNEL_IMAGE, digests)).toBe(`v0.28.9@${DIGEST}`);
    expect(recordedImageReference(FLANNEL_IMAGE, digests)).toBe(
      `ghcr.io/flannel-io/flannel:v0.28.9@${DIGEST}`,
    );
    // flannel's own values and the record's digest values agree, so they merge without conflict.
    const values = {
      flannel: { image: { repository: FLANNEL_IMAGE.repository, tag: recordedTag(FLANNEL_IMAGE, digests) } },
    };
    expect(mergeValues(values, chartDigestValues(FLANNEL_IMAGES, digests))).toEqual(values);
  });
});
