import { spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import * as YAML from 'yaml';
import { TerraformOutput, TerraformProvider, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { CloudinitProvider } from '@cdktf/provider-cloudinit/lib/provider';
import { Cidr, ConfigError, Duration, KubernetesVersion, Problem, TaintEffect } from '../../../config';
import {
  INIT_CLUSTER_CA_FILES,
  JOIN_CLUSTER_CA_FILE,
  NodeBootstrap,
  NodeBootstrapProps,
  NodeRole,
  kubeadmDocuments,
  registryCertsDir,
  renderCloudConfig,
} from '../../../constructs/cluster/node-bootstrap';
import {
  API_SERVER_FILES,
  KUBEADM_API_VERSION,
  KubeadmDocument,
  NodeRuntimeValue,
} from '../../../constructs/cluster/kubeadm-config';
import {
  BOOTSTRAP_ENV_FILE,
  JOIN_TOKENS_FILE,
  KUBEADM_CONFIG_TEMPLATE,
} from '../../../constructs/cluster/node-scripts';
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

// ---------------------------------------------------------------------------------------------------------
// Sample values
// ---------------------------------------------------------------------------------------------------------

/** Deterministic, incompressible bytes (a SHA-256 chain), so sizes behave like real keys and certificates. */
function bytes(count: number, seed: string): Buffer {
  const blocks: Buffer[] = [];
  let block = Buffer.from(seed);
  for (let total = 0; total < count; total += block.length) {
    block = crypto.createHash('sha256').update(block).digest();
    blocks.push(block);
  }
  return Buffer.concat(blocks).subarray(0, count);
}

/** A PEM block of `size` DER bytes. */
function pem(label: string, size: number, seed: string): string {
  const body = bytes(size, seed)
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

/** Sizes of an RSA-4096 CA (the largest a user would pick): certificate ~1.4 kB DER, key ~2.4 kB DER. */
const REALISTIC = { certificate: 1400, key: 2400 };
/** Small PEM blocks for snapshots that stay readable. */
const COMPACT = { certificate: 48, key: 48 };

const SECRETS = {
  bootstrapToken: 'k8sabc.0123456789abcdef',
  growthToken: 'grow42.growthsecret0042',
  certificateKey: bytes(32, 'certificate-key').toString('hex'),
  secretsEncryptionKey: bytes(32, 'encryption-key').toString('base64'),
};

function sampleProps(role: NodeRole, sizes = COMPACT): NodeBootstrapProps {
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

const ROLES = [NodeRole.INIT_MASTER, NodeRole.JOIN_MASTER, NodeRole.MINION];

interface RenderedFile {
  readonly path: string;
  readonly content: string;
  readonly permissions: string;
  readonly owner: string;
  readonly encoding?: string;
}

interface Rendered {
  readonly text: string;
  readonly files: readonly RenderedFile[];
  readonly runcmd: readonly (string | string[])[];
  /** A file's content, decoded. */
  file(filePath: string): string;
}

function render(props: NodeBootstrapProps): Rendered {
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

  test('containerd uses systemd cgroups and trusts the platform CA only for the private registry', () => {
    const config = rendered.file('/etc/containerd/config.toml');
    expect(config).toMatch(/^version = 2$/m);
    expect(config).toContain('.containerd.runtimes.runc.options]\n  SystemdCgroup = true');
    expect(config).toContain('config_path = "/etc/containerd/certs.d"');
    const dir = registryCertsDir('registry.apps.main.berth.example.com');
    const hosts = rendered.file(`${dir}/hosts.toml`);
    expect(hosts).toContain('server = "https://registry.apps.main.berth.example.com"');
    const caPath = /ca = "([^"]+)"/.exec(hosts)![1];
    expect(rendered.file(caPath)).toBe(sampleProps(role).registryCaPem);
    // Not in the system trust store: a certificate the platform CA signs for any other name (apt's
    // package repository, the OpenStack APIs) is not trusted by the node.
    const holdingPlatformCa = rendered.files
      .map((f) => f.path)
      .filter((p) => rendered.file(p) === sampleProps(role).registryCaPem);
    expect(holdingPlatformCa).toEqual([caPath]);
    expect(rendered.files.filter((f) => f.path.startsWith('/usr/local/share/ca-certificates/'))).toEqual([]);
  });

  test('loads the kernel modules and sysctls pod networking needs, and installs no CNI', () => {
    expect(rendered.file('/etc/modules-load.d/berth-kubernetes.conf').split('\n')).toEqual(
      expect.arrayContaining(['overlay', 'br_netfilter', 'vxlan']),
    );
    const sysctl = rendered.file('/etc/sysctl.d/90-berth-kubernetes.conf');
    expect(sysctl).toContain('net.ipv4.ip_forward = 1\n');
    expect(sysctl).toContain('net.bridge.bridge-nf-call-iptables = 1\n');
    expect(rendered.files.filter((f) => f.path.startsWith('/etc/cni/'))).toEqual([]);
    expect(rendered.text).not.toMatch(/flannel/i);
  });

  test('sets the sysctls the kubelet demands with protectKernelDefaults', () => {
    const sysctl = rendered.file('/etc/sysctl.d/90-berth-kubernetes.conf');
    for (const line of [
      'vm.overcommit_memory = 1',
      'vm.panic_on_oom = 0',
      'kernel.panic = 10',
      'kernel.panic_on_oops = 1',
      'kernel.keys.root_maxkeys = 1000000',
      'kernel.keys.root_maxbytes = 25000000',
    ]) {
      expect(sysctl).toContain(`${line}\n`);
    }
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
  const kubeadmOf = (role: NodeRole) =>
    YAML.parseAllDocuments(render(sampleProps(role)).file(KUBEADM_CONFIG_TEMPLATE)).map(
      (d) => d.toJS() as KubeadmDocument,
    );
  const ofKind = <K extends KubeadmDocument['kind']>(docs: KubeadmDocument[], kind: K) => {
    const found = docs.find((d) => d.kind === kind);
    if (!found) throw new Error(`no ${kind}`);
    return found as Extract<KubeadmDocument, { kind: K }>;
  };

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

  test('kubelets bootstrap CA-signed serving certificates when an approver will run', () => {
    const kubeletOf = (props: NodeBootstrapProps) =>
      ofKind(
        YAML.parseAllDocuments(render(props).file(KUBEADM_CONFIG_TEMPLATE)).map(
          (d) => d.toJS() as KubeadmDocument,
        ),
        'KubeletConfiguration',
      );
    expect(kubeletOf(sampleProps(NodeRole.INIT_MASTER)).serverTLSBootstrap).toBe(false);
    const withApprover = { ...sampleProps(NodeRole.INIT_MASTER), kubeletServingCertificates: true };
    expect(kubeletOf(withApprover).serverTLSBootstrap).toBe(true);
  });

  test('only the init master carries the deployers binding it applies after kubeadm init', () => {
    const binding = YAML.parse(render(sampleProps(NodeRole.INIT_MASTER)).file(DEPLOYERS_BINDING_FILE));
    expect(binding).toEqual(deployersClusterRoleBinding());
    for (const role of [NodeRole.JOIN_MASTER, NodeRole.MINION]) {
      expect(render(sampleProps(role)).files.map((f) => f.path)).not.toContain(DEPLOYERS_BINDING_FILE);
    }
  });

  test('the init master: InitConfiguration with token and certificate key, ClusterConfiguration, KubeletConfiguration', () => {
    const docs = kubeadmOf(NodeRole.INIT_MASTER);
    expect(docs.map((d) => d.kind)).toEqual([
      'InitConfiguration',
      'ClusterConfiguration',
      'KubeletConfiguration',
    ]);
    const [init, cluster, kubelet] = [
      ofKind(docs, 'InitConfiguration'),
      ofKind(docs, 'ClusterConfiguration'),
      ofKind(docs, 'KubeletConfiguration'),
    ];
    expect(init.bootstrapTokens?.[0].token).toBe(SECRETS.bootstrapToken);
    expect(init.certificateKey).toBe(SECRETS.certificateKey);
    expect(cluster).toMatchObject({
      clusterName: 'main',
      controlPlaneEndpoint: '203.0.113.5:6443',
      networking: { podSubnet: '10.244.0.0/16', serviceSubnet: '10.96.0.0/12' },
      apiServer: { certSANs: ['api.main.berth.example.com', '203.0.113.5'] },
    });
    expect(kubelet).toMatchObject({ cgroupDriver: 'systemd', protectKernelDefaults: true, readOnlyPort: 0 });
  });

  test('a joining master: JoinConfiguration with the control-plane certificate key and CA pinning', () => {
    const docs = kubeadmOf(NodeRole.JOIN_MASTER);
    expect(docs.map((d) => d.kind)).toEqual(['JoinConfiguration']);
    const join = ofKind(docs, 'JoinConfiguration');
    expect(join.controlPlane).toEqual({ certificateKey: SECRETS.certificateKey });
    expect(join.discovery.bootstrapToken).toMatchObject({
      token: NodeRuntimeValue.JOIN_TOKEN,
      apiServerEndpoint: '203.0.113.5:6443',
      caCertHashes: ['sha256:__BERTH_CA_PUBLIC_KEY_SHA256__'],
    });
    expect(join.nodeRegistration?.taints).toEqual([
      { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
    ]);
  });

  test('a minion: JoinConfiguration with CA pinning, its labels and taints, no control plane', () => {
    const docs = kubeadmOf(NodeRole.MINION);
    expect(docs.map((d) => d.kind)).toEqual(['JoinConfiguration']);
    const join = ofKind(docs, 'JoinConfiguration');
    expect(join).not.toHaveProperty('controlPlane');
    expect(join.discovery.bootstrapToken?.caCertHashes).toEqual(['sha256:__BERTH_CA_PUBLIC_KEY_SHA256__']);
    expect(join.discovery.bootstrapToken?.unsafeSkipCAVerification).toBeUndefined();
    expect(join.nodeRegistration?.taints).toEqual([
      { key: 'berth.example.com/dedicated', value: 'apps', effect: 'NoSchedule' },
    ]);
    expect(join.nodeRegistration?.kubeletExtraArgs).toEqual([
      { name: 'node-labels', value: 'berth.example.com/pool=default' },
    ]);
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

  test('kubelets start with --cloud-provider=external only when asked', () => {
    const withCcm = kubeadmDocuments({ ...sampleProps(NodeRole.MINION), externalCloudProvider: true })[0];
    expect(JSON.stringify(withCcm)).toContain('{"name":"cloud-provider","value":"external"}');
    expect(JSON.stringify(kubeadmDocuments(sampleProps(NodeRole.MINION))[0])).not.toContain('cloud-provider');
  });
});

withShellcheck('shellcheck does fail on a faulty script (so the script checks can fail)', () => {
  expect(shellcheck('#!/usr/bin/env bash\nset -euo pipefail\nrm -rf $1/\n').ok).toBe(false);
});

// ---------------------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------------------

function problemsOf(props: NodeBootstrapProps): readonly Problem[] {
  try {
    renderCloudConfig(props);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected the props to be rejected');
}

function onlyProblem(props: NodeBootstrapProps): Problem {
  const problems = problemsOf(props);
  expect(problems.map((p) => `${p.path}: ${p.message}`)).toHaveLength(1);
  return problems[0];
}

function errorText(props: NodeBootstrapProps): string {
  try {
    renderCloudConfig(props);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected the props to be rejected');
}

describe('validation', () => {
  test.each([NodeRole.JOIN_MASTER, NodeRole.MINION])(
    'the CA key given to a %s is refused, naming the fix',
    (role) => {
      const caPrivateKeyPem = pem('RSA PRIVATE KEY', 64, 'leak');
      const problem = onlyProblem({ ...sampleProps(role), caPrivateKeyPem });
      expect(problem.path).toBe('caPrivateKeyPem');
      expect(problem.message).toContain(`must not be given for role "${role}"`);
      expect(problem.message).toContain('remove it');
      expect(errorText({ ...sampleProps(role), caPrivateKeyPem })).not.toContain(
        caPrivateKeyPem.split('\n')[1],
      );
    },
  );

  test('the init master needs the CA key', () => {
    const problem = onlyProblem({ ...sampleProps(NodeRole.INIT_MASTER), caPrivateKeyPem: undefined });
    expect(problem.path).toBe('caPrivateKeyPem');
    expect(problem.message).toContain('is required for role "init-master"');
    expect(problem.message).toContain('private_key_pem');
  });

  test('minions refuse the certificate key and the encryption key', () => {
    const problems = problemsOf({
      ...sampleProps(NodeRole.MINION),
      certificateKey: SECRETS.certificateKey,
      secretsEncryptionKey: SECRETS.secretsEncryptionKey,
    });
    expect(problems.map((p) => p.path)).toEqual(['certificateKey', 'secretsEncryptionKey']);
    for (const p of problems)
      expect(p.message).toContain('must not be given for role "minion": only masters use it');
  });

  test.each([NodeRole.INIT_MASTER, NodeRole.JOIN_MASTER])(
    'a %s needs the certificate key and the encryption key',
    (role) => {
      const problems = problemsOf({
        ...sampleProps(role),
        certificateKey: undefined,
        secretsEncryptionKey: undefined,
      });
      expect(problems.map((p) => p.path)).toEqual(['certificateKey', 'secretsEncryptionKey']);
      expect(problems[0].message).toContain('64 hex characters');
      expect(problems[1].message).toContain('base64 of 32 random bytes');
    },
  );

  test('malformed secrets are named without showing them', () => {
    const props = {
      ...sampleProps(NodeRole.JOIN_MASTER),
      bootstrapToken: 'ABCDEF.0123456789abcdef',
      certificateKey: 'not-hex-at-all',
      secretsEncryptionKey: Buffer.alloc(16, 1).toString('base64'),
    };
    expect(problemsOf(props).map((p) => p.path)).toEqual([
      'bootstrapToken',
      'certificateKey',
      'secretsEncryptionKey',
    ]);
    const text = errorText(props);
    expect(text).toContain(
      'bootstrapToken: got "<secret, 23 characters, not shown>"; must be a kubeadm token',
    );
    for (const secret of [props.bootstrapToken, props.certificateKey, props.secretsEncryptionKey]) {
      expect(text).not.toContain(secret);
    }
  });

  test.each([
    ['controlPlaneEndpoint', { controlPlaneEndpoint: '203.0.113.5' }, 'must be "host:port"'],
    ['controlPlaneEndpoint', { controlPlaneEndpoint: 'https://api.example.com:6443' }, 'must be "host:port"'],
    ['controlPlaneEndpoint', { controlPlaneEndpoint: '203.0.113.5:70000' }, 'must be "host:port"'],
    [
      'apiServerCertSans[1]',
      { apiServerCertSans: ['ok.example.com', 'bad name'] },
      'DNS name or an IPv4 address',
    ],
    ['registryHost', { registryHost: 'https://registry.example.com' }, 'optionally with ":port"'],
    ['clusterName', { clusterName: 'Main' }, 'DNS-1123 label'],
    ['caCertificatePem', { caCertificatePem: 'not a certificate' }, 'one PEM certificate'],
    ['registryCaPem', { registryCaPem: '' }, 'one PEM certificate'],
    ['podNetworkMtu', { podNetworkMtu: 100 }, 'from 1200 to 9000'],
    [
      'nodeLabels',
      { nodeLabels: { 'node-role.kubernetes.io/worker': '' } },
      'the kubelet refuses labels under kubernetes.io or k8s.io',
    ],
    ['nodeLabels.pool', { nodeLabels: { pool: 'not valid' } }, 'must be a label value'],
    ['taints[0].effect', { taints: [{ key: 'a', effect: 'Sometimes' as TaintEffect }] }, 'must be one of'],
    ['role', { role: 'worker' as NodeRole }, 'must be one of "init-master", "join-master", "minion"'],
  ])('rejects a bad %s', (field, change, message) => {
    const problem = onlyProblem({ ...sampleProps(NodeRole.MINION), ...change });
    expect(problem.path).toBe(field);
    expect(problem.message).toContain(message);
  });

  test("masters need the masters' fixed addresses (they decide init or join from them); minions do not get them", () => {
    for (const role of [NodeRole.INIT_MASTER, NodeRole.JOIN_MASTER]) {
      expect(onlyProblem({ ...sampleProps(role), masterAddresses: undefined })).toMatchObject({
        path: 'masterAddresses',
        message: expect.stringContaining(`is required for role "${role}"`),
      });
      expect(onlyProblem({ ...sampleProps(role), masterAddresses: ['10.0.0.10', 'master-2'] })).toMatchObject(
        {
          path: 'masterAddresses[1]',
          message: expect.stringContaining('must be an IPv4 address'),
        },
      );
    }
    const env = (role: NodeRole) => render(sampleProps(role)).file(BOOTSTRAP_ENV_FILE);
    expect(env(NodeRole.JOIN_MASTER)).toContain("BERTH_MASTER_ADDRESSES='10.0.0.10 10.0.0.11 10.0.0.12'");
    expect(env(NodeRole.MINION)).toContain("BERTH_MASTER_ADDRESSES=''");
  });

  test('accepts a registry with a port and labels under node.kubernetes.io/', () => {
    expect(() =>
      renderCloudConfig({
        ...sampleProps(NodeRole.MINION),
        registryHost: 'registry.example.com:5443',
        nodeLabels: { 'node.kubernetes.io/pool': 'a' },
      }),
    ).not.toThrow();
  });

  test('reports every problem at once', () => {
    const problems = problemsOf({
      ...sampleProps(NodeRole.MINION),
      clusterName: 'Bad',
      controlPlaneEndpoint: 'nope',
      caPrivateKeyPem: 'x',
      podNetworkMtu: 1,
    });
    expect(problems.map((p) => p.path)).toEqual([
      'clusterName',
      'controlPlaneEndpoint',
      'caPrivateKeyPem',
      'podNetworkMtu',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// The construct
// ---------------------------------------------------------------------------------------------------------

/** Terraform variables standing for the references the stack will pass (tls, random, floating IP). */
const VARIABLES = {
  api_address: '203.0.113.5',
  bootstrap_token: SECRETS.bootstrapToken,
  ca_certificate_pem: pem('CERTIFICATE', COMPACT.certificate, 'cluster-ca'),
  ca_private_key_pem: pem('RSA PRIVATE KEY', COMPACT.key, 'cluster-ca-key'),
  certificate_key: SECRETS.certificateKey,
  secrets_encryption_key: SECRETS.secretsEncryptionKey,
  registry_ca_pem: pem('CERTIFICATE', COMPACT.certificate, 'platform-ca'),
} as const;
type VariableName = keyof typeof VARIABLES;

function synthBootstrap(role: NodeRole) {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new CloudinitProvider(stack, 'cloudinit');
  const variables = new Map<VariableName, string>();
  const v = (name: VariableName) => {
    if (!variables.has(name)) {
      variables.set(
        name,
        new TerraformVariable(stack, name, { type: 'string', sensitive: true }).stringValue,
      );
    }
    return variables.get(name)!;
  };
  const sample = sampleProps(role);
  const props: NodeBootstrapProps = {
    ...sample,
    controlPlaneEndpoint: `${v('api_address')}:6443`,
    apiServerCertSans: ['api.main.berth.example.com', v('api_address')],
    bootstrapToken: v('bootstrap_token'),
    caCertificatePem: v('ca_certificate_pem'),
    caPrivateKeyPem: sample.caPrivateKeyPem === undefined ? undefined : v('ca_private_key_pem'),
    certificateKey: sample.certificateKey === undefined ? undefined : v('certificate_key'),
    secretsEncryptionKey: sample.secretsEncryptionKey === undefined ? undefined : v('secrets_encryption_key'),
    registryCaPem: v('registry_ca_pem'),
  };
  const bootstrap = new NodeBootstrap(stack, 'node', props);
  new TerraformOutput(stack, 'user_data', { value: bootstrap.userData, sensitive: true });
  const synthesized = JSON.parse(Testing.synth(stack)) as {
    data: {
      cloudinit_config: Record<
        string,
        { gzip: boolean; base64_encode: boolean; part: Record<string, string>[] }
      >;
    };
    output: Record<string, { value: string }>;
  };
  const [[name, config]] = Object.entries(synthesized.data.cloudinit_config);
  return {
    stack,
    bootstrap,
    name,
    config,
    content: config.part[0].content,
    output: synthesized.output.user_data.value,
  };
}

/** Every `${...}` Terraform would interpolate (not `$${`, which it turns into a literal `${`). */
function interpolations(text: string): string[] {
  return text.match(/(?<!\$)\$\{[^}]*\}/g) ?? [];
}

/** The text Terraform produces: references replaced by the variables' values, escapes undone. */
function asTerraformRenders(text: string): string {
  const value = (expression: string): string => {
    const plain = /^var\.(\w+)$/.exec(expression);
    if (plain) return VARIABLES[plain[1] as VariableName];
    const encoded = /^base64encode\(var\.(\w+)\)$/.exec(expression);
    if (encoded) return Buffer.from(VARIABLES[encoded[1] as VariableName]).toString('base64');
    throw new Error(`unexpected Terraform expression: ${expression}`);
  };
  return text
    .replace(/(?<!\$)\$\{([^}]*)\}/g, (_, expression: string) => value(expression))
    .replace(/\$\$\{/g, '${')
    .replace(/%%\{/g, '%{');
}

describe.each(ROLES)('NodeBootstrap for a %s', (role) => {
  const synth = synthBootstrap(role);

  test('renders through cloudinit_config: gzip and base64, one text/cloud-config part', () => {
    expect(synth.config.gzip).toBe(true);
    expect(synth.config.base64_encode).toBe(true);
    expect(synth.config.part).toHaveLength(1);
    expect(synth.config.part[0].content_type).toBe('text/cloud-config');
  });

  test('userData is the data source’s rendered output, a Terraform reference', () => {
    expect(synth.output).toBe(`\${data.cloudinit_config.${synth.name}.rendered}`);
  });

  test('leaves the cloudinit provider to the stack', () => {
    const providers = synth.bootstrap.node.findAll().filter((c) => c instanceof TerraformProvider);
    expect(providers).toEqual([]);
  });

  test('Terraform interpolates only the intended references; everything else is escaped', () => {
    const allowed = new Set([
      '${var.api_address}',
      '${var.bootstrap_token}',
      '${var.certificate_key}',
      '${var.secrets_encryption_key}',
      '${base64encode(var.ca_certificate_pem)}',
      '${base64encode(var.ca_private_key_pem)}',
      '${base64encode(var.registry_ca_pem)}',
    ]);
    const found = interpolations(synth.content);
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((ref) => !allowed.has(ref))).toEqual([]);
    expect(synth.content).not.toMatch(/(?<!%)%\{/);
    expect(synth.content).not.toContain('berth-terraform-reference');
    // The scripts' own ${...} survive as escapes.
    expect(synth.content).toContain('"$${BERTH_PACKAGE_REPOSITORY}Release.key"');
  });

  test('PEM blocks reach the node base64-encoded by Terraform, so their line breaks never meet YAML', () => {
    expect(synth.content).toContain('content: ${base64encode(var.ca_certificate_pem)}');
    expect(synth.content).not.toMatch(
      /(?<!base64encode\()var\.(ca_certificate_pem|ca_private_key_pem|registry_ca_pem)/,
    );
  });

  test('once Terraform resolves it, the node gets exactly what renderCloudConfig renders', () => {
    expect(asTerraformRenders(synth.content)).toBe(renderCloudConfig(sampleProps(role)));
  });
});

describe('NodeBootstrap', () => {
  test('wrong-role inputs fail the synth with the construct path and the field', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    expect(
      () => new NodeBootstrap(stack, 'minion-0', { ...sampleProps(NodeRole.MINION), caPrivateKeyPem: 'x' }),
    ).toThrow(
      /in NodeBootstrap test\/minion-0: 1 problem\n {2}- caPrivateKeyPem: got "<secret, 1 characters, not shown>"; must not be given/,
    );
  });

  test('a Terraform reference is checked for presence, not form', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const key = new TerraformVariable(stack, 'k', { type: 'string' }).stringValue;
    expect(
      () => new NodeBootstrap(stack, 'ok', { ...sampleProps(NodeRole.JOIN_MASTER), certificateKey: key }),
    ).not.toThrow();
    expect(
      () => new NodeBootstrap(stack, 'bad', { ...sampleProps(NodeRole.MINION), caPrivateKeyPem: key }),
    ).toThrow('caPrivateKeyPem');
  });

  test('exposes its role', () => {
    expect(synthBootstrap(NodeRole.MINION).bootstrap.role).toBe(NodeRole.MINION);
  });
});

describe('etcd backups', () => {
  const settings = {
    interval: Duration.hours(1),
    keep: 48,
    authUrl: 'https://keystone.example:5000/v3',
    region: 'RegionOne',
    container: 'berth-main-backups',
    credentialId: 'a1b2c3',
    credentialSecret: "s3cr'et-of-the-credential",
    encryptionKey: 'c2VjcmV0LWtleS1vZi10aGUtdGVzdC1jbHVzdGVyLTEyMw==',
  };

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

  test('a minion refuses them, so the credential stays off minions', () => {
    const problem = onlyProblem({ ...sampleProps(NodeRole.MINION), etcdBackup: settings });
    expect(problem.path).toBe('etcdBackup');
    expect(problem.message).toContain('must not be given for role "minion"');
  });

  test('keep must be a whole number above 0', () => {
    const problem = onlyProblem({
      ...sampleProps(NodeRole.INIT_MASTER),
      etcdBackup: { ...settings, keep: 0 },
    });
    expect(problem.path).toBe('etcdBackup.keep');
  });
});
