import { execFile, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as http from 'http';
import * as https from 'https';
import { AddressInfo } from 'net';

// Test support: TLS material for stand-in API servers on loopback, made with the real openssl.

/** Certificates for a stand-in API on 127.0.0.1: a CA, the server's, a client's, and a foreign CA's server. */
export function loopbackCertificates(dir: string) {
  const openssl = (...args: string[]) => {
    const result = spawnSync('openssl', args, {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, HOME: dir },
    });
    if (result.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${result.stderr}`);
  };
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  const ca = (name: string) =>
    openssl(
      'req',
      '-x509',
      ...key,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.crt`,
      '-subj',
      `/CN=${name}`,
      '-days',
      '1',
    );
  const signed = (name: string, caName: string, extensions: string, subject: string) => {
    fs.writeFileSync(path.join(dir, `${name}.ext`), extensions);
    openssl('req', ...key, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
    openssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      `${caName}.crt`,
      '-CAkey',
      `${caName}.key`,
      '-CAcreateserial',
      '-out',
      `${name}.crt`,
      '-days',
      '1',
      '-extfile',
      `${name}.ext`,
    );
  };
  ca('ca');
  ca('other-ca');
  signed('server', 'ca', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n', '/CN=kube-apiserver');
  signed(
    'foreign',
    'other-ca',
    'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n',
    '/CN=someone-else',
  );
  signed('client', 'ca', 'extendedKeyUsage=clientAuth\n', '/O=berth:deployers/CN=berth-deployer');
  const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
  return {
    ca: read('ca.crt'),
    server: { cert: read('server.crt'), key: read('server.key') },
    foreign: { cert: read('foreign.crt'), key: read('foreign.key') },
    client: { cert: read('client.crt'), key: read('client.key') },
  };
}

export type Certificates = ReturnType<typeof loopbackCertificates>;

/** A stand-in API's address and how to stop it. */
export interface LoopbackServer {
  readonly url: string;
  readonly close: () => Promise<void>;
}

/**
 * An HTTPS server on 127.0.0.1 (a free port) that, like kube-apiserver, admits only clients with a
 * certificate of the cluster CA; `handler` answers what the stand-in stands in for.
 */
export async function listenLoopbackTls(
  certs: Certificates,
  handler: http.RequestListener,
  serverCert: { cert: string; key: string } = certs.server,
): Promise<LoopbackServer> {
  const server = https.createServer(
    { ...serverCert, ca: certs.ca, requestCert: true, rejectUnauthorized: true },
    handler,
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Runs a Node program as Terraform's local-exec runs it (`node -e`), with the API's address and the
 * client credentials in its environment, plus `env`; bounded at 20 s.
 */
export function runApiProgram(
  script: string,
  certs: Certificates,
  url: string,
  env: Record<string, string>,
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-e', script],
      {
        env: {
          PATH: process.env.PATH,
          BERTH_API_URL: url,
          BERTH_CA_PEM: certs.ca,
          BERTH_CLIENT_CERT_PEM: certs.client.cert,
          BERTH_CLIENT_KEY_PEM: certs.client.key,
          ...env,
        },
        timeout: 20_000,
      },
      (error, stdout, stderr) => resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
