import { DOCKER_HUB, imageReferences, registryOf } from '../../../scripts/review/image-references';
import { SynthOutput, TerraformBlock } from '../../../scripts/review/synth-output';
import { FLANNEL_IMAGE } from '../../../constructs/addons/flannel/flannel-images';
import { NODE_UPGRADE_IMAGE } from '../../../constructs/addons/kubernetes-upgrade/kubernetes-upgrade';
import { synthPlatform } from '../../support/synth-platform';

describe('registryOf: Docker reference rules', () => {
  test.each([
    ['nginx', DOCKER_HUB, true],
    ['nginx:1.27', DOCKER_HUB, true],
    ['team/shop:1', DOCKER_HUB, true],
    ['library/busybox@sha256:abc', DOCKER_HUB, true],
    ['docker.io/library/registry:3.0.0', 'docker.io', false],
    ['registry.k8s.io/pause:3.10', 'registry.k8s.io', false],
    ['ghcr.io/flannel-io/flannel:v0.28.9', 'ghcr.io', false],
    ['localhost/app', 'localhost', false],
    ['registry:5000/app', 'registry:5000', false],
  ])('%s: %s (implicit %s)', (image, host, implicit) => {
    expect(registryOf(image)).toEqual({ host, implicit });
  });
});

describe('imageReferences', () => {
  const block = (address: string, type: string, config: Record<string, unknown>): TerraformBlock => ({
    address,
    mode: 'resource',
    type,
    name: address.split('.')[1],
    path: address,
    config,
  });
  const output = (blocks: TerraformBlock[]): SynthOutput => ({
    dir: '/nowhere',
    stacks: new Map([
      [
        'main-platform',
        {
          name: 'main-platform',
          cluster: 'main',
          layer: undefined,
          blocks: new Map(blocks.map((b) => [b.address, b])),
          outputs: {},
        },
      ],
    ]),
    manifests: new Map([['main', new Map([['dev', [{ spec: { containers: [{ image: 'web:1' }] } }]]])]]),
    nodes: new Map([['main', new Map([['pool', new Map([['config.toml', 'sandbox_image = "pause:3"']])]])]]),
  });

  test('finds images in resources, Helm values (strings and image maps), manifests and node templates', () => {
    const refs = imageReferences(
      output([
        block('kubernetes_job_v1.a', 'kubernetes_job_v1', {
          spec: { template: { spec: { container: [{ image: 'busybox' }] } } },
        }),
        block('helm_release.b', 'helm_release', {
          values: [
            'x:\n  image:\n    registry: quay.io\n    repository: jetstack/thing\n    tag: v1\ny:\n  image: alpine\n',
          ],
        }),
        block('kubernetes_manifest.c', 'kubernetes_manifest', { manifest: { image: '${var.x}' } }),
      ]),
    );
    expect(refs).toEqual([
      { image: 'busybox', source: 'main-platform kubernetes_job_v1.a' },
      { image: 'quay.io/jetstack/thing:v1', source: 'main-platform helm_release.b values' },
      { image: 'alpine', source: 'main-platform helm_release.b values' },
      { image: 'web:1', source: 'manifests/main/dev' },
      { image: 'pause:3', source: 'nodes/main/pool/config.toml' },
    ]);
    expect(refs.filter((r) => registryOf(r.image).implicit).map((r) => r.image)).toEqual([
      'busybox',
      'alpine',
      'web:1',
      'pause:3',
    ]);
  });
});

describe('the default platform', () => {
  const refs = imageReferences(synthPlatform({}));

  test('names every image with its registry: nothing is pulled from Docker Hub implicitly', () => {
    expect(refs.length).toBeGreaterThan(10);
    expect(refs.filter((r) => registryOf(r.image).implicit)).toEqual([]);
  });

  test('the node upgrade Jobs run the image flannel runs on every node, not one from Docker Hub', () => {
    const jobs = refs.filter((r) => r.source.includes('kubernetes_job_v1.kubernetes-upgrade'));
    expect(jobs.length).toBe(3);
    expect(new Set(jobs.map((r) => r.image))).toEqual(new Set([NODE_UPGRADE_IMAGE]));
    expect(registryOf(NODE_UPGRADE_IMAGE).host).not.toBe(DOCKER_HUB);
    const flannel = refs.filter((r) => r.source.includes('helm_release.flannel'));
    expect(flannel.map((r) => r.image)).toEqual([`${FLANNEL_IMAGE.repository}:${FLANNEL_IMAGE.tag}`]);
    expect(NODE_UPGRADE_IMAGE).toBe(flannel[0].image);
  });
});
