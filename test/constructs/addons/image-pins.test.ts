import * as YAML from 'yaml';
import {
  CHART_PINS,
  DigestForm,
  DigestKey,
  ENVOY_PROXY,
  HelmChartRef,
  NODE_UPGRADE_SHELL,
  OBJECT_IMAGES,
  PLATFORM_ADDONS,
  REGISTRY_SERVER,
  REGISTRY_TOKEN_SERVER,
  RECORDED_IMAGE_DIGESTS,
  distinctImages,
  imageKey,
  imagesPinnedByTagOnly,
  recordedImages,
  strayDigests,
  unrecordedImageValues,
  unrecordedObjectImages,
} from '../../../constructs/addons';
import { StackLayer } from '../../../scripts/review/synth-output';
import { synthPlatform } from '../../support/synth-platform';

const DIGEST = `sha256:${'ab'.repeat(32)}`;

/** Every `image` string anywhere in a resource's arguments. */
function imageFields(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => imageFields(item, found));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'image' && typeof inner === 'string') found.push(inner);
      else imageFields(inner, found);
    }
  }
  return found;
}

/** The default platform (every add-on on): chart values per release and every other image field. */
function synthesizedImages() {
  const output = synthPlatform({});
  const releases: { chart: string; version: string; values: unknown[] }[] = [];
  const objectImages: string[] = [];
  for (const stack of output.stacks.values()) {
    if (stack.layer === StackLayer.ENVIRONMENTS) continue;
    for (const block of stack.blocks.values()) {
      if (block.type === 'helm_release') {
        const values = (block.config.values as string[]).map((text) => YAML.parse(text) as unknown);
        releases.push({
          chart: block.config.chart as string,
          version: block.config.version as string,
          values,
        });
      } else {
        imageFields(block.config, objectImages);
      }
    }
  }
  return { releases, objectImages };
}

describe('image record', () => {
  const { releases, objectImages } = synthesizedImages();

  test('every chart release sets no image key except the recorded digest keys', () => {
    expect(releases.length).toBeGreaterThanOrEqual(CHART_PINS.length);
    for (const release of releases) {
      const pin = CHART_PINS.find((p) => p.chart === release.chart && p.version === release.version);
      expect(pin).toBeDefined();
      expect({
        chart: release.chart,
        unrecorded: release.values.flatMap((doc) => unrecordedImageValues(pin as HelmChartRef, doc)),
      }).toEqual({
        chart: release.chart,
        unrecorded: [],
      });
    }
  });

  test("every image in Berth's own objects is a recorded object image, and each one is used", () => {
    expect(objectImages.length).toBeGreaterThan(0);
    expect(unrecordedObjectImages(objectImages)).toEqual([]);
    for (const image of OBJECT_IMAGES) {
      expect(objectImages.some((reference) => reference.startsWith(imageKey(image)))).toBe(true);
    }
    // The proxies run the recorded Envoy, not whatever the controller defaults to.
    expect(objectImages).toContain(imageKey(ENVOY_PROXY));
  });

  test('an image an add-on sets in chart values, or in its objects, is reported until recorded', () => {
    const chart = CHART_PINS.find((p) => p.chart === 'metrics-server') as HelmChartRef;
    expect(
      unrecordedImageValues(chart, {
        replicas: 1,
        image: { tag: 'v0.8.1' },
        addonResizer: { image: { repository: 'registry.k8s.io/autoscaling/addon-resizer' } },
        extraContainers: [{ name: 'x', command: ['quay.io/acme/tool:1.0'] }],
      }),
    ).toEqual(['image.tag', 'addonResizer.image.repository', 'extraContainers.0.command.0']);
    // An add-on may name a recorded image itself (flannel does): its repository and plain tag.
    const flannel = CHART_PINS.find((p) => p.chart === 'flannel') as HelmChartRef;
    const named = (repository: string) => ({ flannel: { image: { repository, tag: 'v0.28.9' } } });
    expect(unrecordedImageValues(flannel, named('ghcr.io/flannel-io/flannel'))).toEqual([]);
    expect(unrecordedImageValues(flannel, named('docker.io/flannel/flannel'))).toEqual([
      'flannel.image.repository',
    ]);
    // The recorded digest key is fine with the recorded digest, and only with it.
    const digests = new Map([['registry.k8s.io/metrics-server/metrics-server:v0.8.0', DIGEST]]);
    expect(unrecordedImageValues(chart, { image: { tag: `v0.8.0@${DIGEST}` } }, digests)).toEqual([]);
    expect(unrecordedImageValues(chart, { image: { tag: `v0.8.1@${DIGEST}` } }, digests)).toEqual([
      'image.tag',
    ]);
    expect(unrecordedImageValues(chart, { image: { tag: `v0.8.0@${DIGEST}` } })).toEqual(['image.tag']);
    expect(
      unrecordedObjectImages(['ghcr.io/flannel-io/flannel:v0.28.9', 'docker.io/library/alpine:3.22']),
    ).toEqual(['docker.io/library/alpine:3.22']);
  });

  test('an object image is written with its digest once one is recorded, and only then', () => {
    const digests = new Map([[imageKey(ENVOY_PROXY), DIGEST]]);
    expect(unrecordedObjectImages([`${imageKey(ENVOY_PROXY)}@${DIGEST}`], OBJECT_IMAGES, digests)).toEqual(
      [],
    );
    expect(unrecordedObjectImages([imageKey(ENVOY_PROXY)], OBJECT_IMAGES, digests)).toEqual([
      imageKey(ENVOY_PROXY),
    ]);
  });
});

describe('recorded images', () => {
  test('list each chart image with the chart that runs it, then the object images', () => {
    const images = recordedImages();
    const chartImages = CHART_PINS.flatMap((p) => p.images.images);
    expect(images).toHaveLength(chartImages.length + OBJECT_IMAGES.length);
    expect(images).toContainEqual({
      repository: 'docker.io/grafana/loki',
      tag: '3.6.7',
      usedBy: 'chart loki 6.56.1',
      digestKey: DigestKey.digest('loki.image.digest'),
    });
    expect(images.slice(chartImages.length)).toEqual(
      OBJECT_IMAGES.map(({ repository, tag, usedBy }) => ({ repository, tag, usedBy })),
    );
    expect(images).toContainEqual({
      repository: ENVOY_PROXY.repository,
      tag: ENVOY_PROXY.tag,
      usedBy: ENVOY_PROXY.usedBy,
    });
  });

  test("the object images are those Berth's add-ons declare, then the node upgrade's", () => {
    expect(OBJECT_IMAGES).toEqual([...PLATFORM_ADDONS.objectImages, NODE_UPGRADE_SHELL]);
    expect(PLATFORM_ADDONS.objectImages).toEqual([ENVOY_PROXY, REGISTRY_SERVER, REGISTRY_TOKEN_SERVER]);
  });

  test('distinct images are sorted and deduplicated', () => {
    const a = { repository: 'quay.io/a/b', tag: '1' };
    const b = { repository: 'docker.io/c/d', tag: '2' };
    expect(distinctImages([a, b, a])).toEqual([b, a]);
    expect(distinctImages().length).toBe(new Set(recordedImages().map(imageKey)).size);
  });

  test('images without a digest are pinned by tag only; digests for unrecorded images are stray', () => {
    const images = recordedImages();
    const first = images[0];
    const digests = new Map([
      [imageKey(first), DIGEST],
      ['quay.io/gone/away:1.0', DIGEST],
    ]);
    expect(imagesPinnedByTagOnly(images, digests)).toEqual(images.slice(1));
    expect(strayDigests(digests, images)).toEqual(['quay.io/gone/away:1.0']);
    expect(strayDigests(RECORDED_IMAGE_DIGESTS)).toEqual([]);
  });
});

const REPOSITORY = /^[a-z0-9-]+(\.[a-z0-9-]+)+\/[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

describe('chart images', () => {
  test.each(CHART_PINS.map((pin) => [`${pin.chart} ${pin.version}`, pin]))(
    '%s: read at its pinned version, each image with a registry, a tag and its own digest key',
    (_, pin) => {
      expect(pin.images.readAt).toContain(pin.version);
      expect(pin.images.readAt).toMatch(/\b(tag|commit)\b/);
      expect(pin.images.images.length).toBeGreaterThan(0);
      for (const image of pin.images.images) {
        expect(image.repository).toMatch(REPOSITORY);
        expect(image.tag).toMatch(TAG);
      }
      const keys = pin.images.images.map((image) => image.digestKey.path);
      expect(new Set(keys).size).toBe(keys.length);
      const images = pin.images.images.map(imageKey);
      expect(new Set(images).size).toBe(images.length);
    },
  );

  test('charts with a digest key use it; a tag key carries the digest only where the chart has none', () => {
    const forms = new Map(
      CHART_PINS.map((pin) => [pin.chart, pin.images.images.map((i) => i.digestKey.form)]),
    );
    expect(forms.get('cert-manager')).toEqual(Array(5).fill(DigestForm.DIGEST));
    expect(forms.get('node-problem-detector')).toEqual([DigestForm.DIGEST]);
    expect(forms.get('loki')).toEqual([DigestForm.DIGEST]);
    expect(forms.get('fluent-bit')).toEqual([DigestForm.DIGEST]);
    expect(forms.get('flannel')).toEqual(Array(3).fill(DigestForm.TAG));
    expect(forms.get('gateway-helm')).toEqual([DigestForm.REFERENCE]);
  });
});
