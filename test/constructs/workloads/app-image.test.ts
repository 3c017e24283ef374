import { AppImage } from '../../../constructs/workloads/app-image';

const DIGEST = `sha256:${'ab'.repeat(32)}`;

describe('AppImage', () => {
  test('references a tag or a digest under the registry prefix', () => {
    expect(AppImage.tag('sites/wordpress', '6.8').reference('registry.example.com/dev')).toBe(
      'registry.example.com/dev/sites/wordpress:6.8',
    );
    expect(AppImage.digest('sites/wordpress', DIGEST).reference('registry.example.com/prod')).toBe(
      `registry.example.com/prod/sites/wordpress@${DIGEST}`,
    );
    expect(AppImage.tag('a', '1').isDigest).toBe(false);
    expect(AppImage.digest('a', DIGEST).isDigest).toBe(true);
    expect(String(AppImage.tag('a/b', 'v1'))).toBe('a/b:v1');
  });

  test('slugs the version for release job names', () => {
    expect(AppImage.tag('a', '6.8-Apache').versionSlug).toBe('6-8-apache');
    expect(AppImage.tag('a', '_x_').versionSlug).toBe('x');
    expect(AppImage.tag('a', `v${'1'.repeat(40)}`).versionSlug).toHaveLength(20);
    expect(AppImage.digest('a', DIGEST).versionSlug).toBe('abababababab');
  });

  test.each([
    ['an upper-case repository', 'Sites/WordPress', { tag: '1' }, 'repository'],
    ['a repository with an empty component', 'sites//wp', { tag: '1' }, 'repository'],
    ['neither tag nor digest', 'a', {}, 'exactly one of tag or digest'],
    ['both tag and digest', 'a', { tag: '1', digest: DIGEST }, 'exactly one of tag or digest'],
    ['a tag with a slash', 'a', { tag: 'feature/x' }, 'tag "feature/x"'],
    ['a tag starting with a dot', 'a', { tag: '.1' }, 'tag ".1"'],
    ['a short digest', 'a', { digest: 'sha256:abc' }, 'digest "sha256:abc"'],
    ['a non-sha256 digest', 'a', { digest: `sha512:${'a'.repeat(128)}` }, 'must be "sha256:"'],
  ])('rejects %s', (_, repository, version, message) => {
    const problems = AppImage.problemsOf(repository, version);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  test('its constructors throw on what problemsOf reports', () => {
    expect(() => AppImage.tag('Bad', '1')).toThrow(/invalid image: repository "Bad"/);
    expect(() => AppImage.digest('a', 'latest')).toThrow(/digest "latest"/);
  });
});
