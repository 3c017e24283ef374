import { Testing } from 'cdktf';
import { DEPLOYER_GROUP } from '../../../constructs/cluster/cluster-deployers';
import { ClusterPki } from '../../../constructs/cluster/cluster-pki';

describe('ClusterPki', () => {
  const out = JSON.parse(
    Testing.synthScope((scope) => {
      new ClusterPki(scope, 'pki', { clusterName: 'main' });
    }),
  );

  test('generates two CAs valid for 10 years', () => {
    const cas = Object.values(out.resource.tls_self_signed_cert) as {
      is_ca_certificate: boolean;
      validity_period_hours: number;
    }[];
    expect(cas).toHaveLength(2);
    for (const ca of cas) {
      expect(ca.is_ca_certificate).toBe(true);
      expect(ca.validity_period_hours).toBe(87600);
    }
  });

  test('issues a revocable, week-long deployer certificate, never a system:masters one', () => {
    const requests = Object.values(out.resource.tls_cert_request) as {
      subject: { organization: string; common_name: string }[];
    }[];
    expect(requests.map((r) => r.subject[0])).toEqual([
      { common_name: 'berth-deployer', organization: DEPLOYER_GROUP },
    ]);
    expect(JSON.stringify(out)).not.toContain('system:masters');
    const [deployer] = Object.values(out.resource.tls_locally_signed_cert) as Record<string, unknown>[];
    expect(deployer).toMatchObject({
      allowed_uses: ['client_auth', 'digital_signature', 'key_encipherment'],
      validity_period_hours: 168,
      early_renewal_hours: 144,
    });
    expect(deployer.ca_private_key_pem).toMatch(/tls_private_key\.pki_ca-key/);
  });

  test('writes no key material into the synthesized configuration', () => {
    expect(JSON.stringify(out)).not.toMatch(/BEGIN [A-Z ]*PRIVATE KEY/);
  });
});
