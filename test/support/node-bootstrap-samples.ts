import * as crypto from 'crypto';
import * as YAML from 'yaml';
import { Cidr, TimeSpan, KubernetesVersion, TaintEffect } from '../../config';
import { EtcdBackupSettings } from '../../constructs/cluster/etcd-backup';
import { NodeBootstrapProps, NodeRole } from '../../constructs/cluster/node-bootstrap-props';
import { renderCloudConfig } from '../../constructs/cluster/node-cloud-config';

// Sample NodeBootstrap props and a reader of the cloud-config they render, shared by the node tests.

/** Deterministic, incompressible bytes (a SHA-256 chain), so sizes behave like real keys and certificates. */
export function bytes(count: number, seed: string): Buffer {
  const blocks: Buffer[] = [];
  let block = Buffer.from(seed);
  for (let total = 0; total < count; total += block.length) {
    block = crypto.createHash('sha256').update(block).digest();
    blocks.push(block);
  }
  return Buffer.concat(blocks).subarray(0, count);
}

/** A PEM block of `size` DER bytes. */
export function pem(label: string, size: number, seed: string): string {
  const body = bytes(size, seed)
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

/** Sizes of an RSA-4096 CA (the largest a user would pick): certificate ~1.4 kB DER, key ~2.4 kB DER. */
export const REALISTIC = { certificate: 1400, key: 2400 };
/** Small PEM blocks for snapshots that stay readable. */
export const COMPACT = { certificate: 48, key: 48 };

export const SECRETS = {
  bootstrapToken: 'k8sabc.0123456789abcdef',
  growthToken: 'grow42.growthsecret0042',
  certificateKey: bytes(32, 'certificate-key').toString('hex'),
  secretsEncryptionKey: bytes(32, 'encryption-key').toString('base64'),
};

export function sampleProps(role: NodeRole, sizes = COMPACT): NodeBootstrapProps {
  const master = role !== NodeRole.MINION;
  return {
    role,
    kubernetesVersion: KubernetesVersion.DEFAULT,
    clusterName: 'main',
    controlPlaneEndpoint: '203.0.113.5:6443',
    apiServerCertSans: ['api.main.berth.example.com', '203.0.113.5'],
    masterAddresses: master ? ['10.0.0.10', '10.0.0.11', '10.0.0.12'] : undefined,
    podCidr: Cidr.of('10.244.0.0/16'),
    serviceCidr: Cidr.of('10.96.0.0/12'),
    bootstrapToken: SECRETS.bootstrapToken,
    growthToken: SECRETS.growthToken,
    caCertificatePem: pem('CERTIFICATE', sizes.certificate, 'cluster-ca'),
    caPrivateKeyPem:
      role === NodeRole.INIT_MASTER ? pem('RSA PRIVATE KEY', sizes.key, 'cluster-ca-key') : undefined,
    certificateKey: master ? SECRETS.certificateKey : undefined,
    secretsEncryptionKey: master ? SECRETS.secretsEncryptionKey : undefined,
    nodeLabels: master ? undefined : { 'berth.example.com/pool': 'default' },
    taints: master
      ? undefined
      : [{ key: 'berth.example.com/dedicated', value: 'apps', effect: TaintEffect.NO_SCHEDULE }],
    registryHost: 'registry.apps.main.berth.example.com',
    registryCaPem: pem('CERTIFICATE', sizes.certificate, 'platform-ca'),
    podNetworkMtu: 1400,
  };
}

export const ROLES = [NodeRole.INIT_MASTER, NodeRole.JOIN_MASTER, NodeRole.MINION];

export interface RenderedFile {
  readonly path: string;
  readonly content: string;
  readonly permissions: string;
  readonly owner: string;
  readonly encoding?: string;
}

export interface Rendered {
  readonly text: string;
  readonly files: readonly RenderedFile[];
  readonly runcmd: readonly (string | string[])[];
  /** A file's content, decoded. */
  file(filePath: string): string;
}

export function render(props: NodeBootstrapProps): Rendered {
  const text = renderCloudConfig(props);
  const doc = YAML.parse(text) as { write_files: RenderedFile[]; runcmd: (string | string[])[] };
  const decode = (f: RenderedFile) =>
    f.encoding === 'b64' ? Buffer.from(f.content, 'base64').toString('utf8') : f.content;
  return {
    text,
    files: doc.write_files,
    runcmd: doc.runcmd,
    file(filePath) {
      const found = doc.write_files.find((f) => f.path === filePath);
      if (!found) throw new Error(`no file ${filePath} in the cloud-config`);
      return decode(found);
    },
  };
}

/** Etcd backup settings of a master. */
export const ETCD_BACKUP_SETTINGS: EtcdBackupSettings = {
  interval: TimeSpan.hours(1),
  keep: 48,
  authUrl: 'https://keystone.example:5000/v3',
  region: 'RegionOne',
  container: 'berth-main-backups',
  credentialId: 'a1b2c3',
  credentialSecret: "s3cr'et-of-the-credential",
  encryptionKey: 'c2VjcmV0LWtleS1vZi10aGUtdGVzdC1jbHVzdGVyLTEyMw==',
};
