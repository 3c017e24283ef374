import { Testing, Token } from 'cdktf';
import {
  DigestKey,
  EXACT_VERSION,
  HelmAddonRelease,
  HelmChartRef,
  renderValues,
} from '../../../../constructs/addons';

const CHART: HelmChartRef = {
  repository: 'https://charts.example.com',
  chart: 'demo',
  version: '1.2.3',
  confirmedAt: 'a test chart',
  images: { readAt: 'a test chart', images: [] },
};

describe('HelmAddonRelease', () => {
  test('pins the chart and writes typed values as YAML', () => {
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        new HelmAddonRelease<{ replicas: number; name: string }>(scope, 'demo', {
          chart: CHART,
          releaseName: 'demo',
          namespace: 'demo',
          values: { replicas: 2, name: 'x' },
        });
      }),
    );
    const release = Object.values(json.resource.helm_release)[0] as Record<string, unknown>;
    expect(release).toEqual(
      expect.objectContaining({
        name: 'demo',
        namespace: 'demo',
        repository: 'https://charts.example.com',
        chart: 'demo',
        version: '1.2.3',
        create_namespace: false,
        wait: true,
        timeout: 600,
        values: ['replicas: 2\nname: x\n'],
      }),
    );
  });

  test.each([['^1.2.0'], ['1.2'], ['latest'], ['>=1.0.0'], ['']])(
    'refuses the unpinned version %p',
    (version) => {
      expect(() =>
        Testing.synthScope((scope) => {
          new HelmAddonRelease(scope, 'demo', {
            chart: { ...CHART, version },
            releaseName: 'd',
            namespace: 'd',
            values: {},
          });
        }),
      ).toThrow(/must be pinned to an exact version/);
    },
  );

  test('refuses a repository that is not https or oci', () => {
    expect(() =>
      Testing.synthScope((scope) => {
        new HelmAddonRelease(scope, 'demo', {
          chart: { ...CHART, repository: 'http://charts.example.com' },
          releaseName: 'd',
          namespace: 'd',
          values: {},
        });
      }),
    ).toThrow(/https:\/\/ or oci:\/\//);
  });

  test('accepts exact versions with or without v and pre-release suffixes', () => {
    for (const v of ['1.2.3', 'v0.28.9', '2.0.0-rc.1']) expect(v).toMatch(EXACT_VERSION);
  });

  test('writes each recorded image digest through its digest key, beside the typed values', () => {
    const digest = `sha256:${'c0'.repeat(32)}`;
    const chart: HelmChartRef = {
      ...CHART,
      images: {
        readAt: 'a test chart',
        images: [
          { repository: 'quay.io/demo/app', tag: 'v1', digestKey: DigestKey.digest('image.digest') },
          { repository: 'quay.io/demo/sidecar', tag: 'v2', digestKey: DigestKey.tag('sidecar.image.tag') },
        ],
      },
    };
    const synth = (values: object) =>
      JSON.parse(
        Testing.synthScope((scope) => {
          new HelmAddonRelease(scope, 'demo', {
            chart,
            releaseName: 'demo',
            namespace: 'demo',
            values,
            imageDigests: new Map([['quay.io/demo/app:v1', digest]]),
          });
        }),
      );
    const release = Object.values(synth({ image: { pullPolicy: 'Always' } }).resource.helm_release)[0] as {
      values: string[];
    };
    // The sidecar has no digest recorded: its tag stays the chart's default.
    expect(release.values).toEqual([`image:\n  pullPolicy: Always\n  digest: ${digest}\n`]);
    expect(() => synth({ image: { digest: 'sha256:other' } })).toThrow(
      'chart values key image.digest is set by the add-on and by the image digest record',
    );
  });

  test('waitFor adds dependencies after construction', () => {
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        const a = new HelmAddonRelease(scope, 'a', {
          chart: CHART,
          releaseName: 'a',
          namespace: 'a',
          values: {},
        });
        const b = new HelmAddonRelease(scope, 'b', {
          chart: CHART,
          releaseName: 'b',
          namespace: 'b',
          values: {},
        });
        a.waitFor(b.release);
      }),
    );
    const releases = Object.values(json.resource.helm_release) as { name: string; depends_on?: string[] }[];
    expect(releases.find((r) => r.name === 'a')!.depends_on).toEqual([
      expect.stringMatching(/^helm_release\.b_release_/),
    ]);
  });
});

describe('renderValues', () => {
  test('a sub-object used twice is written out twice, never as a YAML alias', () => {
    const resources = { requests: { cpu: '10m' } };
    expect(renderValues({ a: resources, b: resources })).toBe(
      'a:\n  requests:\n    cpu: 10m\nb:\n  requests:\n    cpu: 10m\n',
    );
  });

  test('escapes literal interpolation sequences so Terraform keeps them', () => {
    expect(renderValues({ a: 'price ${HOME} %{x}' })).toBe('a: price $${HOME} %%{x}\n');
  });

  test('keeps Terraform references and drops undefined fields', () => {
    const ref = Token.asString({ resolve: () => '${var.x}' });
    expect(renderValues({ a: ref, b: undefined })).toBe(`a: ${ref}\n`);
  });

  test('refuses number references, which would not survive the YAML', () => {
    expect(() => renderValues({ port: Token.asNumber('${var.port}') })).toThrow(/plain numbers/);
  });

  test('keeps long strings on one line', () => {
    const long = 'x '.repeat(100).trim();
    expect(renderValues({ long })).toBe(`long: ${long}\n`);
  });
});
