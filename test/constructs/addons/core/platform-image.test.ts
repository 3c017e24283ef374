import {
  DigestForm,
  DigestKey,
  chartDigestValues,
  imageKey,
  imageReference,
  mergeValues,
} from '../../../../constructs/addons';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
const IMAGE = { repository: 'quay.io/prometheus/alertmanager', tag: 'v0.33.1' };

describe('DigestKey', () => {
  test.each([
    [DigestKey.digest('image.digest'), DigestForm.DIGEST, DIGEST],
    [DigestKey.sha('image.sha'), DigestForm.SHA, '0123456789abcdef'.repeat(4)],
    [DigestKey.tag('image.tag'), DigestForm.TAG, `v0.33.1@${DIGEST}`],
    [
      DigestKey.reference('global.image'),
      DigestForm.REFERENCE,
      `quay.io/prometheus/alertmanager:v0.33.1@${DIGEST}`,
    ],
  ])('%o takes the value the chart renders into a pinned reference', (key, form, value) => {
    expect(key.form).toBe(form);
    expect(key.value(IMAGE, DIGEST)).toBe(value);
  });

  test('its values nest along the dotted path', () => {
    expect(DigestKey.sha('alertmanager.alertmanagerSpec.image.sha').values(IMAGE, DIGEST)).toEqual({
      alertmanager: { alertmanagerSpec: { image: { sha: '0123456789abcdef'.repeat(4) } } },
    });
    expect(DigestKey.digest('prometheus-node-exporter.image.digest').values(IMAGE, DIGEST)).toEqual({
      'prometheus-node-exporter': { image: { digest: DIGEST } },
    });
  });

  test('refuses a path that is not dotted keys, and a digest that is not a full sha256', () => {
    expect(() => DigestKey.tag('image..tag')).toThrow('digest key "image..tag" must be a dotted path');
    expect(() => DigestKey.tag('')).toThrow('must be a dotted path');
    expect(() => DigestKey.digest('image.digest').value(IMAGE, 'sha256:abc')).toThrow(
      'digest "sha256:abc" of quay.io/prometheus/alertmanager:v0.33.1 is not sha256: and 64 hex digits',
    );
    expect(() => DigestKey.digest('image.digest').value(IMAGE, DIGEST.toUpperCase())).toThrow(
      'is not sha256:',
    );
  });
});

describe('image references', () => {
  test('are repository:tag, with the digest appended once one is recorded', () => {
    expect(imageKey(IMAGE)).toBe('quay.io/prometheus/alertmanager:v0.33.1');
    expect(imageReference(IMAGE, new Map())).toBe('quay.io/prometheus/alertmanager:v0.33.1');
    expect(imageReference(IMAGE, new Map([[imageKey(IMAGE), DIGEST]]))).toBe(
      `quay.io/prometheus/alertmanager:v0.33.1@${DIGEST}`,
    );
  });
});

describe('chart digest values', () => {
  const images = {
    readAt: 'a test',
    images: [
      { ...IMAGE, digestKey: DigestKey.sha('alertmanager.image.sha') },
      {
        repository: 'quay.io/prometheus/prometheus',
        tag: 'v3',
        digestKey: DigestKey.sha('prometheus.image.sha'),
      },
      { repository: 'docker.io/grafana/grafana', tag: '13', digestKey: DigestKey.sha('grafana.image.sha') },
    ],
  };

  test('set the key of each image whose digest is recorded, and nothing for the others', () => {
    const digests = new Map([
      [imageKey(IMAGE), DIGEST],
      ['docker.io/grafana/grafana:13', DIGEST],
    ]);
    expect(chartDigestValues(images, digests)).toEqual({
      alertmanager: { image: { sha: '0123456789abcdef'.repeat(4) } },
      grafana: { image: { sha: '0123456789abcdef'.repeat(4) } },
    });
    expect(chartDigestValues(images, new Map())).toEqual({});
  });
});

describe('mergeValues', () => {
  test('merges objects key by key, leaving the inputs alone', () => {
    const base = { image: { pullPolicy: 'IfNotPresent' }, replicas: 1, args: ['a'] };
    expect(mergeValues(base, { image: { digest: DIGEST } })).toEqual({
      image: { pullPolicy: 'IfNotPresent', digest: DIGEST },
      replicas: 1,
      args: ['a'],
    });
    expect(base).toEqual({ image: { pullPolicy: 'IfNotPresent' }, replicas: 1, args: ['a'] });
    expect(mergeValues({ image: { tag: 'x' } }, { image: { tag: 'x' } })).toEqual({ image: { tag: 'x' } });
  });

  test('refuses an image key the add-on already set to something else, naming it', () => {
    expect(() => mergeValues({ image: { tag: 'v1' } }, { image: { tag: `v1@${DIGEST}` } })).toThrow(
      'chart values key image.tag is set by the add-on and by the image digest record',
    );
  });
});
