import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import * as YAML from 'yaml';
import { KubernetesVersion } from '../../../config';
import { NodeRole } from '../../../constructs/cluster/node-bootstrap-props';
import {
  INIT_CLUSTER_CA_FILES,
  JOIN_CLUSTER_CA_FILE,
  renderCloudConfig,
} from '../../../constructs/cluster/node-cloud-config';
import { API_SERVER_FILES } from '../../../constructs/cluster/api-server-config';
import { KUBEADM_API_VERSION } from '../../../constructs/cluster/kubeadm-api';
import {
  BOOTSTRAP_ENV_FILE,
  JOIN_TOKENS_FILE,
  KUBEADM_CONFIG_TEMPLATE,
} from '../../../constructs/cluster/node-bootstrap-environment';
import {
  DEPLOYERS_BINDING_FILE,
  deployersClusterRoleBinding,
} from '../../../constructs/cluster/cluster-deployers';
import {
  METADATA_GUARD_RULES_FILE,
  METADATA_GUARD_UNIT,
  METADATA_GUARD_UNIT_FILE,
  metadataGuardRuleset,
  metadataGuardUnit,
} from '../../../constructs/cluster/metadata-guard';
import { withTool } from '../../support/real-tool';
import {
  ETCD_BACKUP_SETTINGS,
  REALISTIC,
  ROLES,
  SECRETS,
  render,
  sampleProps,
} from '../../support/node-bootstrap-samples';

// ---------------------------------------------------------------------------------------------------------
// The real tools
// ---------------------------------------------------------------------------------------------------------

const withCloudInit = withTool('cloud-init');
const withShellcheck = withTool('shellcheck');

function tempFile(name: string, content: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'berth-node-')), name);
  fs.writeFileSync(file, content);
  return file;
}

function cloudInitSchema(document: string): { readonly ok: boolean; readonly output: string } {
  const result = spawnSync('cloud-init', ['schema', '--config-file', tempFile('user-data.yaml', document)], {
    encoding: 'utf8',
  });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

/** shellcheck at style level, also insisting that upper-case variables are set. */
function shellcheck(script: string, shell?: 'sh'): { readonly ok: boolean; readonly output: string } {
  const args = ['--severity=style', '--enable=check-unassigned-uppercase', '--format=gcc'];
  if (shell) args.push(`--shell=${shell}`);
  const result = spawnSync('shellcheck', [...args, tempFile('script', script)], { encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

/** What the cloudinit provider sends: a MIME multipart message of one part, gzipped, base64-encoded. */
function cloudinitUserData(cloudConfig: string): string {
  const mime = [
    'Content-Type: multipart/mixed; boundary="MIMEBOUNDARY"',
    'MIME-Version: 1.0',
    '',
    '--MIMEBOUNDARY',
    'Content-Disposition: attachment; filename="cloud-config.yaml"',
    'Content-Transfer-Encoding: 7bit',
    'Content-Type: text/cloud-config',
    'Mime-Version: 1.0',
    '',
    cloudConfig,
    '--MIMEBOUNDARY--',
    '',
  ].join('\r\n');
  return zlib.gzipSync(Buffer.from(mime, 'utf8')).toString('base64');
}

/** Nova's limit on user_data, counted after base64. */
const NOVA_USER_DATA_LIMIT = 65535;

// ---------------------------------------------------------------------------------------------------------

describe.each(ROLES)('renderCloudConfig for a %s', (role) => {
  const rendered = render(sampleProps(role));

  test('matches the reviewed snapshot', () => {
    expect(rendered.text).toMatchSnapshot();
  });

  withCloudInit('is valid according to cloud-init schema', () => {
    const result = cloudInitSchema(rendered.text);
    expect(result.output).toContain('Valid cloud-config');
    expect(result.ok).toBe(true);
  });

  withShellcheck('every embedded script passes shellcheck', () => {
    const scripts = rendered.files.filter((f) => f.content.startsWith('#!'));
    expect(scripts.map((s) => s.path)).toEqual([
      ...(role === NodeRole.MINION ? [] : ['/usr/local/sbin/berth-encryption-key']),
      '/usr/local/sbin/berth-prepare-node',
      '/usr/local/sbin/berth-kubeadm',
    ]);
    for (const script of scripts) {
      const result = shellcheck(script.content);
      expect(`${script.path}: ${result.output}`).toBe(`${script.path}: `);
      expect(result.ok).toBe(true);
    }
    const shellLines = rendered.runcmd.filter((c): c is string => typeof c === 'string');
    expect(shellLines).toHaveLength(1);
    for (const line of shellLines) expect(shellcheck(`${line}\n`, 'sh').ok).toBe(true);
  });

  test('blocks pods from the metadata service before any pod can run, at every boot', () => {
    expect(rendered.file(METADATA_GUARD_RULES_FILE)).toBe(metadataGuardRuleset());
    expect(rendered.file(METADATA_GUARD_UNIT_FILE)).toBe(metadataGuardUnit());
    const prepare = rendered.file('/usr/local/sbin/berth-prepare-node');
    const enable = prepare.indexOf(`systemctl enable --now ${METADATA_GUARD_UNIT}`);
    expect(enable).toBeGreaterThan(
      prepare.indexOf('apt_get install -y ca-certificates curl gpg openssl nftables'),
    );
    expect(enable).toBeLessThan(prepare.indexOf('systemctl enable kubelet'));
  });

  test('stays under Nova’s 65,535-byte user_data limit with RSA-4096-sized PEM blocks', () => {
    const userData = cloudinitUserData(renderCloudConfig(sampleProps(role, REALISTIC)));
    expect(userData.length).toBeLessThan(NOVA_USER_DATA_LIMIT);
  });

  test('scripts are executable by root only, secret files readable by root only', () => {
    const secrets = [
      SECRETS.bootstrapToken,
      SECRETS.growthToken,
      SECRETS.certificateKey,
      SECRETS.secretsEncryptionKey,
      'PRIVATE KEY',
    ];
    for (const file of rendered.files) {
      const content = rendered.file(file.path);
      if (secrets.some((s) => content.includes(s)))
        expect(`${file.path} ${file.permissions}`).toBe(`${file.path} 0600`);
      if (content.startsWith('#!')) expect(`${file.path} ${file.permissions}`).toBe(`${file.path} 0700`);
      expect(file.owner).toBe('root:root');
    }
  });

  test('runs preparation then kubeadm once, stopping at the first failure', () => {
    expect(rendered.runcmd).toEqual(['/usr/local/sbin/berth-prepare-node && /usr/local/sbin/berth-kubeadm']);
  });

  test('the kubeadm configuration is v1beta4 and pins the API endpoint', () => {
    const docs = YAML.parseAllDocuments(rendered.file(KUBEADM_CONFIG_TEMPLATE)).map(
      (d) => d.toJS() as Record<string, unknown>,
    );
    for (const doc of docs.filter((d) => d.kind !== 'KubeletConfiguration')) {
      expect(doc.apiVersion).toBe(KUBEADM_API_VERSION);
    }
    expect(rendered.file(KUBEADM_CONFIG_TEMPLATE)).toContain('"203.0.113.5:6443"');
  });
});

describe('what each role gets', () => {
  test('every role keeps both join tokens in one root-only file, and no token in its kubeadm configuration', () => {
    for (const role of ROLES) {
      const rendered = render(sampleProps(role));
      expect(rendered.file(JOIN_TOKENS_FILE)).toBe(`${SECRETS.bootstrapToken}\n${SECRETS.growthToken}\n`);
      expect(rendered.files.find((f) => f.path === JOIN_TOKENS_FILE)!.permissions).toBe('0600');
      if (role !== NodeRole.INIT_MASTER) {
        expect(rendered.file(KUBEADM_CONFIG_TEMPLATE)).not.toContain(SECRETS.bootstrapToken);
      }
    }
  });

  test('only the init master carries the deployers binding it applies after kubeadm init', () => {
    const binding = YAML.parse(render(sampleProps(NodeRole.INIT_MASTER)).file(DEPLOYERS_BINDING_FILE));
    expect(binding).toEqual(deployersClusterRoleBinding());
    for (const role of [NodeRole.JOIN_MASTER, NodeRole.MINION]) {
      expect(render(sampleProps(role)).files.map((f) => f.path)).not.toContain(DEPLOYERS_BINDING_FILE);
    }
  });

  test('the init master gets the CA certificate and key where kubeadm init takes them', () => {
    const props = sampleProps(NodeRole.INIT_MASTER);
    const rendered = render(props);
    expect(rendered.file(INIT_CLUSTER_CA_FILES.certificate)).toBe(props.caCertificatePem);
    expect(rendered.file(INIT_CLUSTER_CA_FILES.key)).toBe(props.caPrivateKeyPem);
    expect(rendered.file(BOOTSTRAP_ENV_FILE)).toContain(
      `BERTH_CLUSTER_CA_FILE='${INIT_CLUSTER_CA_FILES.certificate}'`,
    );
  });

  test.each([NodeRole.JOIN_MASTER, NodeRole.MINION])(
    'a %s gets only the CA certificate, outside /etc/kubernetes/pki (kubeadm join refuses an existing ca.crt)',
    (role) => {
      const props = sampleProps(role);
      const rendered = render(props);
      expect(rendered.file(JOIN_CLUSTER_CA_FILE)).toBe(props.caCertificatePem);
      expect(rendered.files.filter((f) => f.path.startsWith('/etc/kubernetes/pki/'))).toEqual([]);
      expect(rendered.file(BOOTSTRAP_ENV_FILE)).toContain(`BERTH_CLUSTER_CA_FILE='${JOIN_CLUSTER_CA_FILE}'`);
    },
  );

  test('no node but the init master carries the CA key; minions carry no master secret', () => {
    const caKey = sampleProps(NodeRole.INIT_MASTER).caPrivateKeyPem!;
    const allContent = (role: NodeRole) => {
      const rendered = render(sampleProps(role));
      return rendered.files.map((f) => rendered.file(f.path)).join('\n');
    };
    expect(allContent(NodeRole.INIT_MASTER)).toContain(caKey);
    expect(allContent(NodeRole.JOIN_MASTER)).not.toContain('PRIVATE KEY');
    const minion = allContent(NodeRole.MINION);
    expect(minion).not.toContain('PRIVATE KEY');
    expect(minion).not.toContain(SECRETS.certificateKey);
    expect(minion).not.toContain(SECRETS.secretsEncryptionKey);
  });

  test('masters get the API server hardening files; minions do not', () => {
    for (const role of [NodeRole.INIT_MASTER, NodeRole.JOIN_MASTER]) {
      const rendered = render(sampleProps(role));
      expect(rendered.file(API_SERVER_FILES.encryptionConfiguration)).toContain(SECRETS.secretsEncryptionKey);
      expect(rendered.file(API_SERVER_FILES.auditPolicy)).toContain('kind: "Policy"');
      expect(rendered.file(API_SERVER_FILES.authenticationConfiguration)).toContain(
        'kind: "AuthenticationConfiguration"',
      );
    }
    const minion = render(sampleProps(NodeRole.MINION));
    expect(minion.files.filter((f) => f.path.startsWith('/etc/kubernetes/apiserver/'))).toEqual([]);
  });

  test('the pinned package channel follows the Kubernetes version', () => {
    for (const minor of KubernetesVersion.SUPPORTED_MINORS) {
      const version = KubernetesVersion.tryParse(`1.${minor}`)!;
      const rendered = render({ ...sampleProps(NodeRole.MINION), kubernetesVersion: version });
      const env = rendered.file(BOOTSTRAP_ENV_FILE);
      expect(env).toContain(`BERTH_KUBERNETES_MINOR='1.${minor}'\n`);
      expect(env).toContain(
        `BERTH_PACKAGE_REPOSITORY='https://pkgs.k8s.io/core:/stable:/v1.${minor}/deb/'\n`,
      );
      const channels = new Set(rendered.text.match(/pkgs\.k8s\.io\/core:\/stable:\/v1\.\d+/g));
      expect([...channels]).toEqual([`pkgs.k8s.io/core:/stable:/v1.${minor}`]);
      expect(rendered.text).not.toContain('apt.kubernetes.io');
    }
  });

  test('no MTU check unless a pod MTU is given', () => {
    const rendered = render({ ...sampleProps(NodeRole.MINION), podNetworkMtu: undefined });
    expect(rendered.file(BOOTSTRAP_ENV_FILE)).toContain("BERTH_POD_NETWORK_MTU=''\n");
  });

  test("masters get the masters' fixed addresses in their bootstrap environment; minions do not", () => {
    const env = (role: NodeRole) => render(sampleProps(role)).file(BOOTSTRAP_ENV_FILE);
    expect(env(NodeRole.JOIN_MASTER)).toContain("BERTH_MASTER_ADDRESSES='10.0.0.10 10.0.0.11 10.0.0.12'");
    expect(env(NodeRole.MINION)).toContain("BERTH_MASTER_ADDRESSES=''");
  });
});

withShellcheck('shellcheck does fail on a faulty script (so the script checks can fail)', () => {
  expect(shellcheck('#!/usr/bin/env bash\nset -euo pipefail\nrm -rf $1/\n').ok).toBe(false);
});

describe('etcd backups', () => {
  const settings = ETCD_BACKUP_SETTINGS;

  test.each([NodeRole.INIT_MASTER, NodeRole.JOIN_MASTER])(
    'a %s gets the scripts, the secrets (root only) and a timer started after the bootstrap',
    (role) => {
      const rendered = render({ ...sampleProps(role), etcdBackup: settings });
      expect(rendered.file('/etc/berth/etcd-backup.key')).toBe(settings.encryptionKey);
      expect(rendered.file('/etc/berth/etcd-backup-credential.secret')).toBe(settings.credentialSecret);
      for (const secret of [
        '/etc/berth/etcd-backup.key',
        '/etc/berth/etcd-backup-credential.secret',
        '/etc/berth/etcd-backup.env',
      ]) {
        expect(rendered.files.find((f) => f.path === secret)!.permissions).toBe('0600');
      }
      expect(rendered.file('/etc/berth/etcd-backup.env')).toContain(
        "BERTH_SWIFT_CONTAINER='berth-main-backups'",
      );
      expect(rendered.text).not.toContain(settings.credentialSecret);
      expect(rendered.runcmd).toEqual([
        '/usr/local/sbin/berth-prepare-node && /usr/local/sbin/berth-kubeadm',
        'systemctl daemon-reload && systemctl enable --now berth-etcd-backup.timer',
      ]);
    },
  );

  withCloudInit('a master with backups is valid cloud-config', () => {
    const result = cloudInitSchema(
      renderCloudConfig({ ...sampleProps(NodeRole.JOIN_MASTER), etcdBackup: settings }),
    );
    expect(result.output).not.toContain('Error');
    expect(result.ok).toBe(true);
  });
});
