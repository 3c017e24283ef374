import { Testing } from 'cdktf';
import { CLUSTER_ADMIN_GROUP, ClusterPki } from '../../constructs/cluster-pki';

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

  test('issues a cluster-admin client certificate signed by the cluster CA, renewed before expiry', () => {
    const [request] = Object.values(out.resource.tls_cert_request) as {
      subject: { organization: string }[];
    }[];
    expect(request.subject[0].organization).toBe(CLUSTER_ADMIN_GROUP);
    const [admin] = Object.values(out.resource.tls_locally_signed_cert) as Record<string, unknown>[];
    expect(admin).toMatchObject({
      allowed_uses: ['client_auth', 'digital_signature', 'key_encipherment'],
      early_renewal_hours: 720,
    });
    expect(admin.ca_private_key_pem).toMatch(/tls_private_key\.pki_ca-key/);
  });

  test('writes no key material into the synthesized configuration', () => {
    expect(JSON.stringify(out)).not.toMatch(/BEGIN [A-Z ]*PRIVATE KEY/);
  });
});
