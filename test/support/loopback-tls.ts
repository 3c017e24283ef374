import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

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
