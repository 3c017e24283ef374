import { Construct } from 'constructs';
import { DataCloudinitConfig } from '@cdktf/provider-cloudinit/lib/data-cloudinit-config';
import { escapeTerraformText } from '../core/terraform-escape';
import { NodeBootstrapProps, NodeRole } from './node-bootstrap-props';
import { validateNodeBootstrapProps } from './node-bootstrap-validation';
import { WriteFile } from './cloud-config';
import { buildCloudConfig } from './node-cloud-config';
import { TerraformReferences } from './terraform-references';

/**
 * Everything a node needs to become part of the cluster at first boot, as cloud-init user_data:
 * containerd, the Kubernetes packages of one minor, kernel settings, registry trust, the kubeadm
 * configuration of its role with Berth's hardening, and the scripts that run kubeadm unattended.
 *
 * The `#cloud-config` goes through the cloudinit provider's `cloudinit_config` data source (gzip, base64),
 * so Terraform resolves every reference (CA, token, keys) before compressing. The stack must configure
 * the cloudinit provider; this construct does not.
 */
export class NodeBootstrap extends Construct {
  public readonly role: NodeRole;
  /** The rendered, gzipped, base64 user_data: pass to `openstack_compute_instance_v2.user_data` as is. */
  public readonly userData: string;
  /** The data source rendering it. */
  public readonly cloudInit: DataCloudinitConfig;
  /**
   * The cloud-config's `write_files` as they stand in its content: Terraform strings (literal `${` and
   * `%{` escaped, references as cdktf tokens), for readable copies without parsing the content again.
   */
  public readonly writeFiles: readonly WriteFile[];

  constructor(scope: Construct, id: string, props: NodeBootstrapProps) {
    super(scope, id);
    validateNodeBootstrapProps(props, `NodeBootstrap ${this.node.path}`);
    this.role = props.role;

    // Terraform references are swapped for inert placeholders while rendering (the YAML and the escaping
    // must not touch them) and put back afterwards; PEM references are base64-encoded by Terraform.
    const refs = new TerraformReferences();
    const masked: NodeBootstrapProps = {
      ...props,
      clusterName: refs.hide(props.clusterName),
      controlPlaneEndpoint: refs.hide(props.controlPlaneEndpoint),
      apiServerCertSans: (props.apiServerCertSans ?? []).map((san) => refs.hide(san)),
      bootstrapToken: refs.hide(props.bootstrapToken),
      growthToken: refs.hide(props.growthToken),
      caCertificatePem: refs.hide(props.caCertificatePem),
      caPrivateKeyPem: refs.hideOptional(props.caPrivateKeyPem),
      certificateKey: refs.hideOptional(props.certificateKey),
      secretsEncryptionKey: refs.hideOptional(props.secretsEncryptionKey),
      nodeLabels: Object.fromEntries(
        Object.entries(props.nodeLabels ?? {}).map(([key, value]) => [key, refs.hide(value)]),
      ),
      registryHost: refs.hide(props.registryHost),
      registryCaPem: refs.hide(props.registryCaPem),
      etcdBackup: props.etcdBackup && {
        ...props.etcdBackup,
        authUrl: refs.hide(props.etcdBackup.authUrl),
        region: refs.hide(props.etcdBackup.region),
        container: refs.hide(props.etcdBackup.container),
        credentialId: refs.hide(props.etcdBackup.credentialId),
        credentialSecret: refs.hide(props.etcdBackup.credentialSecret),
        encryptionKey: refs.hide(props.etcdBackup.encryptionKey),
      },
    };
    const config = buildCloudConfig(masked, (value) => refs.base64(value));
    const terraformText = (text: string) => refs.restore(escapeTerraformText(text));
    const content = terraformText(config.render());
    this.writeFiles = config.writeFiles.map((file) => ({
      path: terraformText(file.path),
      content: terraformText(file.content),
      encoding: file.encoding,
    }));

    this.cloudInit = new DataCloudinitConfig(this, 'user-data', {
      gzip: true,
      base64Encode: true,
      part: [{ filename: 'cloud-config.yaml', contentType: 'text/cloud-config', content }],
    });
    this.userData = this.cloudInit.rendered;
  }
}
