/**
 * The program Terraform runs on the deployer's machine (local-exec, `node -e`) around the replacement of a
 * node (node-rollout.ts). Like the readiness wait it needs only Node (no kubectl), reads everything from
 * the environment and is plain ES2020 without template literals (Terraform interpolates `${` and `%{`).
 *
 * BERTH_ROLLOUT_MODE=drain (the destroy-time step of one node, before Terraform deletes its server):
 *   1. waits (bounded) until every other node of BERTH_NODES is registered and Ready: the node replaced
 *      before this one has rejoined, so at most one node is ever out;
 *   2. re-arms the growth join token (`bootstrap-token-<id>`, expiration now + 2 h) so that the
 *      replacement can join however long ago the platform stack was deployed;
 *   3. cordons the node and evicts its pods through the eviction API (PodDisruptionBudgets hold: a refused
 *      eviction is retried until BERTH_DRAIN_TIMEOUT_SECONDS, then the step fails and the server stays);
 *      DaemonSet pods and static (mirror) pods stay, as with `kubectl drain --ignore-daemonsets`;
 *   4. on a master (BERTH_CONTROL_PLANE=true), runs one pod on another master (BERTH_TOOLS_IMAGE, that
 *      host's own kubeadm and crictl through chroot) that uploads the control-plane certificates for the
 *      replacement to join with (`kubeadm init phase upload-certs`, the key from a Secret made for it and
 *      deleted after) and removes the leaving master's etcd member (`etcdctl member remove`, run in the
 *      etcd container), so that etcd keeps its quorum with the others and the replacement joins anew;
 *   5. deletes the Node object, so that the replacement registers afresh under the same name.
 *   Before a master goes, the other masters' etcd pods must be Ready as well.
 *   A node that is not registered (never joined) is not drained; its server is replaced all the same.
 * BERTH_ROLLOUT_MODE=settle (the create-time step after every server): on a cluster that has Ready nodes,
 *   re-arms the growth token and waits (bounded) until every node of BERTH_NODES is Ready, so that a
 *   deploy ends with the last replacement back. A new cluster (no node Ready: no pod network yet) passes.
 *
 * Exit status 0: done; 1: timed out or refused (the message says what it saw and what to do); 2: bad
 * parameters.
 */
import { MANAGED_BY_BERTH_LABEL } from '../../config/platform-names';
import { CLUSTER_PORTS } from './cluster-ports';

/** The managed-by label's key and value, written into the pods the program creates. */
const MANAGED_BY = Object.entries(MANAGED_BY_BERTH_LABEL)[0];

export const NODE_ROLLOUT_SCRIPT = String.raw`'use strict';
const https = require('https');
const env = process.env;
const fail = (message) => { console.error('berth: ' + message); process.exit(2); };
let api;
try { api = new URL(env.BERTH_API_URL || ''); } catch (e) { fail('BERTH_API_URL must be the API URL, e.g. https://203.0.113.10:6443'); }
const mode = env.BERTH_ROLLOUT_MODE;
const node = env.BERTH_NODE || '';
const nodes = (env.BERTH_NODES || '').split(',').filter((n) => n);
const waitSeconds = Number(env.BERTH_WAIT_TIMEOUT_SECONDS);
const drainSeconds = Number(env.BERTH_DRAIN_TIMEOUT_SECONDS);
const intervalSeconds = Number(env.BERTH_INTERVAL_SECONDS || '10');
const tokenId = env.BERTH_TOKEN_ID || '';
const controlPlane = env.BERTH_CONTROL_PLANE === 'true';
const masters = (env.BERTH_MASTERS || '').split(',').filter((n) => n);
if (mode !== 'drain' && mode !== 'settle') fail('BERTH_ROLLOUT_MODE must be drain or settle');
if (mode === 'drain' && !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(node)) fail('BERTH_NODE must be a node name');
if (nodes.length === 0) fail('BERTH_NODES must list the cluster nodes, separated by commas');
if (!(waitSeconds > 0) || !(drainSeconds > 0) || !(intervalSeconds > 0)) fail('BERTH_WAIT_TIMEOUT_SECONDS, BERTH_DRAIN_TIMEOUT_SECONDS and BERTH_INTERVAL_SECONDS must be positive');
if (!/^[a-z0-9]{6}$/.test(tokenId) || !/^[a-z0-9]{16}$/.test(env.BERTH_TOKEN_SECRET || '')) fail('BERTH_TOKEN_ID and BERTH_TOKEN_SECRET must be the growth token (6 and 16 characters)');
if (controlPlane && (!/^[0-9a-f]{64}$/.test(env.BERTH_CERTIFICATE_KEY || '') || !env.BERTH_TOOLS_IMAGE)) fail('a master needs BERTH_CERTIFICATE_KEY (64 hex digits) and BERTH_TOOLS_IMAGE');
for (const name of ['BERTH_CA_PEM', 'BERTH_CLIENT_CERT_PEM', 'BERTH_CLIENT_KEY_PEM']) {
  if (!env[name]) fail(name + ' must hold a PEM');
}
const say = (message) => console.log('berth: ' + message);
const sleep = () => new Promise((resolve) => setTimeout(resolve, intervalSeconds * 1000));

function call(method, path, body, contentType) {
  return new Promise((resolve) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const headers = { Accept: 'application/json' };
    if (data !== undefined) { headers['Content-Type'] = contentType || 'application/json'; headers['Content-Length'] = Buffer.byteLength(data); }
    const request = https.request({
      host: api.hostname, port: api.port || 443, path: path, method: method,
      ca: env.BERTH_CA_PEM, cert: env.BERTH_CLIENT_CERT_PEM, key: env.BERTH_CLIENT_KEY_PEM,
      headers: headers, timeout: 15000,
    }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => { if (text.length < 8388608) text += chunk; });
      response.on('end', () => {
        let json;
        try { json = JSON.parse(text); } catch (e) { json = undefined; }
        resolve({ status: response.statusCode, json: json });
      });
    });
    request.on('timeout', () => request.destroy(Object.assign(new Error('no answer within 15 s'), { code: 'TIMEOUT' })));
    request.on('error', (error) => resolve({ error: error.code || error.message }));
    if (data !== undefined) request.write(data);
    request.end();
  });
}

const REFUSED = 'The API refused the deployer certificate this step stored at the previous deploy: it is valid for 7 days. Run cdktf deploy of the infra stack once without the image or flavor change (it renews the certificate and the steps), then again with it.';
function check(answer, what) {
  if (answer.error) return what + ': API unreachable (' + answer.error + ')';
  if (answer.status === 401 || answer.status === 403) { console.error('berth: ' + what + ': refused (' + answer.status + '). ' + REFUSED); process.exit(1); }
  return undefined;
}

function isReady(item) {
  const conditions = (item.status && item.status.conditions) || [];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

// What keeps the given nodes from all being Ready ('' when none), or why the API could not say.
async function notReady(names) {
  const list = await call('GET', '/api/v1/nodes');
  const problem = check(list, 'listing nodes');
  if (problem) return problem;
  if (list.status !== 200 || !list.json) return 'the node list answered ' + list.status;
  const byName = new Map(list.json.items.map((item) => [item.metadata.name, item]));
  const missing = names.filter((n) => !byName.has(n));
  const down = names.filter((n) => byName.has(n) && !isReady(byName.get(n)));
  const parts = [];
  if (missing.length) parts.push('not registered: ' + missing.join(', '));
  if (down.length) parts.push('not Ready: ' + down.join(', '));
  // etcd of every other master serving: a master goes only while the others keep the quorum.
  const etcd = names.filter((n) => masters.includes(n));
  if (etcd.length && !parts.length) {
    const pods = await call('GET', '/api/v1/namespaces/kube-system/pods?labelSelector=' + encodeURIComponent('component=etcd'));
    const listed = check(pods, 'listing the etcd pods');
    if (listed) return listed;
    const ready = new Set(((pods.json && pods.json.items) || []).filter(isReady).map((p) => p.spec && p.spec.nodeName));
    const notServing = etcd.filter((n) => !ready.has(n));
    if (notServing.length) parts.push('etcd not Ready on: ' + notServing.join(', '));
  }
  return parts.join('; ');
}

async function waitReady(names, why) {
  const started = Date.now();
  let last = '';
  for (;;) {
    const state = await notReady(names);
    if (!state) return;
    if (state !== last) { say(Math.round((Date.now() - started) / 1000) + ' s: waiting for ' + why + ': ' + state); last = state; }
    if (Date.now() - started + intervalSeconds * 1000 > waitSeconds * 1000) {
      console.error('berth: TIMEOUT after ' + waitSeconds + ' s waiting for ' + why + ': ' + state + '.');
      console.error('berth: a replaced node that does not come back: see /var/log/cloud-init-output.log on it (openstack console log show <server>). Nothing more is replaced until every node is Ready; run cdktf deploy again to continue.');
      process.exit(1);
    }
    await sleep();
  }
}

// The growth token valid for two more hours, created again if Kubernetes' token cleaner removed it.
async function rearmToken() {
  const b64 = (text) => Buffer.from(text, 'utf8').toString('base64');
  const expiration = new Date(Date.now() + 2 * 3600 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  const path = '/api/v1/namespaces/kube-system/secrets/bootstrap-token-' + tokenId;
  const patched = await call('PATCH', path, { data: { expiration: b64(expiration) } }, 'application/merge-patch+json');
  const problem = check(patched, 're-arming the join token');
  if (problem) return say(problem + ': the replacement joins once the platform stack re-arms it');
  if (patched.status === 404) {
    const created = await call('POST', '/api/v1/namespaces/kube-system/secrets', {
      apiVersion: 'v1', kind: 'Secret', type: 'bootstrap.kubernetes.io/token',
      metadata: { name: 'bootstrap-token-' + tokenId, namespace: 'kube-system' },
      data: {
        'token-id': b64(tokenId), 'token-secret': b64(env.BERTH_TOKEN_SECRET), expiration: b64(expiration),
        'usage-bootstrap-authentication': b64('true'), 'usage-bootstrap-signing': b64('true'),
        'auth-extra-groups': b64(env.BERTH_TOKEN_GROUPS || ''),
        description: b64('Berth: nodes added after the first deploy join with this token'),
      },
    });
    return say('join token created again (' + created.status + '), valid until ' + expiration);
  }
  say('join token valid until ' + expiration + ' (' + patched.status + ')');
}

// Pods the drain must move: not DaemonSet-managed, not static (mirror), not finished.
function evictable(pod) {
  const owners = pod.metadata.ownerReferences || [];
  const annotations = pod.metadata.annotations || {};
  const phase = pod.status && pod.status.phase;
  return !owners.some((o) => o.kind === 'DaemonSet') && !annotations['kubernetes.io/config.mirror'] && phase !== 'Succeeded' && phase !== 'Failed';
}

async function drain() {
  const path = '/api/v1/nodes/' + node;
  const found = await call('GET', path);
  const problem = check(found, 'reading node ' + node);
  if (problem) { console.error('berth: ' + problem + ': not replacing ' + node + ' without draining it; run cdktf deploy again.'); process.exit(1); }
  if (found.status === 404) return say(node + ' is not registered: nothing to drain');
  const cordoned = await call('PATCH', path, { spec: { unschedulable: true } }, 'application/merge-patch+json');
  if (cordoned.status !== 200) { console.error('berth: cordoning ' + node + ' answered ' + (cordoned.status || cordoned.error)); process.exit(1); }
  say(node + ' cordoned; evicting its pods (PodDisruptionBudgets hold, ' + drainSeconds + ' s at most)');
  const started = Date.now();
  let last = '';
  for (;;) {
    const list = await call('GET', '/api/v1/pods?fieldSelector=' + encodeURIComponent('spec.nodeName=' + node));
    const listed = check(list, 'listing the pods of ' + node);
    const pods = !listed && list.status === 200 && list.json ? list.json.items.filter(evictable) : undefined;
    if (pods && pods.length === 0) break;
    const blocked = [];
    for (const pod of pods || []) {
      const ref = pod.metadata.namespace + '/' + pod.metadata.name;
      if (pod.metadata.deletionTimestamp) { blocked.push(ref + ' (terminating)'); continue; }
      const evicted = await call('POST', '/api/v1/namespaces/' + pod.metadata.namespace + '/pods/' + pod.metadata.name + '/eviction', {
        apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace },
      });
      check(evicted, 'evicting ' + ref);
      if (evicted.status === 429) blocked.push(ref + ' (its PodDisruptionBudget allows no disruption now)');
      else if (evicted.status !== 200 && evicted.status !== 201 && evicted.status !== 404) blocked.push(ref + ' (eviction answered ' + (evicted.status || evicted.error) + ')');
    }
    const state = pods ? blocked.join(', ') : listed || 'the pod list answered ' + list.status;
    if (state && state !== last) { say(Math.round((Date.now() - started) / 1000) + ' s: still on ' + node + ': ' + state); last = state; }
    if (Date.now() - started + intervalSeconds * 1000 > drainSeconds * 1000) {
      console.error('berth: TIMEOUT: ' + node + ' was not drained within ' + drainSeconds + ' s: ' + (state || 'pods still terminating') + '.');
      console.error('berth: the server is not replaced; ' + node + ' stays cordoned. Give the blocked apps room (another replica, a looser PodDisruptionBudget), then run cdktf deploy again; kubectl uncordon ' + node + ' to give up.');
      process.exit(1);
    }
    await sleep();
  }
  if (controlPlane) await leaveControlPlane();
  const removed = await call('DELETE', path);
  if (removed.status !== 200 && removed.status !== 404) { console.error('berth: deleting node ' + node + ' answered ' + (removed.status || removed.error)); process.exit(1); }
  say(node + ' drained and removed from the cluster: its server is replaced now');
}

// From another master (its API server and kubelet stay up): upload the control-plane certificates for
// the replacement, then remove the leaving master's etcd member with the etcdctl of the running etcd.
async function leaveControlPlane() {
  const peer = masters.find((m) => m !== node);
  if (!peer) { console.error('berth: ' + node + ' is the only master: it cannot be replaced without rebuilding the cluster'); process.exit(1); }
  const name = 'berth-leave-' + node;
  const secretPath = '/api/v1/namespaces/kube-system/secrets/' + name;
  const podPath = '/api/v1/namespaces/kube-system/pods/' + name;
  await call('DELETE', podPath);
  await call('DELETE', secretPath);
  const secret = await call('POST', '/api/v1/namespaces/kube-system/secrets', {
    apiVersion: 'v1', kind: 'Secret', metadata: { name: name, namespace: 'kube-system' },
    data: { 'certificate-key': Buffer.from(env.BERTH_CERTIFICATE_KEY, 'utf8').toString('base64') },
  });
  if (secret.status !== 201) { console.error('berth: creating Secret kube-system/' + name + ' answered ' + (secret.status || secret.error)); process.exit(1); }
  const steps = [
    'set -euo pipefail',
    'kubeadm init phase upload-certs --upload-certs --certificate-key "$BERTH_CERTIFICATE_KEY" --kubeconfig /etc/kubernetes/admin.conf',
    'etcd="$(crictl ps --name etcd --state running -q | head -n 1)"',
    'ectl() { crictl exec "$etcd" etcdctl --endpoints=https://127.0.0.1:${CLUSTER_PORTS.etcd.from} --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/healthcheck-client.crt --key=/etc/kubernetes/pki/etcd/healthcheck-client.key "$@"; }',
    'id="$(ectl member list | awk -F", " -v n="$BERTH_NODE" \'$3 == n { print $1 }\')"',
    'if [ -n "$id" ]; then ectl member remove "$id"; else echo "no etcd member $BERTH_NODE"; fi',
  ].join('\n');
  const pod = await call('POST', '/api/v1/namespaces/kube-system/pods', {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: name, namespace: 'kube-system', labels: { '${MANAGED_BY[0]}': '${MANAGED_BY[1]}' } },
    spec: {
      nodeName: peer, restartPolicy: 'Never', hostNetwork: true, hostPID: true, tolerations: [{ operator: 'Exists' }],
      containers: [{
        name: 'leave', image: env.BERTH_TOOLS_IMAGE, securityContext: { privileged: true },
        env: [{ name: 'BERTH_NODE', value: node }, { name: 'BERTH_STEPS', value: steps }],
        command: ['/bin/sh', '-c', 'export BERTH_CERTIFICATE_KEY="$(cat /berth/certificate-key)"; exec chroot /host /bin/bash -c "$BERTH_STEPS"'],
        volumeMounts: [{ name: 'host', mountPath: '/host' }, { name: 'key', mountPath: '/berth', readOnly: true }],
      }],
      volumes: [{ name: 'host', hostPath: { path: '/', type: 'Directory' } }, { name: 'key', secret: { secretName: name, defaultMode: 256 } }],
    },
  });
  if (pod.status !== 201) { console.error('berth: creating pod kube-system/' + name + ' answered ' + (pod.status || pod.error)); process.exit(1); }
  say(node + ': uploading the control-plane certificates and removing its etcd member, from ' + peer);
  const started = Date.now();
  for (;;) {
    await sleep();
    const seen = await call('GET', podPath);
    const phase = seen.json && seen.json.status && seen.json.status.phase;
    if (phase === 'Succeeded') break;
    if (phase === 'Failed' || Date.now() - started > waitSeconds * 1000) {
      const log = await new Promise((resolve) => {
        const request = https.request({ host: api.hostname, port: api.port || 443, path: podPath + '/log?tailLines=20', method: 'GET', ca: env.BERTH_CA_PEM, cert: env.BERTH_CLIENT_CERT_PEM, key: env.BERTH_CLIENT_KEY_PEM, timeout: 15000 },
          (response) => { let text = ''; response.setEncoding('utf8'); response.on('data', (c) => { text += c; }); response.on('end', () => resolve(text)); });
        request.on('error', () => resolve('(no log)'));
        request.end();
      });
      console.error('berth: ' + node + ' could not leave the control plane (pod kube-system/' + name + ' on ' + peer + ' ' + (phase || 'not done') + '): ' + String(log).trim());
      console.error('berth: its server is not replaced; the node stays cordoned. Fix the cause, then run cdktf deploy again.');
      process.exit(1);
    }
  }
  await call('DELETE', podPath);
  await call('DELETE', secretPath);
  say(node + ' left the control plane: certificates uploaded for its replacement, etcd member removed');
}

(async () => {
  if (mode === 'drain') {
    await waitReady(nodes.filter((n) => n !== node), 'every other node before replacing ' + node);
    await rearmToken();
    await drain();
    return;
  }
  const list = await call('GET', '/api/v1/nodes');
  const problem = check(list, 'listing nodes');
  if (!problem && list.status === 200 && list.json && !list.json.items.some(isReady)) return say('no node is Ready yet (a new cluster): nothing to wait for');
  await rearmToken();
  await waitReady(nodes, 'every node after replacing servers');
  say('every node is Ready');
})();
`;
