import { execFile, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { ComputeInstanceV2 } from '../../../.gen/providers/openstack/compute-instance-v2';
import { NODE_ROLLOUT_SCRIPT } from '../../../constructs/cluster/node-rollout-script';
import { NodeRollout, RolledServer } from '../../../constructs/cluster/node-rollout';
import {
  Certificates,
  listenLoopbackTls,
  loopbackCertificates,
  runApiProgram,
} from '../../support/loopback-tls';
import { withTool } from '../../support/real-tool';

type Block = Record<string, unknown> & {
  depends_on?: string[];
  input: Record<string, string>;
  triggers_replace: Record<string, string>;
  provisioner: { 'local-exec': { when?: string; environment: Record<string, string>; command: string } }[];
};

const NODES = ['m-1', 'a-1', 'a-2', 'b-1'];

function synth(servers = ['a-1', 'a-2', 'b-1'], masterTools = true): Record<string, Block> {
  const json = JSON.parse(
    Testing.synthScope((scope: Construct) => {
      const instances: RolledServer[] = servers.map((name, i) => ({
        name,
        controlPlane: name.startsWith('m-'),
        instance: new ComputeInstanceV2(
          scope,
          `server-${name}${servers.indexOf(name) === i ? '' : `-${i}`}`,
          {
            name,
          },
        ),
      }));
      new NodeRollout(scope, 'rollout', {
        apiServerUrl: 'https://203.0.113.10:6443',
        caCertificatePem: '${tls_self_signed_cert.ca.cert_pem}',
        clientCertificatePem: '${tls_locally_signed_cert.deployer.cert_pem}',
        clientKeyPem: '${tls_private_key.deployer.private_key_pem}',
        growthToken: { id: '${random_string.id.result}', secret: '${random_string.secret.result}' },
        clusterNodes: NODES,
        masters: ['m-1'],
        certificateKey: masterTools ? '${random_id.certificate-key.hex}' : undefined,
        toolsImage: masterTools ? 'ghcr.io/flannel-io/flannel:v0.28.9' : undefined,
        servers: instances,
      });
    }),
  ) as { resource: { terraform_data: Record<string, Block> } };
  return json.resource.terraform_data;
}

describe('NodeRollout (synthesized)', () => {
  const steps = synth();
  const step = (node: string) => steps[`rollout_drain-${node}_${suffixOf(steps, node)}`];

  test('one drain step per server, each depending on the one after it: Terraform destroys them in order', () => {
    expect(Object.keys(steps).filter((k) => k.includes('drain-'))).toHaveLength(3);
    const address = (node: string) => `terraform_data.rollout_drain-${node}_${suffixOf(steps, node)}`;
    expect(step('a-1').depends_on).toEqual([address('a-2')]);
    expect(step('a-2').depends_on).toEqual([address('b-1')]);
    expect(step('b-1').depends_on).toBeUndefined();
  });

  test('a drain step is replaced with its server and drains before Terraform deletes it', () => {
    const s = step('a-2');
    expect(s.triggers_replace).toEqual({ server: '${openstack_compute_instance_v2.server-a-2.id}' });
    const exec = s.provisioner[0]['local-exec'];
    expect(exec.when).toBe('destroy');
    expect(exec.command).toBe(NODE_ROLLOUT_SCRIPT);
    expect(s.input).toMatchObject({
      node: 'a-2',
      nodes: NODES.join(','),
      api_url: 'https://203.0.113.10:6443',
    });
    // A destroy-time provisioner may read only `self`: everything comes from the step's input (state).
    expect(exec.environment).toMatchObject({
      BERTH_ROLLOUT_MODE: 'drain',
      BERTH_NODE: '${self.input.node}',
      BERTH_NODES: '${self.input.nodes}',
      BERTH_CLIENT_KEY_PEM: '${self.input.key}',
      BERTH_TOKEN_ID: '${self.input.token_id}',
      BERTH_DRAIN_TIMEOUT_SECONDS: '1200',
    });
    const references =
      Object.values(exec.environment)
        .join(' ')
        .match(/\$\{[^}]*\}/g) ?? [];
    expect(references.every((r) => r.startsWith('${self.'))).toBe(true);
  });

  test('the settle step waits after every server, again whenever one is replaced', () => {
    const settle = Object.entries(steps).find(([k]) => k.startsWith('rollout_settle'))![1];
    expect(settle.depends_on).toEqual([
      'openstack_compute_instance_v2.server-a-1',
      'openstack_compute_instance_v2.server-a-2',
      'openstack_compute_instance_v2.server-b-1',
    ]);
    expect(settle.triggers_replace.servers).toContain('openstack_compute_instance_v2.server-b-1.id');
    const exec = settle.provisioner[0]['local-exec'];
    expect(exec.when).toBeUndefined();
    expect(exec.environment.BERTH_ROLLOUT_MODE).toBe('settle');
  });

  test('a master step leaves the control plane: certificate key and tools image from its input', () => {
    const master = synth(['m-1', 'a-1']);
    const s = master[`rollout_drain-m-1_${suffixOf(master, 'm-1')}`];
    expect(s.input).toMatchObject({
      certificate_key: '${random_id.certificate-key.hex}',
      tools_image: 'ghcr.io/flannel-io/flannel:v0.28.9',
      masters: 'm-1',
    });
    expect(s.provisioner[0]['local-exec'].environment).toMatchObject({
      BERTH_CONTROL_PLANE: 'true',
      BERTH_CERTIFICATE_KEY: '${self.input.certificate_key}',
      BERTH_TOOLS_IMAGE: '${self.input.tools_image}',
      BERTH_MASTERS: '${self.input.masters}',
    });
    // A minion's step carries no certificate key.
    const minion = master[`rollout_drain-a-1_${suffixOf(master, 'a-1')}`];
    expect(minion.input.certificate_key).toBeUndefined();
    expect(minion.provisioner[0]['local-exec'].environment.BERTH_CONTROL_PLANE).toBeUndefined();
    expect(() => synth(['m-1'], false)).toThrow('rolling masters needs certificateKey and toolsImage');
  });

  test('refuses a server twice or one that is not a cluster node', () => {
    expect(() => synth(['a-1', 'a-1'])).toThrow('got a-1 twice');
    expect(() => synth(['z-9'])).toThrow('got z-9 outside clusterNodes');
  });

  test('the script is plain text to Terraform and valid JavaScript', () => {
    expect(NODE_ROLLOUT_SCRIPT).not.toMatch(/\$\{|%\{/);
    const checked = spawnSync(process.execPath, ['--check', '-'], { input: NODE_ROLLOUT_SCRIPT });
    expect(checked.stderr.toString()).toBe('');
    expect(checked.status).toBe(0);
  });
});

function suffixOf(steps: Record<string, Block>, node: string): string {
  const key = Object.keys(steps).find((k) => k.startsWith(`rollout_drain-${node}_`))!;
  return key.slice(`rollout_drain-${node}_`.length);
}

// ---- the program against a stand-in API on loopback ----

interface StandInNode {
  ready: boolean;
  unschedulable?: boolean;
}
interface LeavePod {
  phase: string;
  image: string;
  command: string[];
  env: Record<string, string>;
  node: string;
  keyFromSecret: string;
}
interface StandInPod {
  namespace: string;
  name: string;
  node: string;
  daemonSet?: boolean;
  mirror?: boolean;
  /** Evictions refused with 429 (a PodDisruptionBudget) before one succeeds; -1: always. */
  refusals?: number;
}

/**
 * A stand-in for the few API calls the program makes, kept as plain state: nodes, pods and the join
 * token Secret. It answers what kube-apiserver answers for those calls; it does not pretend to be one.
 * `later` changes the state after a number of node list reads (a replacement that rejoins).
 */
async function standInApi(
  certs: Certificates,
  state: {
    nodes: Record<string, StandInNode>;
    pods: StandInPod[];
    token?: Record<string, string>;
    etcdReady?: string[];
    leave?: LeavePod;
    secrets?: Record<string, Record<string, string>>;
    leaveFails?: boolean;
  },
  later?: { afterReads: number; apply: () => void },
): Promise<{ url: string; calls: string[]; close: () => Promise<void> }> {
  const calls: string[] = [];
  let reads = 0;
  const server = await listenLoopbackTls(certs, (req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const url = decodeURIComponent(req.url ?? '');
      calls.push(`${req.method} ${url}`);
      const send = (status: number, json: unknown = {}): void => {
        res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(json));
      };
      const node = /^\/api\/v1\/nodes\/([^/?]+)$/.exec(url)?.[1];
      if (req.method === 'GET' && url === '/api/v1/nodes') {
        if (later && ++reads === later.afterReads) later.apply();
        return send(200, {
          items: Object.entries(state.nodes).map(([name, n]) => ({
            metadata: { name },
            status: { conditions: [{ type: 'Ready', status: n.ready ? 'True' : 'False' }] },
          })),
        });
      }
      if (node) {
        if (!state.nodes[node]) return send(404);
        if (req.method === 'PATCH') state.nodes[node].unschedulable = JSON.parse(body).spec.unschedulable;
        if (req.method === 'DELETE') delete state.nodes[node];
        return send(200, { metadata: { name: node } });
      }
      const onNode = /^\/api\/v1\/pods\?fieldSelector=spec\.nodeName=(.+)$/.exec(url)?.[1];
      if (onNode) {
        return send(200, {
          items: state.pods
            .filter((p) => p.node === onNode)
            .map((p) => ({
              metadata: {
                namespace: p.namespace,
                name: p.name,
                ownerReferences: p.daemonSet ? [{ kind: 'DaemonSet' }] : [{ kind: 'ReplicaSet' }],
                annotations: p.mirror ? { 'kubernetes.io/config.mirror': 'x' } : {},
              },
              status: { phase: 'Running' },
            })),
        });
      }
      const eviction = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/eviction$/.exec(url);
      if (eviction && req.method === 'POST') {
        const pod = state.pods.find((p) => p.namespace === eviction[1] && p.name === eviction[2]);
        if (!pod) return send(404);
        if (pod.refusals === -1 || (pod.refusals ?? 0) > 0) {
          if (pod.refusals !== -1) pod.refusals!--;
          return send(429, { reason: 'TooManyRequests' });
        }
        state.pods = state.pods.filter((p) => p !== pod);
        return send(201);
      }
      if (
        req.method === 'GET' &&
        url === '/api/v1/namespaces/kube-system/pods?labelSelector=component=etcd'
      ) {
        return send(200, {
          items: (state.etcdReady ?? []).map((n) => ({
            metadata: { name: `etcd-${n}` },
            spec: { nodeName: n },
            status: { conditions: [{ type: 'Ready', status: 'True' }] },
          })),
        });
      }
      if (url.startsWith('/api/v1/namespaces/kube-system/pods')) {
        if (req.method === 'POST') {
          const pod = JSON.parse(body);
          const container = pod.spec.containers[0];
          state.leave = {
            phase: 'Pending',
            image: container.image,
            command: container.command,
            env: Object.fromEntries(
              (container.env as { name: string; value: string }[]).map((e) => [e.name, e.value]),
            ),
            node: pod.spec.nodeName,
            keyFromSecret: pod.spec.volumes.find((v: { secret?: object }) => v.secret).secret.secretName,
          };
          return send(201);
        }
        if (url.endsWith('/log?tailLines=20')) return res.writeHead(200).end('etcd: member not found');
        if (req.method === 'GET' && state.leave) {
          state.leave.phase = state.leaveFails ? 'Failed' : 'Succeeded';
          return send(200, { status: { phase: state.leave.phase } });
        }
        return send(req.method === 'DELETE' ? 404 : 200);
      }
      const named = /^\/api\/v1\/namespaces\/kube-system\/secrets\/(berth-leave-.+)$/.exec(url)?.[1];
      if (named) {
        if (req.method === 'DELETE' && state.secrets?.[named]) delete state.secrets[named];
        return send(200);
      }
      if (req.method === 'POST' && JSON.parse(body).metadata.name.startsWith('berth-leave-')) {
        state.secrets = { ...state.secrets, [JSON.parse(body).metadata.name]: JSON.parse(body).data };
        return send(201);
      }
      if (url.startsWith('/api/v1/namespaces/kube-system/secrets')) {
        if (req.method === 'PATCH') {
          if (!state.token) return send(404);
          Object.assign(state.token, JSON.parse(body).data);
          return send(200);
        }
        state.token = JSON.parse(body).data;
        return send(201);
      }
      return send(404);
    });
  });
  return { ...server, calls };
}

function runRollout(
  certs: Certificates,
  url: string,
  env: Record<string, string>,
): Promise<{ status: number; stdout: string; stderr: string }> {
  return runApiProgram(NODE_ROLLOUT_SCRIPT, certs, url, {
    BERTH_TOKEN_ID: 'abcdef',
    BERTH_TOKEN_SECRET: '0123456789abcdef',
    BERTH_TOKEN_GROUPS: 'system:bootstrappers:kubeadm:default-node-token',
    BERTH_NODES: 'm-1,a-1,a-2',
    BERTH_WAIT_TIMEOUT_SECONDS: '2',
    BERTH_DRAIN_TIMEOUT_SECONDS: '2',
    BERTH_INTERVAL_SECONDS: '0.05',
    ...env,
  });
}

const withOpenssl = withTool('openssl');

describe('the rollout program, run with node against a stand-in API on loopback', () => {
  let certs: Certificates;
  beforeAll(() => {
    if (spawnSync('sh', ['-c', 'command -v openssl']).status !== 0) return;
    certs = loopbackCertificates(fs.mkdtempSync(path.join(os.tmpdir(), 'berth-rollout-')));
  });
  const drain = { BERTH_ROLLOUT_MODE: 'drain', BERTH_NODE: 'a-2' };
  let leaveSteps: string | undefined;

  withOpenssl(
    'drain: waits for the previous replacement, re-arms the token, evicts past a PodDisruptionBudget, removes the node',
    async () => {
      const state = {
        // a-1 was replaced just before: not registered yet; it rejoins after a few looks.
        nodes: { 'm-1': { ready: true }, 'a-2': { ready: true } } as Record<string, StandInNode>,
        pods: [
          { namespace: 'shop', name: 'web-1', node: 'a-2', refusals: 2 },
          { namespace: 'kube-flannel', name: 'flannel-x', node: 'a-2', daemonSet: true },
          { namespace: 'kube-system', name: 'static', node: 'a-2', mirror: true },
          { namespace: 'shop', name: 'web-2', node: 'a-1' },
        ],
        token: { expiration: 'old' } as Record<string, string>,
      };
      const api = await standInApi(certs, state, {
        afterReads: 3,
        apply: () => (state.nodes['a-1'] = { ready: true }),
      });
      const run = await runRollout(certs, api.url, drain);
      await api.close();
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('waiting for every other node before replacing a-2: not registered: a-1');
      expect(run.stdout).toContain(
        'still on a-2: shop/web-1 (its PodDisruptionBudget allows no disruption now)',
      );
      // Order: wait, token, cordon, evict, delete; DaemonSet and static pods are left alone.
      const mutations = api.calls.filter((c) => !c.startsWith('GET'));
      expect(mutations[0]).toBe('PATCH /api/v1/namespaces/kube-system/secrets/bootstrap-token-abcdef');
      expect(mutations[1]).toBe('PATCH /api/v1/nodes/a-2');
      expect(mutations.filter((c) => c.includes('eviction'))).toEqual([
        'POST /api/v1/namespaces/shop/pods/web-1/eviction',
        'POST /api/v1/namespaces/shop/pods/web-1/eviction',
        'POST /api/v1/namespaces/shop/pods/web-1/eviction',
      ]);
      expect(mutations[mutations.length - 1]).toBe('DELETE /api/v1/nodes/a-2');
      expect(api.calls.indexOf('PATCH /api/v1/nodes/a-2')).toBeGreaterThan(
        api.calls.lastIndexOf('GET /api/v1/nodes'),
      );
      expect(state.nodes['a-2']).toBeUndefined();
      expect(state.pods.map((p) => p.name)).toEqual(['flannel-x', 'static', 'web-2']);
      const expiration = Buffer.from(state.token.expiration, 'base64').toString();
      expect(Date.parse(expiration) - Date.now()).toBeGreaterThan(3600 * 1000);
    },
  );

  withOpenssl(
    'drain: a PodDisruptionBudget that never allows it stops the rollout, node cordoned',
    async () => {
      const state = {
        nodes: { 'm-1': { ready: true }, 'a-1': { ready: true }, 'a-2': { ready: true } } as Record<
          string,
          StandInNode
        >,
        pods: [{ namespace: 'shop', name: 'db-0', node: 'a-2', refusals: -1 }],
      };
      const api = await standInApi(certs, state);
      const run = await runRollout(certs, api.url, { ...drain, BERTH_DRAIN_TIMEOUT_SECONDS: '0.5' });
      await api.close();
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('a-2 was not drained within 0.5 s: shop/db-0 (its PodDisruptionBudget');
      expect(run.stderr).toContain('the server is not replaced; a-2 stays cordoned');
      expect(state.nodes['a-2']).toEqual({ ready: true, unschedulable: true });
      expect(api.calls).not.toContain('DELETE /api/v1/nodes/a-2');
    },
  );

  withOpenssl('drain: another node not Ready within the bound: nothing is touched', async () => {
    const state = {
      nodes: { 'm-1': { ready: true }, 'a-1': { ready: false }, 'a-2': { ready: true } } as Record<
        string,
        StandInNode
      >,
      pods: [],
    };
    const api = await standInApi(certs, state);
    const run = await runRollout(certs, api.url, { ...drain, BERTH_WAIT_TIMEOUT_SECONDS: '0.5' });
    await api.close();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('waiting for every other node before replacing a-2: not Ready: a-1');
    expect(api.calls.filter((c) => !c.startsWith('GET'))).toEqual([]);
  });

  withOpenssl(
    'drain: a node that never joined is not drained; the token is created again if gone',
    async () => {
      const state = {
        nodes: { 'm-1': { ready: true }, 'a-1': { ready: true } } as Record<string, StandInNode>,
        pods: [],
      } as { nodes: Record<string, StandInNode>; pods: StandInPod[]; token?: Record<string, string> };
      const api = await standInApi(certs, state);
      const run = await runRollout(certs, api.url, drain);
      await api.close();
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('a-2 is not registered: nothing to drain');
      expect(Buffer.from(state.token!['token-id'], 'base64').toString()).toBe('abcdef');
      expect(Buffer.from(state.token!['auth-extra-groups'], 'base64').toString()).toBe(
        'system:bootstrappers:kubeadm:default-node-token',
      );
    },
  );

  withOpenssl('settle: passes at once on a new cluster, waits for every node on a running one', async () => {
    const fresh = await standInApi(certs, {
      nodes: { 'm-1': { ready: false }, 'a-1': { ready: false } },
      pods: [],
    });
    const first = await runRollout(certs, fresh.url, { BERTH_ROLLOUT_MODE: 'settle' });
    await fresh.close();
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('no node is Ready yet (a new cluster)');
    expect(fresh.calls.filter((c) => !c.startsWith('GET'))).toEqual([]);

    const state = {
      nodes: { 'm-1': { ready: true }, 'a-1': { ready: true } } as Record<string, StandInNode>,
      pods: [],
    };
    const running = await standInApi(certs, state, {
      afterReads: 3,
      apply: () => (state.nodes['a-2'] = { ready: true }),
    });
    const run = await runRollout(certs, running.url, { BERTH_ROLLOUT_MODE: 'settle' });
    await running.close();
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('waiting for every node after replacing servers: not registered: a-2');
    expect(run.stdout).toContain('every node is Ready');
  });

  withOpenssl(
    "a master: waits for the other masters' etcd, then uploads certificates and removes its etcd member from another master before its Node goes",
    async () => {
      const key = 'ab'.repeat(32);
      const master = {
        BERTH_ROLLOUT_MODE: 'drain',
        BERTH_NODE: 'm-2',
        BERTH_NODES: 'm-1,m-2,a-1',
        BERTH_MASTERS: 'm-1,m-2',
      };
      const env = {
        ...master,
        BERTH_CONTROL_PLANE: 'true',
        BERTH_CERTIFICATE_KEY: key,
        BERTH_TOOLS_IMAGE: 'ghcr.io/flannel-io/flannel:v0.28.9',
      };
      const state = {
        nodes: { 'm-1': { ready: true }, 'm-2': { ready: true }, 'a-1': { ready: true } } as Record<
          string,
          StandInNode
        >,
        pods: [] as StandInPod[],
        token: {} as Record<string, string>,
        etcdReady: [] as string[],
      } as Parameters<typeof standInApi>[1];
      // m-1's etcd comes back after a few looks: only then does m-2 go.
      const api = await standInApi(certs, state, { afterReads: 3, apply: () => (state.etcdReady = ['m-1']) });
      const run = await runRollout(certs, api.url, env);
      await api.close();
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('etcd not Ready on: m-1');
      expect(run.stdout).toContain('m-2 left the control plane');
      // On the other master, whose API server and kubelet stay up.
      expect(state.leave).toMatchObject({
        node: 'm-1',
        image: 'ghcr.io/flannel-io/flannel:v0.28.9',
        phase: 'Succeeded',
      });
      expect(state.leave!.command.join(' ')).toContain('chroot /host /bin/bash -c "$BERTH_STEPS"');
      expect(state.leave!.env.BERTH_NODE).toBe('m-2');
      leaveSteps = state.leave!.env.BERTH_STEPS;
      expect(leaveSteps).toContain(
        'kubeadm init phase upload-certs --upload-certs --certificate-key "$BERTH_CERTIFICATE_KEY"',
      );
      expect(JSON.stringify(state.leave)).not.toContain(key);
      // The key travelled in a Secret, deleted once done; the Node goes last.
      expect(state.secrets).toEqual({});
      expect(api.calls.indexOf('POST /api/v1/namespaces/kube-system/pods')).toBeLessThan(
        api.calls.indexOf('DELETE /api/v1/nodes/m-2'),
      );
      expect(state.nodes['m-2']).toBeUndefined();

      const failing = {
        ...state,
        nodes: { 'm-1': { ready: true }, 'm-2': { ready: true }, 'a-1': { ready: true } },
        leaveFails: true,
      };
      const broken = await standInApi(certs, failing);
      const stopped = await runRollout(certs, broken.url, env);
      await broken.close();
      expect(stopped.status).toBe(1);
      expect(stopped.stderr).toContain('m-2 could not leave the control plane');
      expect(stopped.stderr).toContain('etcd: member not found');
      expect(failing.nodes['m-2']).toBeDefined();
    },
  );

  const withShellcheck = withTool('shellcheck');
  withShellcheck(
    'the leave steps: shellcheck clean; with stand-in kubeadm and crictl, they remove exactly the member',
    () => {
      expect(leaveSteps).toBeDefined();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-leave-'));
      fs.writeFileSync(path.join(dir, 'steps.sh'), leaveSteps!);
      const checked = spawnSync('shellcheck', ['-s', 'bash', path.join(dir, 'steps.sh')], {
        encoding: 'utf8',
      });
      expect(checked.stdout).toBe('');
      const log = path.join(dir, 'calls');
      const stand = (name: string, body: string) =>
        fs.writeFileSync(path.join(dir, name), `#!/bin/sh\necho "${name} $*" >>${log}\n${body}\n`, {
          mode: 0o755,
        });
      stand('kubeadm', '');
      stand(
        'crictl',
        `case "$*" in
  ps*) echo c0ffee ;;
  *"member list"*) printf '%s\\n' '1a2b, started, m-1, https://10.0.0.10:2380, https://10.0.0.10:2379, false' '3c4d, started, m-2, https://10.0.0.11:2380, https://10.0.0.11:2379, false' ;;
esac`,
      );
      const run = spawnSync('bash', ['--norc', '--noprofile', '-c', leaveSteps!], {
        encoding: 'utf8',
        env: { HOME: dir, PATH: `${dir}:${process.env.PATH}`, BERTH_NODE: 'm-2', BERTH_CERTIFICATE_KEY: 'k' },
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const calls = fs.readFileSync(log, 'utf8').trim().split('\n');
      expect(calls[0]).toBe(
        'kubeadm init phase upload-certs --upload-certs --certificate-key k --kubeconfig /etc/kubernetes/admin.conf',
      );
      expect(calls[calls.length - 1]).toMatch(/^crictl exec c0ffee etcdctl .* member remove 3c4d$/);
    },
  );

  test('bad parameters stop it at once', async () => {
    const run = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        ['-e', NODE_ROLLOUT_SCRIPT],
        {
          env: { PATH: process.env.PATH, BERTH_API_URL: 'https://127.0.0.1:1', BERTH_ROLLOUT_MODE: 'drain' },
        },
        (error, _out, stderr) => resolve({ code: Number(error?.code ?? 0), stderr }),
      ),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('BERTH_NODE must be a node name');
  });
});
