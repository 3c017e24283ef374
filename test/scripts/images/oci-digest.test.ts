import * as net from 'net';
import {
  MANIFEST_MEDIA_TYPES,
  ResolveError,
  bearerChallenge,
  manifestLocation,
  resolveDigest,
} from '../../../scripts/images/oci-digest';
import { TestRegistry, startRegistry } from '../../support/oci-registry';
import { withTool } from '../../support/real-tool';

describe('manifest locations', () => {
  test('docker.io is asked at registry-1.docker.io, official images under library/', () => {
    expect(manifestLocation('docker.io/library/busybox')).toEqual({
      baseUrl: 'https://registry-1.docker.io',
      name: 'library/busybox',
    });
    expect(manifestLocation('docker.io/busybox')).toEqual({
      baseUrl: 'https://registry-1.docker.io',
      name: 'library/busybox',
    });
    expect(manifestLocation('docker.io/envoyproxy/envoy').name).toBe('envoyproxy/envoy');
  });

  test('other registries over HTTPS, loopback registries over HTTP', () => {
    expect(manifestLocation('registry.k8s.io/sig-storage/csi-attacher')).toEqual({
      baseUrl: 'https://registry.k8s.io',
      name: 'sig-storage/csi-attacher',
    });
    expect(manifestLocation('127.0.0.1:5000/berth/app').baseUrl).toBe('http://127.0.0.1:5000');
    expect(manifestLocation('localhost:5000/berth/app').baseUrl).toBe('http://localhost:5000');
    expect(manifestLocation('localhost.example.com/berth/app').baseUrl).toBe('https://localhost.example.com');
    expect(() => manifestLocation('busybox')).toThrow(
      'image repository "busybox" must start with its registry host',
    );
  });

  test('asks for image indexes first, then single manifests', () => {
    expect(MANIFEST_MEDIA_TYPES[0]).toBe('application/vnd.oci.image.index.v1+json');
    expect(MANIFEST_MEDIA_TYPES).toContain('application/vnd.docker.distribution.manifest.list.v2+json');
  });
});

describe('bearer challenges', () => {
  test('parse realm, service and scope; anything else is no challenge', () => {
    expect(
      bearerChallenge(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull"',
      ),
    ).toEqual({
      realm: 'https://auth.docker.io/token',
      service: 'registry.docker.io',
      scope: 'repository:library/busybox:pull',
    });
    expect(bearerChallenge('Basic realm="x"')).toBeUndefined();
    expect(bearerChallenge('Bearer service="x"')).toBeUndefined();
    expect(bearerChallenge(null)).toBeUndefined();
  });
});

describe('resolving digests at a real registry (docker-registry on loopback, token auth)', () => {
  const realRegistry = withTool('docker-registry', 'docker-registry');
  let registry: TestRegistry | undefined;

  afterAll(async () => {
    await registry?.stop();
  });

  realRegistry(
    'resolves a tag to the manifest digest, an index tag to the index digest, after an anonymous token',
    async () => {
      registry = await startRegistry();
      const manifest = await registry.pushImage('berth/app', '1.0');
      const arm = await registry.pushImage('berth/app', 'arm', 'another layer');
      const index = await registry.pushIndex('berth/app', 'multi', [
        { digest: manifest, size: registry.sizeOf(manifest) },
        { digest: arm, size: registry.sizeOf(arm) },
      ]);
      const scopesBefore = registry.tokenScopes.length;

      await expect(resolveDigest({ repository: `${registry.host}/berth/app`, tag: '1.0' })).resolves.toBe(
        manifest,
      );
      await expect(resolveDigest({ repository: `${registry.host}/berth/app`, tag: 'multi' })).resolves.toBe(
        index,
      );
      // Each resolution asked the token service for a pull-only token for exactly that repository.
      expect(registry.tokenScopes.slice(scopesBefore)).toEqual([
        'repository:berth/app:pull',
        'repository:berth/app:pull',
      ]);

      await expect(resolveDigest({ repository: `${registry.host}/berth/app`, tag: '2.0' })).rejects.toThrow(
        new ResolveError(
          `${registry.host}/berth/app:2.0: no such tag at http://${registry.host}/v2/berth/app`,
        ),
      );
    },
  );

  test('an unreachable registry is an error naming the image and the address', async () => {
    // A loopback port that was just free: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = server.address() as net.AddressInfo;
        server.close(() => resolve(free));
      });
    });
    await expect(
      resolveDigest({ repository: `127.0.0.1:${port}/berth/app`, tag: '1.0' }, { timeoutMs: 2000 }),
    ).rejects.toThrow(
      new ResolveError(
        `127.0.0.1:${port}/berth/app:1.0: cannot reach http://127.0.0.1:${port} (ECONNREFUSED)`,
      ),
    );
  });
});
