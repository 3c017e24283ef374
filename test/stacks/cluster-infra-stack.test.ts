import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AppDefinition } from '../../apps/app-definition';
import { APPS } from '../../apps/teams';
import { BerthApp } from '../../stacks/berth-app';
import { resolvePlatform } from '../support/berth-platform';
import { Json, addresses, cluster, resources, synthInfra } from '../support/synth-infra';

describe('ClusterInfraStack', () => {
  test('snapshot of the default cluster', () => {
    expect(synthInfra()).toMatchSnapshot();
  });

  test('the default cluster: 1 master and 2 minions behind an API load balancer, an ingress entry, DNS', () => {
    const json = synthInfra();
    const servers = resources<{ name: string }>(json, 'openstack_compute_instance_v2').map((s) => s.name);
    expect(servers.sort()).toEqual(['berth-main-default-1', 'berth-main-default-2', 'berth-main-master-1']);
    expect(
      resources(json, 'openstack_lb_loadbalancer_v2')
        .map((lb) => lb.name)
        .sort(),
    ).toEqual(['berth-main-api', 'berth-main-ingress']);
    expect(
      resources(json, 'openstack_dns_recordset_v2')
        .map((r) => r.name)
        .sort(),
    ).toEqual(['*.apps.main.berth.example.com.', 'api.main.berth.example.com.']);
    expect(resources(json, 'openstack_compute_keypair_v2')).toHaveLength(1);
    expect(resources(json, 'tls_private_key').map((k) => k.algorithm)).toContain('ED25519');
  });

  test('an even master count never reaches synthesis', () => {
    expect(() => synthInfra(cluster({ masters: { count: 2 } }))).toThrow(
      'clusters[0].masters.count: got 2; must be 1, 3 or 5: etcd needs an odd number of members',
    );
  });

  test('the ingress entry forwards 80 and 443 to every minion and is the only thing open to the world', () => {
    const json = synthInfra(
      cluster({
        minionPools: [
          { name: 'a', count: 2 },
          { name: 'b', count: 1 },
        ],
      }),
    );
    const ingressMembers = resources<{ protocol_port: number }>(json, 'openstack_lb_member_v2').filter(
      (m) => m.protocol_port !== 6443,
    );
    expect(ingressMembers.map((m) => m.protocol_port).sort()).toEqual([
      30080, 30080, 30080, 30443, 30443, 30443, 30843, 30843, 30843,
    ]);
    const world = resources<{ remote_ip_prefix?: string; port_range_min: number }>(
      json,
      'openstack_networking_secgroup_rule_v2',
    ).filter((r) => r.remote_ip_prefix === '0.0.0.0/0');
    expect(world.map((r) => r.port_range_min).sort()).toEqual([443, 80]);
  });

  test('an OVN cloud: every load balancer is ovn with SOURCE_IP_PORT, no allowed_cidrs, and the members admit the clients', () => {
    const json = synthInfra({ cloud: { loadBalancer: { provider: 'ovn' } } });
    const lbs = resources<{ loadbalancer_provider: string }>(json, 'openstack_lb_loadbalancer_v2');
    expect(lbs.map((lb) => lb.loadbalancer_provider)).toEqual(['ovn', 'ovn']);
    const pools = resources<{ lb_method: string }>(json, 'openstack_lb_pool_v2');
    expect(pools.length).toBe(4);
    expect(new Set(pools.map((p) => p.lb_method))).toEqual(new Set(['SOURCE_IP_PORT']));
    for (const listener of resources(json, 'openstack_lb_listener_v2')) {
      expect(listener).not.toHaveProperty('allowed_cidrs');
    }
    const world = resources<{ remote_ip_prefix?: string; port_range_min: number }>(
      json,
      'openstack_networking_secgroup_rule_v2',
    ).filter((r) => r.remote_ip_prefix === '0.0.0.0/0');
    expect(world.map((r) => r.port_range_min).sort()).toEqual([30080, 30443, 443, 80]);
    // The management NodePort admits the admin networks only, as the 8443 listener does on amphora.
    const management = resources<{ remote_ip_prefix?: string; port_range_min: number }>(
      json,
      'openstack_networking_secgroup_rule_v2',
    ).filter((r) => r.port_range_min === 30843);
    expect(management.map((r) => r.remote_ip_prefix)).toEqual(
      resolvePlatform({}).cloud.adminCidrs.map(String),
    );
    // The API listener of an amphora cloud restricts by allowed_cidrs instead.
    const amphora = resources<{ protocol_port: number; allowed_cidrs?: string[] }>(
      synthInfra(),
      'openstack_lb_listener_v2',
    ).find((l) => l.protocol_port === 6443);
    expect(amphora?.allowed_cidrs).toContain('10.0.0.0/24');
  });

  test('ends with a bounded wait for the API and every master, started once the masters exist', () => {
    const json = synthInfra(cluster({ masters: { count: 3 }, minionPools: [{ name: 'a', count: 2 }] }));
    const step = json.resource.terraform_data['api-ready'] as {
      depends_on: string[];
      triggers_replace: Record<string, string>;
      provisioner: { 'local-exec': { environment: Record<string, string> } }[];
    };
    // Minions are the platform stack's to wait for: a minion added later joins with the growth token that
    // only the platform stack re-arms, so waiting for it here would never end.
    expect(step.triggers_replace).toMatchObject({ expected_nodes: '3', nodes_must_be: 'registered' });
    const masters = addresses(json).filter((a) => a.startsWith('openstack_compute_instance_v2.masters'));
    expect(masters).toHaveLength(3);
    expect(step.depends_on).toEqual(expect.arrayContaining(masters));
    const scaled = synthInfra(cluster({ masters: { count: 3 }, minionPools: [{ name: 'a', count: 7 }] }));
    expect(scaled.resource.terraform_data['api-ready']).toEqual(step);
    expect(step.provisioner[0]['local-exec'].environment.BERTH_TIMEOUT_SECONDS).toBe('1800');
    // The deployer's certificate and key reach it as references, never as values.
    expect(step.provisioner[0]['local-exec'].environment.BERTH_CLIENT_KEY_PEM).toMatch(
      /^\$\{tls_private_key\./,
    );
  });

  test('the network keeps the MTU Neutron gives it unless one is configured', () => {
    const net = (json: Json) => resources(json, 'openstack_networking_network_v2')[0];
    expect(net(synthInfra())).not.toHaveProperty('mtu');
    expect(net(synthInfra(cluster({ networkMtu: 1442 })))).toMatchObject({ mtu: 1442 });
  });

  test('DNS can be switched off, or use an existing zone', () => {
    expect(
      synthInfra(cluster({ dns: { enabled: false } })).resource.openstack_dns_recordset_v2,
    ).toBeUndefined();
    const existing = synthInfra(cluster({ dns: { zoneId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d' } }));
    expect(existing.resource.openstack_dns_zone_v2).toBeUndefined();
    expect(resources(existing, 'openstack_dns_recordset_v2')).toHaveLength(2);
  });

  test('a configured SSH key is used instead of a generated one', () => {
    const json = synthInfra({ cloud: { sshPublicKey: 'ssh-ed25519 AAAAC3Nza ops@example.com' } });
    expect(resources(json, 'openstack_compute_keypair_v2')[0].public_key).toBe(
      'ssh-ed25519 AAAAC3Nza ops@example.com',
    );
    expect(resources(json, 'tls_private_key').map((k) => k.algorithm)).not.toContain('ED25519');
    expect(json.output?.ssh_private_key).toBeUndefined();
  });

  test('no private key or secret value is written into the synthesized stack', () => {
    const text = JSON.stringify(synthInfra(cluster({ masters: { count: 3 } })));
    expect(text).not.toMatch(/BEGIN [A-Z ]*PRIVATE KEY/);
    expect(text).not.toMatch(/"[a-z0-9]{6}\.[a-z0-9]{16}"/);
  });

  test('every string is a valid Terraform template: only intended ${...} references, no %{ directives', () => {
    const offending: string[] = [];
    const visit = (value: unknown): void => {
      if (typeof value === 'string') {
        // Strip escaped sequences, then every remaining interpolation must be a resource/data/var/local reference or a function call.
        const unescaped = value.replace(/\$\$\{/g, '').replace(/%%\{/g, '');
        for (const match of unescaped.matchAll(/\$\{([^}]*)\}/g)) {
          // `terraform_data.` (replace triggers) and `self.` (destroy-time provisioners) are Berth's too.
          if (
            !/^(data\.|openstack_|tls_|random_|terraform_data\.|self\.|var\.|local\.|[a-z0-9_]+\()/.test(
              match[1],
            )
          )
            offending.push(match[0]);
        }
        if (/%\{/.test(unescaped)) offending.push(value.slice(0, 60));
      } else if (value && typeof value === 'object') {
        Object.values(value).forEach(visit);
      }
    };
    visit(synthInfra(cluster({ masters: { count: 3 } })));
    expect(offending).toEqual([]);
  });
});

describe('ClusterInfraStack safe changes', () => {
  test('the ingress entry: 80/443 for everyone, the management port 8443 for the admin networks only', () => {
    const json = synthInfra({ cloud: { adminCidrs: ['10.20.0.0/16'] } });
    const listeners = resources<{ name: string; protocol_port: number; allowed_cidrs?: string[] }>(
      json,
      'openstack_lb_listener_v2',
    ).filter((l) => l.name.startsWith('berth-main-ingress'));
    expect(listeners.map((l) => [l.protocol_port, l.allowed_cidrs]).sort((a, b) => +a[0]! - +b[0]!)).toEqual([
      [80, undefined],
      [443, undefined],
      [8443, ['10.20.0.0/16']],
    ]);
    const members = resources<{ name: string; protocol_port: number; pool_id: string }>(
      json,
      'openstack_lb_member_v2',
    ).filter((m) => m.pool_id.includes('admin-https'));
    expect(new Set(members.map((m) => m.protocol_port))).toEqual(new Set([30843]));
  });

  test('switching add-ons never touches the cluster stack', () => {
    const base = synthInfra();
    const lean = synthInfra(
      cluster({
        addons: { monitoring: { enabled: false }, logging: { enabled: false }, console: { enabled: false } },
      }),
    );
    expect(lean).toEqual(base);
  });

  test('apps never touch the cluster stack', () => {
    const stackJson = (apps: readonly AppDefinition[]) => {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-infra-apps-'));
      new BerthApp({ platform: resolvePlatform({}), apps, outdir }).synth();
      return fs.readFileSync(path.join(outdir, 'stacks', 'main-infra', 'cdk.tf.json'), 'utf8');
    };
    expect(stackJson(APPS.slice(0, 1))).toBe(stackJson(APPS));
  });

  test('environments (and anything that is not infrastructure) never touch a server', () => {
    const base = synthInfra();
    const moreEnvironments = synthInfra({
      environments: [{ name: 'dev' }, { name: 'staging' }, { name: 'prod' }],
    });
    expect(moreEnvironments).toEqual(base);
  });
});
