import { resources, synthInfra, cluster, addresses } from '../support/synth-infra';

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

describe('ClusterInfraStack: masters and minion pools (cluster-nodes)', () => {
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
});
