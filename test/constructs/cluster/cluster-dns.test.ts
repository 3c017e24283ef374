import { Testing } from 'cdktf';
import { ClusterDns } from '../../../constructs/cluster/cluster-dns';

function synth(zoneId?: string) {
  return JSON.parse(
    Testing.synthScope((scope) => {
      new ClusterDns(scope, 'dns', {
        domain: 'main.example.com',
        zoneId,
        email: 'ops@example.com',
        apiAddress: '1.2.3.4',
        ingressAddress: '5.6.7.8',
      });
    }),
  );
}

describe('ClusterDns', () => {
  test('creates the zone and points api and the apps wildcard at their addresses', () => {
    const out = synth();
    expect(Object.values(out.resource.openstack_dns_zone_v2)).toEqual([
      expect.objectContaining({ name: 'main.example.com.', email: 'ops@example.com' }),
    ]);
    const records = (
      Object.values(out.resource.openstack_dns_recordset_v2) as {
        name: string;
        type: string;
        records: string[];
        ttl: number;
      }[]
    ).map((r) => `${r.name} ${r.type} ${r.records.join(',')} ${r.ttl}`);
    expect(records).toEqual([
      'api.main.example.com. A 1.2.3.4 300',
      '*.apps.main.example.com. A 5.6.7.8 300',
    ]);
  });

  test('uses an existing zone without creating one', () => {
    const out = synth('zone-123');
    expect(out.resource.openstack_dns_zone_v2).toBeUndefined();
    expect(
      (Object.values(out.resource.openstack_dns_recordset_v2) as { zone_id: string }[]).map((r) => r.zone_id),
    ).toEqual(['zone-123', 'zone-123']);
  });
});
