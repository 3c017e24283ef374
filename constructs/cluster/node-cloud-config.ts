import { CloudInitConfig, FileEncoding, FilePermissions } from './cloud-config';
import { addEtcdBackup, startEtcdBackupCommand } from './etcd-backup';
import {
  API_SERVER_FILES,
  auditPolicy,
  authenticationConfiguration,
  encryptionConfiguration,
} from './api-server-config';
import { renderDocuments, renderKubeadmConfig } from './kubeadm-api';
import { DEPLOYERS_BINDING_FILE, deployersClusterRoleBinding } from './cluster-deployers';
import { ENCRYPTION_KEY_SCRIPT, encryptionKeyScript } from './encryption-key-script';
import {
  METADATA_GUARD_RULES_FILE,
  METADATA_GUARD_UNIT_FILE,
  metadataGuardRuleset,
  metadataGuardUnit,
} from './metadata-guard';
import {
  BOOTSTRAP_ENV_FILE,
  JOIN_TOKENS_FILE,
  KUBEADM_CONFIG_TEMPLATE,
  KUBEADM_REJOIN_TEMPLATE,
  KUBEADM_SCRIPT,
  PREPARE_NODE_SCRIPT,
  renderBootstrapEnvironment,
} from './node-bootstrap-environment';
import { bootstrapCommand, kubeadmScript } from './node-kubeadm-script';
import { prepareNodeScript } from './node-prepare-script';
import { NodeBootstrapProps, NodeRole, requiredValue } from './node-bootstrap-props';
import { validateNodeBootstrapProps } from './node-bootstrap-validation';
import {
  KERNEL_MODULES,
  SYSCTLS,
  containerdConfig,
  kubernetesPackageRepository,
  registryCertsDir,
  registryHostsToml,
} from './node-host-config';
import { kubeadmActionOf, kubeadmDocuments, rejoinConfiguration } from './node-kubeadm-documents';

/** Where the cluster CA certificate goes on nodes that join (kubeadm refuses to join over /etc/kubernetes/pki/ca.crt). */
export const JOIN_CLUSTER_CA_FILE = '/etc/kubernetes/berth/cluster-ca.crt';
/** Where kubeadm init expects the CA it should use. */
export const INIT_CLUSTER_CA_FILES = {
  certificate: '/etc/kubernetes/pki/ca.crt',
  key: '/etc/kubernetes/pki/ca.key',
};

/**
 * The node's `#cloud-config`, as the node receives it, for values known at synth time (tests, previews).
 * Validates the props first: wrong-role inputs and malformed values throw a ConfigError naming each field.
 */
export function renderCloudConfig(props: NodeBootstrapProps): string {
  validateNodeBootstrapProps(props);
  return buildCloudConfig(props, (value) => Buffer.from(value, 'utf8').toString('base64')).render();
}

/** Assembles the cloud-config of a node; `base64` encodes file contents (PEM blocks). */
export function buildCloudConfig(
  props: NodeBootstrapProps,
  base64: (value: string) => string,
): CloudInitConfig {
  const role = props.role;
  const master = role !== NodeRole.MINION;
  const caFile = role === NodeRole.INIT_MASTER ? INIT_CLUSTER_CA_FILES.certificate : JOIN_CLUSTER_CA_FILE;
  const config = new CloudInitConfig();
  const publicFile = (path: string, content: string) =>
    config.addFile({ path, content, permissions: FilePermissions.WORLD_READABLE });
  const pemFile = (path: string, pem: string, permissions: FilePermissions) =>
    config.addFile({ path, content: base64(pem), encoding: FileEncoding.BASE64, permissions });

  publicFile(
    BOOTSTRAP_ENV_FILE,
    renderBootstrapEnvironment({
      BERTH_ROLE: role,
      BERTH_KUBERNETES_MINOR: props.kubernetesVersion.toString(),
      BERTH_PACKAGE_REPOSITORY: kubernetesPackageRepository(props.kubernetesVersion),
      BERTH_API_ENDPOINT: props.controlPlaneEndpoint,
      BERTH_CLUSTER_CA_FILE: caFile,
      BERTH_POD_NETWORK_MTU: props.podNetworkMtu === undefined ? '' : String(props.podNetworkMtu),
      BERTH_MASTER_ADDRESSES: role === NodeRole.MINION ? '' : (props.masterAddresses ?? []).join(' '),
    }),
  );
  publicFile('/etc/modules-load.d/berth-kubernetes.conf', `${KERNEL_MODULES.join('\n')}\n`);
  publicFile(
    '/etc/sysctl.d/90-berth-kubernetes.conf',
    Object.entries(SYSCTLS)
      .map(([key, value]) => `${key} = ${value}\n`)
      .join(''),
  );
  publicFile(METADATA_GUARD_RULES_FILE, metadataGuardRuleset());
  publicFile(METADATA_GUARD_UNIT_FILE, metadataGuardUnit());
  publicFile('/etc/containerd/config.toml', containerdConfig());
  publicFile(`${registryCertsDir(props.registryHost)}/hosts.toml`, registryHostsToml(props.registryHost));
  pemFile(
    `${registryCertsDir(props.registryHost)}/ca.crt`,
    props.registryCaPem,
    FilePermissions.WORLD_READABLE,
  );
  // Only containerd trusts the platform CA, and only for the registry: not the system trust store, so a
  // certificate it signs for any other name is worth nothing on a node.

  pemFile(caFile, props.caCertificatePem, FilePermissions.WORLD_READABLE);
  if (role === NodeRole.INIT_MASTER) {
    pemFile(INIT_CLUSTER_CA_FILES.key, requiredValue(props.caPrivateKeyPem), FilePermissions.OWNER_ONLY);
    // For a rebuild of this server while the other masters run: the CA where a join expects it.
    pemFile(JOIN_CLUSTER_CA_FILE, props.caCertificatePem, FilePermissions.WORLD_READABLE);
  }
  if (master) {
    const secret = (path: string, content: string) =>
      config.addFile({ path, content, permissions: FilePermissions.OWNER_ONLY });
    secret(API_SERVER_FILES.auditPolicy, renderDocuments([auditPolicy()]));
    config.addFile({
      path: ENCRYPTION_KEY_SCRIPT,
      content: encryptionKeyScript(),
      permissions: FilePermissions.OWNER_EXECUTABLE,
    });
    secret(
      API_SERVER_FILES.encryptionConfiguration,
      renderDocuments([encryptionConfiguration(requiredValue(props.secretsEncryptionKey))]),
    );
    secret(
      API_SERVER_FILES.authenticationConfiguration,
      renderDocuments([authenticationConfiguration(props.kubernetesVersion)]),
    );
  }
  // Every role: the init master needs them too when it is rebuilt and rejoins.
  config.addFile({
    path: JOIN_TOKENS_FILE,
    content: `${props.bootstrapToken}\n${props.growthToken}\n`,
    permissions: FilePermissions.OWNER_ONLY,
  });
  config.addFile({
    path: KUBEADM_CONFIG_TEMPLATE,
    content: renderKubeadmConfig(kubeadmDocuments(props)),
    permissions: FilePermissions.OWNER_ONLY,
  });
  if (role === NodeRole.INIT_MASTER) {
    publicFile(DEPLOYERS_BINDING_FILE, renderDocuments([deployersClusterRoleBinding()]));
    config.addFile({
      path: KUBEADM_REJOIN_TEMPLATE,
      content: renderKubeadmConfig([rejoinConfiguration(props)]),
      permissions: FilePermissions.OWNER_ONLY,
    });
  }

  const script = (path: string, content: string) =>
    config.addFile({ path, content, permissions: FilePermissions.OWNER_EXECUTABLE });
  script(PREPARE_NODE_SCRIPT, prepareNodeScript());
  script(
    KUBEADM_SCRIPT,
    kubeadmScript(kubeadmActionOf(role), {
      caCertificate: JOIN_CLUSTER_CA_FILE,
      initCaFiles: [INIT_CLUSTER_CA_FILES.certificate, INIT_CLUSTER_CA_FILES.key],
    }),
  );
  if (props.etcdBackup) addEtcdBackup(config, props.etcdBackup, base64);
  config.addRunCommand(bootstrapCommand());
  if (props.etcdBackup) config.addRunCommand(startEtcdBackupCommand());
  return config;
}
