/**
 * Resolves an image tag to its manifest digest through the OCI distribution API: `HEAD
 * /v2/<name>/manifests/<tag>` accepting image indexes and manifests (so a multi-platform image resolves to
 * its index, which every node architecture can pull), with the anonymous bearer-token flow for registries
 * that answer 401 with `WWW-Authenticate: Bearer realm=…`. No credentials are ever sent.
 */
import * as crypto from 'crypto';
import { IMAGE_DIGEST } from '../../constructs/core/image-digest';
import { ImageTag, imageKey } from '../../constructs/addons/core/platform-image';

/** Media types asked for, indexes first: the digest of what a node pulls for any architecture. */
export const MANIFEST_MEDIA_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
] as const;

/** Where to ask for an image's manifests. */
export interface ManifestLocation {
  /** `https://registry-1.docker.io`, or `http://127.0.0.1:5000` for a loopback registry. */
  readonly baseUrl: string;
  /** Repository name on that registry: `library/busybox`. */
  readonly name: string;
}

/** Docker Hub's API host for `docker.io`, and its implicit `library/` for official images. */
export function manifestLocation(repository: string): ManifestLocation {
  const slash = repository.indexOf('/');
  if (slash <= 0) throw new Error(`image repository "${repository}" must start with its registry host`);
  const host = repository.slice(0, slash);
  let name = repository.slice(slash + 1);
  if (host === 'docker.io') {
    if (!name.includes('/')) name = `library/${name}`;
    return { baseUrl: 'https://registry-1.docker.io', name };
  }
  return { baseUrl: `${isLoopback(host) ? 'http' : 'https'}://${host}`, name };
}

/** A loopback host (with or without a port): plain HTTP, as Docker itself allows for local registries. */
function isLoopback(host: string): boolean {
  const name = host.replace(/:\d+$/, '');
  return name === 'localhost' || /^127(\.\d{1,3}){3}$/.test(name) || name === '[::1]';
}

/** A parsed `WWW-Authenticate: Bearer k="v",…` challenge. */
export function bearerChallenge(header: string | null): Record<string, string> | undefined {
  if (!header || !/^Bearer\s/i.test(header)) return undefined;
  const params: Record<string, string> = {};
  for (const match of header.slice(header.indexOf(' ') + 1).matchAll(/([A-Za-z_]+)="([^"]*)"/g)) {
    params[match[1].toLowerCase()] = match[2];
  }
  return params.realm ? params : undefined;
}

export interface ResolveOptions {
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** @default 30000 */
  readonly timeoutMs?: number;
}

/** Thrown for an image that could not be resolved; the message names the image and what happened. */
export class ResolveError extends Error {}

/** The digest `repository:tag` points at now, `sha256:` and 64 hex digits. */
export async function resolveDigest(image: ImageTag, options: ResolveOptions = {}): Promise<string> {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30000;
  const location = manifestLocation(image.repository);
  const url = `${location.baseUrl}/v2/${location.name}/manifests/${encodeURIComponent(image.tag)}`;
  const request = async (method: 'HEAD' | 'GET', target: string, headers: Record<string, string>) => {
    try {
      return await doFetch(target, {
        method,
        headers,
        redirect: 'follow',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new ResolveError(
        `${imageKey(image)}: cannot reach ${new URL(target).origin} (${cause?.code ?? cause?.message ?? (err as Error).message})`,
      );
    }
  };
  const headers: Record<string, string> = { Accept: MANIFEST_MEDIA_TYPES.join(', ') };
  let response = await request('HEAD', url, headers);
  if (response.status === 401) {
    const challenge = bearerChallenge(response.headers.get('www-authenticate'));
    if (!challenge) {
      throw new ResolveError(
        `${imageKey(image)}: ${location.baseUrl} wants credentials, not an anonymous token`,
      );
    }
    headers.Authorization = `Bearer ${await anonymousToken(image, location, challenge, request)}`;
    response = await request('HEAD', url, headers);
  }
  if (response.status === 404) {
    throw new ResolveError(`${imageKey(image)}: no such tag at ${location.baseUrl}/v2/${location.name}`);
  }
  if (!response.ok) {
    throw new ResolveError(
      `${imageKey(image)}: ${location.baseUrl} answered ${response.status} ${response.statusText}`,
    );
  }
  let digest = response.headers.get('docker-content-digest') ?? undefined;
  if (digest === undefined) {
    // Not every registry sends the header on HEAD: the digest is the SHA-256 of the manifest's bytes.
    const body = await request('GET', url, headers);
    if (!body.ok) throw new ResolveError(`${imageKey(image)}: GET of the manifest answered ${body.status}`);
    digest = `sha256:${crypto
      .createHash('sha256')
      .update(Buffer.from(await body.arrayBuffer()))
      .digest('hex')}`;
  }
  if (!IMAGE_DIGEST.test(digest)) {
    throw new ResolveError(
      `${imageKey(image)}: ${location.baseUrl} gave digest "${digest}", not sha256: and 64 hex digits`,
    );
  }
  return digest;
}

/** An anonymous pull token from the challenge's realm (`token` or `access_token` in its JSON). */
async function anonymousToken(
  image: ImageTag,
  location: ManifestLocation,
  challenge: Record<string, string>,
  request: (method: 'GET', url: string, headers: Record<string, string>) => Promise<Response>,
): Promise<string> {
  const realm = new URL(challenge.realm);
  if (challenge.service) realm.searchParams.set('service', challenge.service);
  realm.searchParams.set('scope', challenge.scope ?? `repository:${location.name}:pull`);
  const response = await request('GET', realm.toString(), {});
  if (!response.ok) {
    throw new ResolveError(
      `${imageKey(image)}: the token service ${realm.origin} answered ${response.status}`,
    );
  }
  const body = (await response.json().catch(() => ({}))) as { token?: unknown; access_token?: unknown };
  const token = body.token ?? body.access_token;
  if (typeof token !== 'string' || token === '') {
    throw new ResolveError(`${imageKey(image)}: the token service ${realm.origin} gave no token`);
  }
  return token;
}
