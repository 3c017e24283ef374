import { DEPLOYERS_BINDING_FILE } from '../../../constructs/cluster/cluster-deployers';
import { spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  BOOTSTRAP_DONE_MARKER,
  BOOTSTRAP_ENV_FILE,
  KUBEADM_CONFIG,
  JOIN_TOKENS_FILE,
  KUBEADM_CONFIG_TEMPLATE,
  KUBEADM_SCRIPT,
  KUBEADM_REJOIN_TEMPLATE,
  PREPARE_NODE_SCRIPT,
  renderBootstrapEnvironment,
} from '../../../constructs/cluster/node-bootstrap-environment';
import {
  KubeadmAction,
  bootstrapCommand,
  kubeadmScript,
} from '../../../constructs/cluster/node-kubeadm-script';
import { NodeRuntimeValue } from '../../../constructs/cluster/kubeadm-api';
import {
  EXPIRING_WAIT_LIMIT,
  ENV,
  FORMATION_TOKEN,
  GROWTH_TOKEN,
  REJOIN,
  bash,
  runStandIn,
} from '../../support/node-script-samples';
import { withTool } from '../../support/real-tool';

const withOpenssl = withTool('openssl');

describe('kubeadmScript', () => {
  test('the first master initialises once, with the CA in place and the certificates uploaded', () => {
    const script = kubeadmScript(KubeadmAction.INIT, REJOIN);
    expect(script).toMatch(/if \[ -f \/etc\/kubernetes\/admin\.conf \]; then\n.*\n {2}exit 0\n/);
    expect(script).toContain('kubeadm init --config "$config" --upload-certs');
  });

  test('the first master cannot be rendered without its rejoin files', () => {
    expect(() => kubeadmScript(KubeadmAction.INIT)).toThrow('rejoin files');
  });

  describe('run with stand-in commands', () => {
    /**
     * Runs a kubeadm script in a scratch root: absolute paths are moved under it, and curl, kubeadm,
     * kubectl, openssl and sleep are stand-ins that record their arguments. curl answers as told; asked for
     * cluster-info, it lists a JWS signature for each token ID in `validTokenIds`.
     */
    function runScript(
      action: KubeadmAction,
      options: { apiAnswers: boolean; validTokenIds?: readonly string[]; kubeadmFails?: boolean },
    ): { status: number | null; calls: string[]; root: string; stdout: string } {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-init-'));
      const bin = path.join(root, 'bin');
      fs.mkdirSync(bin);
      const calls = path.join(root, 'calls');
      const stub = (name: string, body: string) =>
        fs.writeFileSync(path.join(bin, name), `#!/bin/bash\necho "${name} $*" >>${calls}\n${body}\n`, {
          mode: 0o755,
        });
      const signatures = (options.validTokenIds ?? []).map((id) => `"jws-kubeconfig-${id}":"sig"`).join(',');
      // The kubelet's health endpoint and this node's own API (once kubeadm ran) answer: a healthy node.
      stub(
        'curl',
        `case "$*" in *cluster-info*) echo '{"data":{${signatures}}}';; esac
case "$*" in *127.0.0.1:10248*) exit 0;; *10.0.0.10:6443*) [ -f ${root}/joined ] && exit 0;; esac
exit ${options.apiAnswers ? 0 : 7}`,
      );
      // kubeadm keeps a copy of the configuration it was given (the script removes the original afterwards).
      stub(
        'kubeadm',
        `[ "$1" = version ] && echo v1.35.0 && exit 0; [ "$2" = --config ] && cp "$3" ${root}/used-config; [ -n "${options.kubeadmFails ? 'fail' : ''}" ] && exit 1; case "$1" in init|join) touch ${root}/joined;; esac; exit 0`,
      );
      stub('hostname', 'echo 10.0.0.10');
      stub('openssl', 'cat >/dev/null; echo key');
      stub('sleep', 'exit 0');
      stub('kubectl', 'exit 0');
      const move = (text: string) => text.replace(/(^|[\s=:"'])\/(etc|var)\//gm, `$1${root}/$2/`);
      const env = move(
        renderBootstrapEnvironment({
          ...ENV,
          BERTH_ROLE: action === KubeadmAction.INIT ? 'init-master' : 'minion',
          BERTH_CLUSTER_CA_FILE: '/etc/kubernetes/pki/ca.crt',
          // A single master here: the several-master decisions are tested below.
          BERTH_MASTER_ADDRESSES: action === KubeadmAction.INIT ? '10.0.0.10' : '',
        }),
      );
      const contents: Record<string, string> = {
        [BOOTSTRAP_ENV_FILE]: env,
        [JOIN_TOKENS_FILE]: `${FORMATION_TOKEN}\n${GROWTH_TOKEN}\n`,
        [KUBEADM_CONFIG_TEMPLATE]: `${KUBEADM_CONFIG_TEMPLATE}\ntoken: ${NodeRuntimeValue.JOIN_TOKEN}\n`,
        [KUBEADM_REJOIN_TEMPLATE]: `${KUBEADM_REJOIN_TEMPLATE}\ntoken: ${NodeRuntimeValue.JOIN_TOKEN}\n`,
      };
      const script = action === KubeadmAction.INIT ? kubeadmScript(action, REJOIN) : kubeadmScript(action);
      const run = runStandIn({
        root,
        bin,
        calls,
        files: [...Object.keys(contents), ...REJOIN.initCaFiles, REJOIN.caCertificate],
        contents,
        script: move(script),
        timeout: 60_000,
      });
      return { status: run.status, calls: run.calls, root, stdout: run.stdout };
    }
    const runInit = (apiAnswers: boolean) =>
      runScript(KubeadmAction.INIT, { apiAnswers, validTokenIds: apiAnswers ? ['grow42'] : [] });

    const joinSecrets = [KUBEADM_CONFIG, KUBEADM_CONFIG_TEMPLATE, KUBEADM_REJOIN_TEMPLATE, JOIN_TOKENS_FILE];

    test.each([
      ['initialising', KubeadmAction.INIT, false],
      ['joining', KubeadmAction.JOIN_WORKER, true],
    ])('after %s, the node keeps no join token and no kubeadm configuration', (_, action, apiAnswers) => {
      const run = runScript(action, { apiAnswers, validTokenIds: ['grow42'] });
      expect(run.status).toBe(0);
      for (const file of joinSecrets) expect([file, fs.existsSync(run.root + file)]).toEqual([file, false]);
    });

    test('a failed join keeps them for the next attempt', () => {
      const run = runScript(KubeadmAction.JOIN_WORKER, {
        apiAnswers: true,
        validTokenIds: ['grow42'],
        kubeadmFails: true,
      });
      expect(run.status).not.toBe(0);
      expect(fs.existsSync(run.root + JOIN_TOKENS_FILE)).toBe(true);
    });

    test('a single master (nobody else can hold the cluster) initialises, then binds the deployers once', () => {
      const run = runInit(false);
      expect(run.status).toBe(0);
      expectInitialised(run.root, run.calls);
    });

    test.each([
      ['the formation token during the first deploy', ['k8sabc', 'grow42'], FORMATION_TOKEN],
      ['the growth token once the formation token expired', ['grow42'], GROWTH_TOKEN],
    ])('a joining node uses %s', (_, valid, expected) => {
      const run = runScript(KubeadmAction.JOIN_WORKER, { apiAnswers: true, validTokenIds: valid });
      expect(run.status).toBe(0);
      expect(run.calls).toEqual([`kubeadm join --config ${run.root}${KUBEADM_CONFIG}`]);
      expect(fs.readFileSync(`${run.root}/used-config`, 'utf8')).toContain(`token: ${expected}\n`);
      expect(run.stdout).toContain(`joining with token ${expected.split('.')[0]}`);
    });
  });

  describe('masters, run with stand-in commands', () => {
    /** What a stand-in `curl` finds at `host:port`. */
    type Port = 'api' | 'open' | 'refused' | 'silent';
    const MASTERS = ['10.0.0.10', '10.0.0.11', '10.0.0.12'];

    /**
     * Runs a master's kubeadm script in a scratch root: absolute paths are moved under it; curl, kubeadm,
     * kubectl, openssl, hostname and sleep are stand-ins that record their arguments. curl answers from a
     * table of `host:port` states (unlisted: silent); the node's own API answers once kubeadm init or join
     * ran; the kubelet's health endpoint answers unless `unhealthy`.
     */
    function runMaster(options: {
      action: KubeadmAction;
      own: string;
      ports: Record<string, Port>;
      masters?: string[];
      unhealthy?: boolean;
      /** @default DECIDING_WAIT_LIMIT (node-script-samples) */
      waitLimit?: number;
    }): { status: number | null; kubeadm: string[]; root: string; stderr: string } {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-master-'));
      const bin = path.join(root, 'bin');
      fs.mkdirSync(bin);
      const calls = path.join(root, 'calls');
      const stub = (name: string, body: string) =>
        fs.writeFileSync(path.join(bin, name), `#!/bin/bash\necho "${name} $*" >>${calls}\n${body}\n`, {
          mode: 0o755,
        });
      fs.writeFileSync(
        path.join(root, 'ports'),
        Object.entries(options.ports)
          .map(([hostPort, state]) => `${hostPort} ${state}\n`)
          .join(''),
      );
      stub(
        'curl',
        `case "$*" in *cluster-info*) echo '{"data":{"jws-kubeconfig-grow42":"sig"}}';; esac
url="\${*: -1}"; hostport="\${url#*://}"; hostport="\${hostport%%/*}"
if [ "$hostport" = 127.0.0.1:10248 ]; then exit ${options.unhealthy ? 7 : 0}; fi
state="$(awk -v k="$hostport" '$1 == k { print $2 }' ${root}/ports)"
if [ "$hostport" = "${options.own}:6443" ] && [ -f ${root}/joined ]; then state=api; fi
case "\${state:-silent}" in
  api) exit 0 ;;
  open) case " $* " in *" --cacert "*) echo "curl: (60) SSL certificate problem" >&2; exit 60 ;; *) exit 0 ;; esac ;;
  refused) echo "curl: (7) Failed to connect to \${hostport%:*} port \${hostport#*:} after 0 ms: Connection refused" >&2; exit 7 ;;
  *) echo "curl: (28) Connection timed out after 5001 milliseconds" >&2; exit 28 ;;
esac`,
      );
      stub(
        'kubeadm',
        `case "$1" in version) echo v1.35.0 ;; init|join) touch ${root}/joined; cp "$3" ${root}/used-config ;; esac; exit 0`,
      );
      stub('kubectl', 'exit 0');
      stub('openssl', 'cat >/dev/null; echo key');
      stub('hostname', `echo "${options.own} 172.17.0.1"`);
      // A short real pause: a wait that runs out (EXPIRING_WAIT_LIMIT) asks about 40 times, not 200.
      stub('sleep', 'exec /bin/sleep 0.05');
      const move = (text: string) => text.replace(/(^|[\s=:"'])\/(etc|var)\//gm, `$1${root}/$2/`);
      const first = options.action === KubeadmAction.INIT;
      const env = move(
        renderBootstrapEnvironment({
          ...ENV,
          BERTH_ROLE: first ? 'init-master' : 'join-master',
          BERTH_CLUSTER_CA_FILE: first ? '/etc/kubernetes/pki/ca.crt' : REJOIN.caCertificate,
          BERTH_MASTER_ADDRESSES: (options.masters ?? MASTERS).join(' '),
        }),
      );
      const contents: Record<string, string> = {
        [BOOTSTRAP_ENV_FILE]: env,
        [JOIN_TOKENS_FILE]: `${FORMATION_TOKEN}\n${GROWTH_TOKEN}\n`,
      };
      const run = runStandIn({
        root,
        bin,
        calls,
        files: [
          BOOTSTRAP_ENV_FILE,
          JOIN_TOKENS_FILE,
          KUBEADM_CONFIG_TEMPLATE,
          KUBEADM_REJOIN_TEMPLATE,
          ...REJOIN.initCaFiles,
          REJOIN.caCertificate,
        ],
        contents,
        script: move(kubeadmScript(options.action, REJOIN)),
        timeout: 60_000,
        waitLimit: options.waitLimit,
      });
      return { status: run.status, kubeadm: run.calls, root, stderr: run.stdout + run.stderr };
    }

    /** Every port of a master in one state. */
    const all = (address: string, state: Port): Record<string, Port> =>
      Object.fromEntries(['6443', '2379', '10250'].map((port) => [`${address}:${port}`, state]));
    const LB = '10.0.0.5:6443';

    test('a new HA cluster: the other masters are up and have never joined, so the first one initialises', () => {
      const run = runMaster({
        action: KubeadmAction.INIT,
        own: '10.0.0.10',
        ports: { ...all('10.0.0.11', 'refused'), ...all('10.0.0.12', 'refused') },
      });
      expect(run.stderr).toContain('every other master is up and has never joined (look 3 of 3)');
      expect(run.status).toBe(0);
      expectInitialised(run.root, run.kubeadm);
    });

    test.each<[string, Record<string, Port>]>([
      ['another master serves the API', { ...all('10.0.0.11', 'api'), ...all('10.0.0.12', 'silent') }],
      ['another master runs only its kubelet', { ...all('10.0.0.11', 'refused'), '10.0.0.12:10250': 'open' }],
    ])('rebuilt while %s: it joins them and never initialises', (_, ports) => {
      const run = runMaster({
        action: KubeadmAction.INIT,
        own: '10.0.0.10',
        ports: { ...ports, [LB]: 'api' },
      });
      expect(run.status).toBe(0);
      expect(run.kubeadm).toEqual([`kubeadm join --config ${run.root}${KUBEADM_CONFIG}`]);
      for (const file of REJOIN.initCaFiles) expect(fs.existsSync(run.root + file)).toBe(false);
      // The configuration used is the rejoin template's (each stand-in file holds its own path); it is
      // gone afterwards, with the join tokens.
      expect(fs.readFileSync(`${run.root}/used-config`, 'utf8')).toBe(`${KUBEADM_REJOIN_TEMPLATE}\n`);
      expect(fs.existsSync(run.root + JOIN_TOKENS_FILE)).toBe(false);
    });

    test('a master that does not answer at all (down, booting) is never taken as "no cluster": no init, a bounded wait', () => {
      const run = runMaster({
        action: KubeadmAction.INIT,
        own: '10.0.0.10',
        ports: { ...all('10.0.0.11', 'refused'), ...all('10.0.0.12', 'silent'), [LB]: 'api' },
        waitLimit: EXPIRING_WAIT_LIMIT,
      });
      expect(run.status).not.toBe(0);
      expect(run.kubeadm).toEqual([]);
      expect(run.stderr).toContain(
        `could not tell within ${EXPIRING_WAIT_LIMIT} s whether the cluster exists (no answer from 10.0.0.12)`,
      );
      expect(fs.existsSync(run.root + BOOTSTRAP_DONE_MARKER)).toBe(false);
    });

    test('a single master has nobody to ask: it initialises', () => {
      const run = runMaster({
        action: KubeadmAction.INIT,
        own: '10.0.0.10',
        masters: ['10.0.0.10'],
        ports: {},
      });
      expect(run.status).toBe(0);
      expect(run.kubeadm).toContain(`kubeadm init --config ${run.root}${KUBEADM_CONFIG} --upload-certs`);
    });

    test('completion is marked only once the node is healthy', () => {
      const run = runMaster({
        action: KubeadmAction.INIT,
        own: '10.0.0.10',
        masters: ['10.0.0.10'],
        ports: {},
        unhealthy: true,
        waitLimit: EXPIRING_WAIT_LIMIT,
      });
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain(
        `the node did not become healthy within ${EXPIRING_WAIT_LIMIT} s (kubelet, API server at 10.0.0.10)`,
      );
      expect(fs.existsSync(run.root + BOOTSTRAP_DONE_MARKER)).toBe(false);
    });

    test('masters 2..n join one at a time: the third waits for the second', () => {
      const waiting = runMaster({
        action: KubeadmAction.JOIN_CONTROL_PLANE,
        own: '10.0.0.12',
        ports: { [LB]: 'api', ...all('10.0.0.10', 'api'), ...all('10.0.0.11', 'refused') },
        waitLimit: EXPIRING_WAIT_LIMIT,
      });
      expect(waiting.status).not.toBe(0);
      expect(waiting.kubeadm).toEqual([]);
      expect(waiting.stderr).toContain(
        `master 10.0.0.11 did not serve the API within ${EXPIRING_WAIT_LIMIT} s: not joining`,
      );
      const next = runMaster({
        action: KubeadmAction.JOIN_CONTROL_PLANE,
        own: '10.0.0.12',
        ports: { [LB]: 'api', ...all('10.0.0.10', 'api'), ...all('10.0.0.11', 'api') },
      });
      expect(next.status).toBe(0);
      expect(next.kubeadm).toEqual([`kubeadm join --config ${next.root}${KUBEADM_CONFIG}`]);
      // The second master waits only for the first.
      const second = runMaster({
        action: KubeadmAction.JOIN_CONTROL_PLANE,
        own: '10.0.0.11',
        ports: { [LB]: 'api', ...all('10.0.0.10', 'api'), ...all('10.0.0.12', 'silent') },
      });
      expect(second.status).toBe(0);
    });
  });

  test.each([KubeadmAction.JOIN_CONTROL_PLANE, KubeadmAction.JOIN_WORKER])(
    '%s joins once, after the API answers, retrying a failed join after a reset',
    (action) => {
      const script = kubeadmScript(action);
      expect(script).toMatch(/if \[ -f \/etc\/kubernetes\/kubelet\.conf \]; then\n.*\n {2}exit 0\n/);
      expect(script).toContain('--cacert "$BERTH_CLUSTER_CA_FILE" "https://$BERTH_API_ENDPOINT/readyz"');
      expect(script).toContain('if kubeadm join --config "$config"; then');
      expect(script).toContain('kubeadm reset --force');
      expect(script).not.toContain('kubeadm init');
      // --control-plane comes from the JoinConfiguration (controlPlane.certificateKey), not a flag.
      expect(script).not.toContain('--control-plane');
    },
  );

  test('only masters prepare the audit log directory, owner-only', () => {
    expect(kubeadmScript(KubeadmAction.INIT, REJOIN)).toContain(
      'install -d -m 0700 /var/log/kubernetes/audit',
    );
    expect(kubeadmScript(KubeadmAction.JOIN_CONTROL_PLANE)).toContain(
      'install -d -m 0700 /var/log/kubernetes/audit',
    );
    expect(kubeadmScript(KubeadmAction.JOIN_WORKER)).not.toContain('/var/log/kubernetes/audit');
  });

  test('the kubeadm configuration gets the node values substituted into a 0600 file', () => {
    const script = kubeadmScript(KubeadmAction.JOIN_WORKER);
    expect(script).toContain(`readonly template=${KUBEADM_CONFIG_TEMPLATE}`);
    expect(script).toContain(`readonly config=${KUBEADM_CONFIG}`);
    expect(script).toContain(`s|${NodeRuntimeValue.KUBERNETES_VERSION}|$version|g`);
    expect(script).toContain(`s|${NodeRuntimeValue.CA_PUBLIC_KEY_SHA256}|$hash|g`);
    expect(script).toContain('umask 077');
  });

  withOpenssl('the CA pin the script computes is the SHA-256 of the public key kubeadm expects', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-ca-'));
    const cert = path.join(dir, 'ca.crt');
    const generated = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        path.join(dir, 'ca.key'),
        '-subj',
        '/CN=berth-test-ca',
      ],
      { encoding: 'utf8', env: { ...process.env, HOME: dir }, cwd: dir, input: '' },
    );
    expect(generated.status).toBe(0);
    fs.writeFileSync(cert, generated.stdout);
    const script = kubeadmScript(KubeadmAction.JOIN_WORKER);
    const fn = /ca_public_key_sha256\(\) \{[\s\S]*?\n\}\n/.exec(script)![0];
    const pin = bash(`${fn}\nca_public_key_sha256`, { BERTH_CLUSTER_CA_FILE: cert }).trim();
    const spki = new crypto.X509Certificate(generated.stdout).publicKey.export({
      type: 'spki',
      format: 'der',
    });
    expect(pin).toBe(crypto.createHash('sha256').update(spki).digest('hex'));
  });

  test('cloud-init runs preparation, then kubeadm, stopping at the first failure', () => {
    expect(bootstrapCommand()).toBe(`${PREPARE_NODE_SCRIPT} && ${KUBEADM_SCRIPT}`);
  });
});

/**
 * A master initialised the cluster: images pulled, `kubeadm init`, then the deployers' binding, once,
 * right after init (Terraform's certificates are useless before); the CA key kept, bootstrap marked done.
 */
function expectInitialised(root: string, calls: readonly string[]): void {
  expect(calls).toEqual([
    `kubeadm config images pull --config ${root}${KUBEADM_CONFIG}`,
    `kubeadm init --config ${root}${KUBEADM_CONFIG} --upload-certs`,
    `kubectl --kubeconfig ${root}/etc/kubernetes/admin.conf apply -f ${root}${DEPLOYERS_BINDING_FILE}`,
  ]);
  expect(fs.existsSync(root + REJOIN.initCaFiles[1])).toBe(true);
  expect(fs.existsSync(root + BOOTSTRAP_DONE_MARKER)).toBe(true);
}
