import { synthInfra } from '../support/synth-infra';

describe('ClusterInfraStack: outputs (cluster-infra-outputs)', () => {
  test('exports the API endpoint, CA, kubeconfig (sensitive), node addresses, ingress address and DNS names', () => {
    const outputs = synthInfra().output as unknown as Record<string, { sensitive?: boolean }>;
    expect(Object.keys(outputs).sort()).toEqual(
      [
        'admin_kubeconfig',
        'api_dns_name',
        'api_server_url',
        'apps_domain',
        'ca_certificate',
        'ingress_address',
        'master_addresses',
        'minion_addresses',
        'ssh_private_key',
        'application_credential_id',
        'application_credential_secret',
        'etcd_backup_key',
      ].sort(),
    );
    expect(outputs.etcd_backup_key.sensitive).toBe(true);
    expect(outputs.admin_kubeconfig.sensitive).toBe(true);
    expect(outputs.ssh_private_key.sensitive).toBe(true);
    expect(outputs.application_credential_secret.sensitive).toBe(true);
  });
});
