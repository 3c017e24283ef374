import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { RenderedPod } from '../../constructs/addons/core/rendered-pods';
import { FLANNEL_RENDERED_PODS } from '../../constructs/addons/flannel/flannel-pod-security';
import { POD_RECORDS_USAGE, podRecords } from '../../scripts/pod-records-command';
import { RENDERED_POD_RECORDS } from '../../scripts/pod-record-list';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-pod-records-'));
  // A synthesized output in miniature: one platform stack with one helm_release.
  fs.mkdirSync(path.join(dir, 'out', 'stacks', 'main-platform'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'out', 'stacks', 'main-platform', 'cdk.tf.json'),
    JSON.stringify({
      resource: { helm_release: { flannel: { name: 'flannel', values: ['podCidr: 10.244.0.0/16\n'] } } },
    }),
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The flannel DaemonSet as `helm template` prints it, from a recorded pod (plus fields the record drops). */
function rendering(pod: RenderedPod): string {
  const spec = { ...pod.spec, serviceAccountName: 'flannel', nodeSelector: { 'kubernetes.io/os': 'linux' } };
  const manifest = {
    apiVersion: 'apps/v1',
    kind: pod.kind,
    metadata: { name: pod.name },
    spec: { template: { spec } },
  };
  const file = path.join(dir, `${pod.name}-${Math.random().toString(36).slice(2)}.yaml`);
  fs.writeFileSync(file, `---\n# Source: flannel/templates/daemonset.yaml\n${YAML.stringify(manifest)}`);
  return file;
}

describe('npm run pod-records', () => {
  test('values: prints the values of the release from the synthesized output', () => {
    expect(podRecords(['values', 'flannel'], path.join(dir, 'out'))).toEqual({
      code: 0,
      out: 'podCidr: 10.244.0.0/16\n',
    });
    expect(podRecords(['values', 'loki'], path.join(dir, 'out')).code).toBe(2);
  });

  test('check: a rendering that is the record passes and prints the pods', () => {
    const { code, out } = podRecords(['check', 'flannel', rendering(FLANNEL_RENDERED_PODS.pods[0])]);
    expect(code).toBe(0);
    expect(out).toMatch(/^the record of flannel is what the chart renders\n/);
    expect(out).toContain('"kind": "DaemonSet"');
  });

  test('check: a rendering whose security fields moved fails and names the pod', () => {
    const pod = FLANNEL_RENDERED_PODS.pods[0];
    const { code, out } = podRecords([
      'check',
      'flannel',
      rendering({ ...pod, spec: { ...pod.spec, hostPID: true } }),
    ]);
    expect(code).toBe(1);
    expect(out).toMatch(/^DaemonSet\/kube-flannel-ds: recorded .* rendered .*"hostPID":true/);
  });

  test.each([
    [[], POD_RECORDS_USAGE],
    [['check', 'flannel'], POD_RECORDS_USAGE],
    [['lint', 'flannel', 'x.yaml'], POD_RECORDS_USAGE],
    [['check', 'nginx', 'x.yaml'], 'no record for release nginx; records exist for: flannel, '],
    [['check', 'flannel', '/nonexistent/x.yaml'], '/nonexistent/x.yaml does not exist'],
  ])('%j exits 2 with %s', (args, message) => {
    const { code, out } = podRecords(args);
    expect(code).toBe(2);
    expect(out.startsWith(message)).toBe(true);
  });

  test('knows every record by its release', () => {
    expect(RENDERED_POD_RECORDS.map((r) => r.release)).toContain('monitoring');
  });
});
