/**
 * The program Terraform runs on the deployer's machine (local-exec, `node -e`) to wait, within a bound, for
 * a cluster: until its API answers `/readyz` with `ok` and it lists the expected number of nodes,
 * registered or Ready. Node is what the deployer already runs `cdktf` with, so it needs no curl, jq or
 * kubectl and works on any OS. It reads everything from the environment (below); secrets come only from
 * there, never from the command line, which Terraform prints on failure.
 *
 * It prints one line whenever what it sees changes, and on timeout a message that says what it last saw
 * and what usually causes it; Terraform shows that output in the error (it suppresses the live output
 * because the environment holds a private key). Exit status 0: ready; 1: timed out; 2: bad parameters.
 *
 * Plain ES2020 without template literals: Terraform interpolates `${` and `%{` in every string.
 */
export const CLUSTER_READINESS_SCRIPT = String.raw`'use strict';
const https = require('https');
const env = process.env;
const fail = (message) => { console.error('berth: ' + message); process.exit(2); };
let api;
try { api = new URL(env.BERTH_API_URL || ''); } catch (e) { fail('BERTH_API_URL must be the API URL, e.g. https://203.0.113.10:6443'); }
const expected = Number(env.BERTH_EXPECTED_NODES);
const mustBe = env.BERTH_NODES_MUST_BE;
const timeoutSeconds = Number(env.BERTH_TIMEOUT_SECONDS);
const intervalSeconds = Number(env.BERTH_INTERVAL_SECONDS || '10');
if (!Number.isInteger(expected) || expected < 1) fail('BERTH_EXPECTED_NODES must be a whole number of nodes');
if (mustBe !== 'registered' && mustBe !== 'ready') fail('BERTH_NODES_MUST_BE must be registered or ready');
if (!(timeoutSeconds > 0) || !(intervalSeconds > 0)) fail('BERTH_TIMEOUT_SECONDS and BERTH_INTERVAL_SECONDS must be positive');
for (const name of ['BERTH_CA_PEM', 'BERTH_CLIENT_CERT_PEM', 'BERTH_CLIENT_KEY_PEM']) {
  if (!env[name]) fail(name + ' must hold a PEM');
}
const goal = expected + ' node' + (expected === 1 ? '' : 's') + ' ' + (mustBe === 'ready' ? 'Ready' : 'registered');

function get(path) {
  return new Promise((resolve) => {
    const request = https.request({
      host: api.hostname, port: api.port || 443, path: path, method: 'GET',
      ca: env.BERTH_CA_PEM, cert: env.BERTH_CLIENT_CERT_PEM, key: env.BERTH_CLIENT_KEY_PEM,
      headers: { Accept: 'application/json' }, timeout: 10000,
    }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => { if (body.length < 4194304) body += chunk; });
      response.on('end', () => resolve({ status: response.statusCode, body: body }));
    });
    request.on('timeout', () => request.destroy(Object.assign(new Error('no answer within 10 s'), { code: 'TIMEOUT' })));
    request.on('error', (error) => resolve({ error: error.code || error.message }));
    request.end();
  });
}

// Node's TLS verification errors: something answers, but not our API with a certificate for this address.
const TLS_ERRORS = /^(ERR_TLS_|UNABLE_TO_|CERT_|DEPTH_ZERO|SELF_SIGNED|ERR_SSL_)/;
const unreachable = (error) => ({ state: 'API unreachable (' + error + ')', hint: TLS_ERRORS.test(error) ? 'tls' : 'network' });

function isReady(node) {
  const conditions = (node.status && node.status.conditions) || [];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

// One look at the cluster: { done, state, hint }.
async function look() {
  const readyz = await get('/readyz');
  if (readyz.error) return unreachable(readyz.error);
  if (readyz.status !== 200) return { state: 'API not ready (/readyz answered ' + readyz.status + ')', hint: 'starting' };
  const list = await get('/api/v1/nodes');
  if (list.error) return unreachable(list.error);
  if (list.status === 401 || list.status === 403) return { state: 'node list refused (' + list.status + ')', hint: 'identity' };
  if (list.status !== 200) return { state: 'node list answered ' + list.status, hint: 'starting' };
  let nodes;
  try { nodes = JSON.parse(list.body).items || []; } catch (e) { return { state: 'node list unreadable', hint: 'starting' }; }
  const ready = nodes.filter(isReady).length;
  const counted = mustBe === 'ready' ? ready : nodes.length;
  const state = 'API ready; nodes registered ' + nodes.length + ', Ready ' + ready + ' of ' + expected;
  return { done: counted >= expected, state: state, hint: mustBe === 'ready' ? 'not-ready' : 'joining' };
}

const HINTS = {
  network: 'This machine cannot reach the API. cloud.adminCidrs must include the address this machine connects from (the API load balancer admits only those networks), and the API floating IP must be routable from here.',
  tls: 'Something answers at this address, but not with a certificate of the cluster CA for it: check that the address is the API floating IP of this cluster.',
  starting: 'The API server is not serving yet: the first master is still installing or initialising. See /var/log/cloud-init-output.log on it.',
  identity: 'The API refuses the deployer certificate: the first master grants it after kubeadm init. See /var/log/cloud-init-output.log on the first master.',
  joining: 'Not every node has joined yet: see /var/log/cloud-init-output.log on the missing ones (openstack server list shows them).',
  'not-ready': 'Nodes are registered but not Ready: usually the pod network (flannel) is not running on them; kubectl describe node shows why.',
};

(async () => {
  const started = Date.now();
  let last = '';
  let seen = { state: 'nothing yet', hint: 'network' };
  console.log('berth: waiting up to ' + timeoutSeconds + ' s for ' + api.origin + ' to be ready with ' + goal);
  for (;;) {
    seen = await look();
    if (seen.state !== last) { console.log('berth: ' + Math.round((Date.now() - started) / 1000) + ' s: ' + seen.state); last = seen.state; }
    if (seen.done) { console.log('berth: ready: ' + seen.state); return; }
    if (Date.now() - started + intervalSeconds * 1000 > timeoutSeconds * 1000) break;
    await new Promise((resolve) => setTimeout(resolve, intervalSeconds * 1000));
  }
  console.error('berth: TIMEOUT: the cluster at ' + api.origin + ' was not ready with ' + goal + ' within ' + timeoutSeconds + ' s.');
  console.error('berth: last seen: ' + seen.state + '.');
  console.error('berth: ' + HINTS[seen.hint]);
  console.error('berth: run cdktf deploy again to wait again; nothing else is changed by this step.');
  process.exit(1);
})();
`;
