import { execFile, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import { TimeSpan } from '../../../config';
import { CLUSTER_READINESS_SCRIPT } from '../../../constructs/cluster/cluster-readiness-script';
import { ClusterReadiness, NodeReadiness } from '../../../constructs/cluster/cluster-readiness';
import {
  Certificates,
  listenLoopbackTls,
  loopbackCertificates as certificates,
  runApiProgram,
} from '../../support/loopback-tls';
import { withTool } from '../../support/real-tool';

type Json = Record<string, Record<string, Record<string, Record<string, unknown>>>>;

function synth(expectedNodes = 3, nodesMustBe = NodeReadiness.REGISTERED): Record<string, unknown> {
  const json = JSON.parse(
    Testing.synthScope((scope) => {
      new ClusterReadiness(scope, 'api-ready', {
        apiServerUrl: 'https://203.0.113.10:6443',
        caCertificatePem: '${tls_self_signed_cert.ca.cert_pem}',
        clientCertificatePem: '${tls_locally_signed_cert.deployer.cert_pem}',
        clientKeyPem: '${tls_private_key.deployer.private_key_pem}',
        expectedNodes,
        nodesMustBe,
        timeout: TimeSpan.seconds(1800),
      });
    }),
  ) as Json;
  return json.resource.terraform_data['api-ready'];
}

describe('ClusterReadiness (synthesized)', () => {
  test('a terraform_data step that runs the wait with node, secrets only in its environment', () => {
    const step = synth();
    expect(step.triggers_replace).toEqual({
      api_server_url: 'https://203.0.113.10:6443',
      expected_nodes: '3',
      nodes_must_be: 'registered',
    });
    expect(step.input).toBe('https://203.0.113.10:6443');
    expect(step.provisioner).toEqual([
      {
        'local-exec': {
          interpreter: ['node', '-e'],
          command: CLUSTER_READINESS_SCRIPT,
          environment: {
            BERTH_API_URL: 'https://203.0.113.10:6443',
            BERTH_CA_PEM: '${tls_self_signed_cert.ca.cert_pem}',
            BERTH_CLIENT_CERT_PEM: '${tls_locally_signed_cert.deployer.cert_pem}',
            BERTH_CLIENT_KEY_PEM: '${tls_private_key.deployer.private_key_pem}',
            BERTH_EXPECTED_NODES: '3',
            BERTH_NODES_MUST_BE: 'registered',
            BERTH_TIMEOUT_SECONDS: '1800',
            BERTH_INTERVAL_SECONDS: '10',
          },
        },
      },
    ]);
  });

  test('the script is plain text to Terraform: no ${ or %{ for it to interpolate', () => {
    expect(CLUSTER_READINESS_SCRIPT).not.toMatch(/\$\{|%\{/);
  });

  test('the script is valid JavaScript for node', () => {
    const checked = spawnSync(process.execPath, ['--check', '-'], { input: CLUSTER_READINESS_SCRIPT });
    expect(checked.stderr.toString()).toBe('');
    expect(checked.status).toBe(0);
  });

  test('a changed node count waits again (new trigger)', () => {
    expect(synth(4).triggers_replace).toMatchObject({ expected_nodes: '4' });
  });

  test('refuses an impossible node count', () => {
    expect(() => synth(0)).toThrow('expectedNodes must be a whole number of nodes, got 0');
  });
});

interface Answer {
  readonly readyz: number;
  readonly nodes?: { readonly ready: boolean }[];
  readonly nodesStatus?: number;
}

/**
 * A stand-in for the API server on loopback: TLS with client certificates of the cluster CA, `/readyz`
 * and `/api/v1/nodes` answered from a script of answers (the last one repeats). It stands in for what
 * kube-apiserver answers; it does not pretend to be one.
 */
async function standInApi(
  certs: Certificates,
  answers: Answer[],
  serverCert: { cert: string; key: string } = certs.server,
): Promise<{ url: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  let looks = 0;
  const server = await listenLoopbackTls(
    certs,
    (req, res) => {
      requests.push(req.url ?? '');
      const answer = answers[Math.min(looks, answers.length - 1)];
      if (req.url === '/readyz') {
        if (answer.readyz !== 200) looks++;
        res.writeHead(answer.readyz).end(answer.readyz === 200 ? 'ok' : 'not ready');
        return;
      }
      looks++;
      const items = (answer.nodes ?? []).map((n, i) => ({
        metadata: { name: `node-${i + 1}` },
        status: { conditions: [{ type: 'Ready', status: n.ready ? 'True' : 'False' }] },
      }));
      res.writeHead(answer.nodesStatus ?? 200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ kind: 'NodeList', items }));
    },
    serverCert,
  );
  return { ...server, requests };
}

/** Runs the script as Terraform would (node -e), with fast polling and a short bound. */
function runWait(
  certs: Certificates,
  url: string,
  env: Record<string, string>,
): Promise<{ status: number; stdout: string; stderr: string }> {
  return runApiProgram(CLUSTER_READINESS_SCRIPT, certs, url, {
    BERTH_EXPECTED_NODES: '3',
    BERTH_NODES_MUST_BE: 'registered',
    BERTH_TIMEOUT_SECONDS: '15', // runs that should succeed get room on a loaded machine; timeouts set their own
    BERTH_INTERVAL_SECONDS: '0.05',
    ...env,
  });
}

const withOpenssl = withTool('openssl');

describe('the wait, run with node against a stand-in API on loopback', () => {
  let certs: Certificates;
  beforeAll(() => {
    if (spawnSync('sh', ['-c', 'command -v openssl']).status !== 0) return;
    certs = certificates(fs.mkdtempSync(path.join(os.tmpdir(), 'berth-readiness-')));
  });

  const up = (n: number, ready: boolean): Answer => ({
    readyz: 200,
    nodes: Array.from({ length: n }, () => ({ ready })),
  });

  withOpenssl('waits until the API is ready and every node has registered, then succeeds', async () => {
    const api = await standInApi(certs, [{ readyz: 500 }, up(1, false), up(2, false), up(3, false)]);
    const run = await runWait(certs, api.url, {});
    await api.close();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('API not ready (/readyz answered 500)');
    expect(run.stdout).toContain('nodes registered 2, Ready 0 of 3');
    expect(run.stdout).toContain('berth: ready: API ready; nodes registered 3, Ready 0 of 3');
    expect(api.requests).toContain('/api/v1/nodes');
  });

  withOpenssl(
    '"ready" counts only nodes with Ready=True, and times out with the pod-network hint',
    async () => {
      const api = await standInApi(certs, [up(3, false)]);
      const run = await runWait(certs, api.url, {
        BERTH_NODES_MUST_BE: 'ready',
        BERTH_TIMEOUT_SECONDS: '0.5',
      });
      await api.close();
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('was not ready with 3 nodes Ready within 0.5 s');
      expect(run.stderr).toContain('last seen: API ready; nodes registered 3, Ready 0 of 3');
      expect(run.stderr).toContain('not Ready: usually the pod network (flannel)');
      const ready = await standInApi(certs, [up(3, true)]);
      const done = await runWait(certs, ready.url, { BERTH_NODES_MUST_BE: 'ready' });
      await ready.close();
      expect(done.status).toBe(0);
    },
  );

  withOpenssl('an unreachable API times out within the bound and names cloud.adminCidrs', async () => {
    const api = await standInApi(certs, [up(3, true)]);
    await api.close(); // nothing listens on that port any more
    const started = Date.now();
    const run = await runWait(certs, api.url, { BERTH_TIMEOUT_SECONDS: '1' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('last seen: API unreachable (ECONNREFUSED)');
    expect(run.stderr).toContain('cloud.adminCidrs must include the address this machine connects from');
  });

  withOpenssl('a server whose certificate is not of the cluster CA is never taken for the API', async () => {
    const api = await standInApi(certs, [up(3, true)], certs.foreign);
    const run = await runWait(certs, api.url, { BERTH_TIMEOUT_SECONDS: '0.5' });
    await api.close();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('not with a certificate of the cluster CA');
  });

  withOpenssl('a refused deployer identity is reported as such', async () => {
    const api = await standInApi(certs, [{ readyz: 200, nodesStatus: 403 }]);
    const run = await runWait(certs, api.url, { BERTH_TIMEOUT_SECONDS: '0.5' });
    await api.close();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('node list refused (403)');
    expect(run.stderr).toContain('the first master grants it after kubeadm init');
  });

  test('bad parameters stop it at once', async () => {
    const run = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        ['-e', CLUSTER_READINESS_SCRIPT],
        { env: { BERTH_API_URL: 'https://127.0.0.1:1', BERTH_EXPECTED_NODES: 'three' } },
        (error, _stdout, stderr) => resolve({ code: Number(error?.code ?? 0), stderr }),
      ),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('BERTH_EXPECTED_NODES must be a whole number of nodes');
  });
});
