import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { AppDefinition } from '../../charts/app-definition';
import { APPS } from '../../charts/apps';
import { BerthApp } from '../../stacks/berth-app';
import { resolvePlatform } from '../support/berth-platform';
import { ClusterInfraStack } from '../../stacks/cluster-infra-stack';

type Json = Record<string, Record<string, Record<string, Record<string, unknown>>>>;

/** Synthesizes the `<cluster>-infra` stack of a platform description. */
function synthInfra(input: object = {}, environmentNames?: readonly string[]): Json {
  const platform = resolvePlatform(input);
  const cluster = platform.clusters[0];
  const stack = new ClusterInfraStack(Testing.app() as App, `${cluster.name}-infra`, {
    platformName: platform.name,
    cloud: platform.cloud,
    cluster,
    state: platform.state,
    environmentNames,
  });
  return JSON.parse(Testing.synth(stack));
}

const cluster = (fields: object) => ({ clusters: [{ name: 'main', ...fields }] });

/** Resource addresses (`type.name`) of a synthesized stack. */
function addresses(json: Json): string[] {
  return Object.entries(json.resource).flatMap(([type, resources]) =>
    Object.keys(resources).map((name) => `${type}.${name}`),
  );
}

function resources<T = Record<string, unknown>>(json: Json, type: string): T[] {
  return Object.values(json.resource[type] ?? {}) as T[];
}

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

  test('HA with 3 masters gives the API load balancer 3 members on 6443', () => {
    const json = synthInfra(cluster({ masters: { count: 3 } }));
    const apiPool = Object.entries(json.resource.openstack_lb_pool_v2).find(
      ([, pool]) => pool.name === 'berth-main-api-api',
    );
    expect(apiPool).toBeDefined();
    const members = resources<{ pool_id: string; address: string; protocol_port: number }>(
      json,
      'openstack_lb_member_v2',
    ).filter((m) => m.pool_id === `\${openstack_lb_pool_v2.${apiPool![0]}.id}`);
    expect(members.map((m) => `${m.address}:${m.protocol_port}`)).toEqual([
      '10.0.0.10:6443',
      '10.0.0.11:6443',
      '10.0.0.12:6443',
    ]);
    const groups = resources<{ policies: string[]; name: string }>(json, 'openstack_compute_servergroup_v2');
    expect(groups.find((g) => g.name === 'berth-main-master')!.policies).toEqual(['anti-affinity']);
    expect(groups.find((g) => g.name === 'berth-main-default')!.policies).toEqual(['soft-anti-affinity']);
  });

  test('an even master count never reaches synthesis', () => {
    expect(() => synthInfra(cluster({ masters: { count: 2 } }))).toThrow(
      'clusters[0].masters.count: got 2; must be 1, 3 or 5: etcd needs an odd number of members',
    );
  });

  test('single-master mode without a load balancer puts the API floating IP on the master', () => {
    const json = synthInfra(cluster({ apiLoadBalancer: false }));
    expect(resources(json, 'openstack_lb_loadbalancer_v2').map((lb) => lb.name)).toEqual([
      'berth-main-ingress',
    ]);
    const associations = resources<{ port_id: string }>(json, 'openstack_networking_floatingip_associate_v2');
    expect(associations.some((a) => /openstack_networking_port_v2\.masters_port-1_/.test(a.port_id))).toBe(
      true,
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

  test('creates the registry and backup containers and a restricted application credential', () => {
    const json = synthInfra();
    expect(
      resources(json, 'openstack_objectstorage_container_v1')
        .map((c) => c.name)
        .sort(),
    ).toEqual(['berth-main-backups', 'berth-main-registry']);
    expect(resources(json, 'openstack_identity_application_credential_v3')[0]).toMatchObject({
      name: 'berth-main-cluster',
      roles: ['member', 'load-balancer_member'],
      unrestricted: false,
    });
  });

  test('masters back up etcd to the backup container with the generated key; minions carry no backup secret', () => {
    const json = synthInfra(
      cluster({ masters: { count: 3 }, backups: { etcd: { interval: '30m', keep: 10 } } }),
    );
    const parts = Object.entries(
      (json as unknown as { data: Record<string, Record<string, { part: { content: string }[] }>> }).data
        .cloudinit_config,
    );
    const content = (id: string) => parts.find(([name]) => name.startsWith(id))![1].part[0].content;
    for (const id of ['bootstrap-init-master', 'bootstrap-join-master']) {
      const text = content(id);
      expect(text).toContain('/usr/local/sbin/berth-etcd-backup');
      expect(text).toMatch(
        /BERTH_SWIFT_CONTAINER='\$\{openstack_objectstorage_container_v1\.object-storage_backups_[0-9A-F]+\.name\}'/,
      );
      expect(text).toContain("BERTH_BACKUP_KEEP='10'");
      expect(text).toContain('OnUnitActiveSec=30m');
      expect(text).toMatch(/\$\{base64encode\(random_id\.etcd-backup-key_[0-9A-F]+\.b64_std\)\}/);
      // The backup credential, limited to the backup container's objects, not the cluster's.
      expect(text).toMatch(
        /\$\{base64encode\(openstack_identity_application_credential_v3\.etcd-backup-credential_[0-9A-F]+\.secret\)\}/,
      );
      expect(text).toMatch(
        /BERTH_SWIFT_CREDENTIAL_ID='\$\{openstack_identity_application_credential_v3\.etcd-backup-credential_[0-9A-F]+\.id\}'/,
      );
      expect(text).not.toContain('cloud-credential_');
      expect(text).toContain('systemctl enable --now berth-etcd-backup.timer');
    }
    const minion = content('bootstrap-pool-default');
    expect(minion).not.toContain('etcd-backup');
    expect(minion).not.toContain('application_credential');
  });

  test('the backup credential: its own, restricted, access rules on the backup container only', () => {
    const json = synthInfra();
    const credentials = resources<{ name: string; unrestricted: boolean; access_rules?: { path: string }[] }>(
      json,
      'openstack_identity_application_credential_v3',
    );
    expect(credentials.map((c) => c.name)).toEqual(['berth-main-cluster', 'berth-main-etcd-backup']);
    const backup = credentials[1];
    expect(backup.unrestricted).toBe(false);
    expect(backup.access_rules!.map((r) => r.path)).toEqual([
      expect.stringMatching(
        /^\/v1\/\*\/\$\{openstack_objectstorage_container_v1\.object-storage_backups_[0-9A-F]+\.name\}$/,
      ),
      ...Array(3).fill(expect.stringMatching(/_backups_[0-9A-F]+\.name\}\/\*\*$/)),
    ]);
    expect(credentials[0].access_rules).toBeUndefined();
  });

  test('credentialAccessRules off (a store that does not check access rules): the cluster credential', () => {
    const json = synthInfra(cluster({ backups: { credentialAccessRules: false } }));
    expect(
      resources<{ name: string }>(json, 'openstack_identity_application_credential_v3').map((c) => c.name),
    ).toEqual(['berth-main-cluster']);
    expect(JSON.stringify(json)).toMatch(
      /BERTH_SWIFT_CREDENTIAL_ID='\$\{openstack_identity_application_credential_v3\.cloud-credential_[0-9A-F]+\.id\}'/,
    );
  });

  test('etcd backups switched off: no key, no output, no timer', () => {
    const json = synthInfra(cluster({ backups: { etcd: { enabled: false } } }));
    expect(resources(json, 'random_id').length).toBeGreaterThan(0);
    expect(addresses(json).some((a) => a.includes('etcd-backup-key'))).toBe(false);
    expect(Object.keys(json.output)).not.toContain('etcd_backup_key');
    expect(JSON.stringify(json)).not.toContain('berth-etcd-backup');
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

describe('ClusterInfraStack rollout of image and flavor changes', () => {
  const json = synthInfra(
    cluster({
      masters: { count: 3 },
      minionPools: [
        { name: 'general', count: 2, flavor: 'm1.large' },
        { name: 'batch', count: 1, flavor: 'm1.xlarge' },
      ],
    }),
  );
  type Server = { name: string; lifecycle: { ignore_changes: string[]; replace_triggered_by?: string[] } };
  const servers = resources<Server>(json, 'openstack_compute_instance_v2');
  const data = json.resource.terraform_data as Record<
    string,
    { triggers_replace?: object; depends_on?: string[]; input?: { node: string } }
  >;

  test('every server follows its image and flavor: masters (three of them) and each pool', () => {
    const trigger = (server: Server) =>
      server.lifecycle.replace_triggered_by?.[0].replace(/^\$\{terraform_data\.|\}$/g, '');
    for (const server of servers) {
      expect(server.lifecycle.ignore_changes).toContain('flavor_name');
      expect(server.lifecycle.replace_triggered_by).toHaveLength(1);
    }
    const master = servers.find((s) => s.name === 'berth-main-master-2')!;
    expect(data[trigger(master)!].triggers_replace).toEqual({
      boot_image: 'ubuntu-24.04',
      flavor: 'm1.medium',
    });
    const general = servers.find((s) => s.name === 'berth-main-general-2')!;
    const batch = servers.find((s) => s.name === 'berth-main-batch-1')!;
    expect(data[trigger(general)!].triggers_replace).toEqual({
      boot_image: 'ubuntu-24.04',
      flavor: 'm1.large',
    });
    expect(data[trigger(batch)!].triggers_replace).toEqual({
      boot_image: 'ubuntu-24.04',
      flavor: 'm1.xlarge',
    });
  });

  test('the drain steps chain the masters first, then the minions in pool order', () => {
    const steps = Object.entries(data).filter(([name]) => name.startsWith('rollout_drain-'));
    const byAddress = new Map(steps.map(([name, step]) => [`terraform_data.${name}`, step]));
    const dependedOn = new Set(steps.flatMap(([, step]) => step.depends_on ?? []));
    let at = steps.find(([name]) => !dependedOn.has(`terraform_data.${name}`))![1];
    const order = [at.input!.node];
    while (at.depends_on) {
      at = byAddress.get(at.depends_on[0])!;
      order.push(at.input!.node);
    }
    expect(order).toEqual([
      'berth-main-master-1',
      'berth-main-master-2',
      'berth-main-master-3',
      'berth-main-general-1',
      'berth-main-general-2',
      'berth-main-batch-1',
    ]);
    const masterStep = steps.find(([name]) => name.startsWith('rollout_drain-berth-main-master-2'))![1] as {
      input: Record<string, string>;
    };
    expect(masterStep.input.certificate_key).toMatch(
      /^\$\{random_id\.join-secrets_certificate-key_[0-9A-F]+\.hex\}$/,
    );
    expect(masterStep.input.tools_image).toBe('ghcr.io/flannel-io/flannel:v0.28.9');
    expect(steps[0][1].input).toMatchObject({
      nodes:
        'berth-main-master-1,berth-main-master-2,berth-main-master-3,berth-main-general-1,berth-main-general-2,berth-main-batch-1',
    });
  });
});

test('a single master is never replaced by an image or flavor change (it would rebuild the cluster)', () => {
  const json = synthInfra();
  const master = resources<{ name: string; lifecycle: { replace_triggered_by?: string[] } }>(
    json,
    'openstack_compute_instance_v2',
  ).find((s) => s.name === 'berth-main-master-1')!;
  expect(master.lifecycle.replace_triggered_by).toBeUndefined();
  expect(
    Object.keys(json.resource.terraform_data).filter((n) => n.includes('drain-berth-main-master')),
  ).toEqual([]);
});

describe('ClusterInfraStack safe changes', () => {
  test('changing a pool count adds or removes only that pool’s servers (and their ports and LB members)', () => {
    const before = addresses(
      synthInfra(
        cluster({
          minionPools: [
            { name: 'a', count: 2 },
            { name: 'b', count: 2 },
          ],
        }),
      ),
    );
    const after = addresses(
      synthInfra(
        cluster({
          minionPools: [
            { name: 'a', count: 3 },
            { name: 'b', count: 2 },
          ],
        }),
      ),
    );
    const added = after.filter((a) => !before.includes(a));
    const removed = before.filter((a) => !after.includes(a));
    expect(removed).toEqual([]);
    expect(added.map((a) => a.replace(/_[0-9A-F]{8}$/, '')).sort()).toEqual(
      [
        'openstack_compute_instance_v2.pool-a_server-3',
        'openstack_networking_port_v2.pool-a_port-3',
        'openstack_lb_member_v2.ingress-lb_http-member-berth-main-a-3',
        'openstack_lb_member_v2.ingress-lb_https-member-berth-main-a-3',
        'openstack_lb_member_v2.ingress-lb_admin-https-member-berth-main-a-3',
        // Its drain step, for when a new image or flavor replaces it (NodeRollout).
        'terraform_data.rollout_drain-berth-main-a-3',
      ].sort(),
    );
  });

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

  test('servers ignore later changes of image, user_data and boot volume: no silent replacement', () => {
    const json = synthInfra(cluster({ masters: { count: 3 } }));
    for (const server of resources<{ lifecycle: { ignore_changes: string[] } }>(
      json,
      'openstack_compute_instance_v2',
    )) {
      expect(server.lifecycle.ignore_changes).toEqual(
        expect.arrayContaining(['user_data', 'image_id', 'block_device']),
      );
    }
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

  test('gives each environment a backup container and a credential restricted to it', () => {
    const json = synthInfra({}, ['dev', 'prod']);
    const containers = resources(json, 'openstack_objectstorage_container_v1').map((c) => c.name);
    expect(containers).toEqual(
      expect.arrayContaining(['berth-main-backups', 'berth-main-backups-dev', 'berth-main-backups-prod']),
    );
    const credentials = resources<{ name: string; access_rules?: { path: string }[] }>(
      json,
      'openstack_identity_application_credential_v3',
    );
    const prod = credentials.find((c) => c.name === 'berth-main-backups-prod-writer')!;
    expect(new Set(prod.access_rules!.map((r) => r.path.split('/')[3]))).toEqual(
      new Set(['berth-main-backups-prod', 'berth-main-backups-prod_segments']),
    );
    const open = synthInfra(cluster({ backups: { credentialAccessRules: false } }), ['dev']);
    const dev = resources<{ name: string; access_rules?: unknown }>(
      open,
      'openstack_identity_application_credential_v3',
    ).find((c) => c.name === 'berth-main-backups-dev-writer')!;
    expect(dev.access_rules).toBeUndefined();
    expect(addresses(synthInfra()).join()).not.toContain('backup-store');
  });
});
