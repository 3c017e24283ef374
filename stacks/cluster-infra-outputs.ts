import { Construct } from 'constructs';
import { Fn, TerraformOutput } from 'cdktf';
import { DEPLOYER_USER } from '../constructs/cluster/cluster-deployers';
import { ClusterPki } from '../constructs/cluster/cluster-pki';

/** What the `<cluster>-infra` stack exports to the platform engineer. */
export interface ClusterInfraOutputValues {
  readonly apiServerUrl: string;
  readonly apiDnsName: string;
  readonly caCertificate: string;
  readonly kubeconfig: string;
  readonly masterAddresses: string[];
  readonly minionAddresses: string[];
  readonly ingressAddress: string;
  readonly appsDomain: string;
  readonly sshPrivateKey?: string;
  readonly applicationCredentialId: string;
  readonly applicationCredentialSecret: string;
  readonly etcdBackupKey?: string;
}

/** Adds the cluster-infra stack's Terraform outputs to `scope` (secrets as sensitive outputs). */
export function addClusterInfraOutputs(scope: Construct, values: ClusterInfraOutputValues): void {
  const out = (id: string, value: unknown, description: string, sensitive = false) =>
    new TerraformOutput(scope, id, { value, description, sensitive });
  out('api_server_url', values.apiServerUrl, 'Kubernetes API URL (floating IP)');
  out('api_dns_name', values.apiDnsName, 'DNS name of the Kubernetes API');
  out('ca_certificate', values.caCertificate, 'PEM of the cluster CA');
  out(
    'admin_kubeconfig',
    values.kubeconfig,
    'Deployer kubeconfig: cluster-admin through the revocable berth:deployers binding, valid 7 days',
    true,
  );
  out('master_addresses', values.masterAddresses, 'Fixed addresses of the masters');
  out('minion_addresses', values.minionAddresses, 'Fixed addresses of the minions');
  out('ingress_address', values.ingressAddress, 'Floating IP of the ingress entry (HTTP/HTTPS)');
  out('apps_domain', values.appsDomain, 'Wildcard DNS name of apps');
  out(
    'application_credential_id',
    values.applicationCredentialId,
    'Application credential of the cluster (cloud controller, CSI)',
  );
  out('application_credential_secret', values.applicationCredentialSecret, 'Its secret', true);
  if (values.etcdBackupKey) {
    out(
      'etcd_backup_key',
      values.etcdBackupKey,
      'Passphrase of the etcd snapshots (berth-etcd-restore)',
      true,
    );
  }
  if (values.sshPrivateKey)
    out('ssh_private_key', values.sshPrivateKey, 'Generated SSH key of the ubuntu user', true);
}

/**
 * An admin kubeconfig built from the generated CA and client certificate (sensitive output); `name` names
 * its cluster and context.
 */
export function adminKubeconfig(name: string, pki: ClusterPki, apiServerUrl: string): string {
  return Fn.yamlencode({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name,
        cluster: {
          server: apiServerUrl,
          'certificate-authority-data': Fn.base64encode(pki.caCertificate.certPem),
        },
      },
    ],
    users: [
      {
        name: DEPLOYER_USER,
        user: {
          'client-certificate-data': Fn.base64encode(pki.deployerCertificate.certPem),
          'client-key-data': Fn.base64encode(pki.deployerKey.privateKeyPem),
        },
      },
    ],
    contexts: [{ name, context: { cluster: name, user: DEPLOYER_USER } }],
    'current-context': name,
  });
}
