/**
 * A real OCI registry for tests: Debian's `docker-registry` (CNCF Distribution 2.8) on a loopback port,
 * filesystem storage in a temporary folder, behind token authentication served by a small token service
 * in this process (JWTs signed with a throw-away key whose certificate the registry trusts), the way
 * Docker Hub, ghcr.io and quay.io hand out anonymous pull tokens. Images are pushed through the
 * registry's HTTP API. Nothing leaves the loopback interface.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

const SERVICE = 'berth-test-registry';
const ISSUER = 'berth-test-token-service';

export interface TestRegistry {
  /** `127.0.0.1:<port>`: image repositories are `<host>/<name>`. */
  readonly host: string;
  /** Token requests the token service answered, as `scope` strings. */
  readonly tokenScopes: readonly string[];
  /** Pushes a one-layer image manifest under `tag`; returns its digest. */
  pushImage(name: string, tag: string, layer?: string): Promise<string>;
  /** Pushes an image index of the given manifests under `tag`; returns its digest. */
  pushIndex(
    name: string,
    tag: string,
    manifests: readonly { digest: string; size: number }[],
  ): Promise<string>;
  /** Size in bytes of the manifest pushed with `digest`. */
  sizeOf(digest: string): number;
  stop(): Promise<void>;
}

const sha256 = (data: Buffer | string) => `sha256:${crypto.createHash('sha256').update(data).digest('hex')}`;
const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts the registry and its token service; throws if it does not answer within 15 s. */
export async function startRegistry(): Promise<TestRegistry> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-registry-'));
  const key = path.join(dir, 'token.key');
  const cert = path.join(dir, 'token.crt');
  const openssl = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      `/CN=${ISSUER}`,
    ],
    { encoding: 'utf8' },
  );
  if (openssl.status !== 0) throw new Error(`openssl failed: ${openssl.stderr}`);
  const privateKey = crypto.createPrivateKey(fs.readFileSync(key));
  const x5c = new crypto.X509Certificate(fs.readFileSync(cert)).raw.toString('base64');

  const tokenScopes: string[] = [];
  const sign = (scope: string): string => {
    const now = Math.floor(Date.now() / 1000);
    const access = scope
      .split(' ')
      .filter(Boolean)
      .map((s) => {
        const [type, name, actions] = s.split(':');
        return { type, name, actions: actions.split(',') };
      });
    const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', x5c: [x5c] }));
    const claims = base64url(
      JSON.stringify({
        iss: ISSUER,
        sub: '',
        aud: SERVICE,
        exp: now + 300,
        nbf: now - 10,
        iat: now,
        jti: crypto.randomUUID(),
        access,
      }),
    );
    const signature = crypto.sign('sha256', Buffer.from(`${header}.${claims}`), privateKey);
    return `${header}.${claims}.${base64url(signature)}`;
  };
  const tokenServer = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const scope = url.searchParams.get('scope') ?? '';
    if (
      url.pathname !== '/token' ||
      url.searchParams.get('service') !== SERVICE ||
      req.headers.authorization
    ) {
      res.writeHead(400).end();
      return;
    }
    tokenScopes.push(scope);
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ token: sign(scope) }));
  });
  await new Promise<void>((resolve) => tokenServer.listen(0, '127.0.0.1', resolve));
  const tokenPort = (tokenServer.address() as net.AddressInfo).port;

  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const config = path.join(dir, 'config.yml');
  fs.writeFileSync(
    config,
    [
      'version: 0.1',
      'log:',
      '  level: error',
      '  accesslog:',
      '    disabled: true',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${path.join(dir, 'data')}`,
      '  maintenance:',
      '    uploadpurging:',
      '      enabled: false',
      'http:',
      `  addr: ${host}`,
      '  secret: berth-test-only',
      'auth:',
      '  token:',
      `    realm: http://127.0.0.1:${tokenPort}/token`,
      `    service: ${SERVICE}`,
      `    issuer: ${ISSUER}`,
      `    rootcertbundle: ${cert}`,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn('docker-registry', ['serve', config], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    }
    await new Promise<void>((resolve) => tokenServer.close(() => resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 15000;
  for (;;) {
    const status = await fetch(`http://${host}/v2/`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 401) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error(`docker-registry did not start on ${host}: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  const sizes = new Map<string, number>();
  const authorized = (name: string) => ({ Authorization: `Bearer ${sign(`repository:${name}:pull,push`)}` });
  const pushBlob = async (name: string, data: Buffer): Promise<string> => {
    const digest = sha256(data);
    const start = await fetch(`http://${host}/v2/${name}/blobs/uploads/`, {
      method: 'POST',
      headers: authorized(name),
    });
    if (start.status !== 202) throw new Error(`blob upload start: ${start.status} ${await start.text()}`);
    const location = new URL(start.headers.get('location') as string, `http://${host}`);
    location.searchParams.set('digest', digest);
    const put = await fetch(location, {
      method: 'PUT',
      headers: { ...authorized(name), 'Content-Type': 'application/octet-stream' },
      body: data,
    });
    if (put.status !== 201) throw new Error(`blob upload: ${put.status} ${await put.text()}`);
    return digest;
  };
  const putManifest = async (
    name: string,
    tag: string,
    mediaType: string,
    manifest: object,
  ): Promise<string> => {
    const body = Buffer.from(JSON.stringify(manifest));
    const put = await fetch(`http://${host}/v2/${name}/manifests/${tag}`, {
      method: 'PUT',
      headers: { ...authorized(name), 'Content-Type': mediaType },
      body,
    });
    if (put.status !== 201) throw new Error(`manifest upload: ${put.status} ${await put.text()}`);
    const digest = sha256(body);
    sizes.set(digest, body.length);
    return digest;
  };

  return {
    host,
    tokenScopes,
    sizeOf: (digest) => sizes.get(digest) ?? 0,
    stop,
    async pushImage(name, tag, layer = `layer of ${name}:${tag}`) {
      const config = Buffer.from(
        JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } }),
      );
      const layerData = Buffer.from(layer);
      const configDigest = await pushBlob(name, config);
      const layerDigest = await pushBlob(name, layerData);
      return putManifest(name, tag, 'application/vnd.oci.image.manifest.v1+json', {
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: {
          mediaType: 'application/vnd.oci.image.config.v1+json',
          digest: configDigest,
          size: config.length,
        },
        layers: [
          {
            mediaType: 'application/vnd.oci.image.layer.v1.tar',
            digest: layerDigest,
            size: layerData.length,
          },
        ],
      });
    },
    async pushIndex(name, tag, manifests) {
      return putManifest(name, tag, 'application/vnd.oci.image.index.v1+json', {
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: manifests.map((m, i) => ({
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: m.digest,
          size: m.size,
          platform: { architecture: i === 0 ? 'amd64' : 'arm64', os: 'linux' },
        })),
      });
    },
  };
}
