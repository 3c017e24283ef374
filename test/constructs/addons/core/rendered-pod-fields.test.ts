import * as YAML from 'yaml';
import {
  podSecurityFields,
  recordDrift,
  reduceRendering,
} from '../../../../constructs/addons/core/rendered-pod-fields';
import { RenderedPod } from '../../../../constructs/addons/core/rendered-pods';

/** A `helm template` output in miniature: a DaemonSet, a hook Job, a `helm test` Pod and a Service. */
const RENDERING = `
---
# Source: agent/templates/service.yaml
apiVersion: v1
kind: Service
metadata: { name: agent }
spec: { ports: [{ port: 80 }] }
---
# Source: agent/templates/daemonset.yaml
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent, namespace: agents }
spec:
  template:
    metadata:
      annotations:
        checksum/config: abc
        container.apparmor.security.beta.kubernetes.io/agent: unconfined
    spec:
      hostNetwork: true
      serviceAccountName: agent
      securityContext: {}
      containers:
        - name: agent
          image: agent:1
          args: [--verbose]
          securityContext: { privileged: true }
          ports: [{ containerPort: 9100, hostPort: 9100 }, { containerPort: 8080 }]
          resources: { limits: { memory: 64Mi } }
      volumes:
        - { name: logs, hostPath: { path: /var/log, type: Directory } }
        - { name: config, configMap: { name: agent } }
---
# Source: agent/templates/job.yaml
apiVersion: batch/v1
kind: Job
metadata:
  name: agent-setup
  annotations: { helm.sh/hook: "pre-install,pre-upgrade" }
spec:
  template:
    spec:
      initContainers: [{ name: wait, image: busybox }]
      containers: [{ name: setup, image: agent:1 }]
---
# Source: agent/templates/tests/test.yaml
apiVersion: v1
kind: Pod
metadata:
  name: agent-test
  annotations: { helm.sh/hook: test }
spec:
  containers: [{ name: curl, image: curl }]
`;

const documents = () => YAML.parseAllDocuments(RENDERING).map((d) => d.toJSON() as unknown);

describe('podSecurityFields', () => {
  test('keeps host namespaces, security contexts, host ports and volume types, and nothing else', () => {
    expect(
      podSecurityFields({
        hostPID: false,
        securityContext: { runAsNonRoot: true },
        containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 80, hostPort: 0 }] }],
        volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }],
        nodeSelector: { a: 'b' },
      }),
    ).toEqual({
      hostPID: false,
      securityContext: { runAsNonRoot: true },
      containers: [{ name: 'c' }],
      volumes: [{ name: 'data', persistentVolumeClaim: {} }],
    });
  });
});

describe('reduceRendering', () => {
  test('reduces every workload, hooks included, and leaves out other kinds and `helm test` pods', () => {
    expect(reduceRendering(documents())).toEqual([
      {
        kind: 'DaemonSet',
        name: 'agent',
        namespace: 'agents',
        annotations: { 'container.apparmor.security.beta.kubernetes.io/agent': 'unconfined' },
        spec: {
          hostNetwork: true,
          containers: [
            {
              name: 'agent',
              securityContext: { privileged: true },
              ports: [{ containerPort: 9100, hostPort: 9100 }],
            },
          ],
          volumes: [
            { name: 'logs', hostPath: { path: '/var/log', type: 'Directory' } },
            { name: 'config', configMap: {} },
          ],
        },
      },
      {
        kind: 'Job',
        name: 'agent-setup',
        hook: 'pre-install,pre-upgrade',
        spec: { initContainers: [{ name: 'wait' }], containers: [{ name: 'setup' }] },
      },
    ]);
  });
});

describe('recordDrift', () => {
  const rendered = () => reduceRendering(documents());
  const record = (): RenderedPod[] =>
    rendered().map((p) => ({
      ...p,
      namespace: p.namespace ?? 'agents',
      template: 'templates/x.yaml',
      valuesKeys: [],
    }));

  test('is empty when the record is what the chart renders', () => {
    expect(recordDrift(record(), rendered())).toEqual([]);
  });

  test('names pods whose security fields changed, and pods added or gone', () => {
    const recorded = record();
    const changed = [{ ...recorded[0], spec: { ...recorded[0].spec, hostNetwork: false } }];
    const drift = recordDrift(changed, rendered());
    expect(drift[0]).toMatch(
      /^DaemonSet\/agent: recorded .*"hostNetwork":false.* rendered .*"hostNetwork":true/,
    );
    expect(drift[1]).toBe('Job/agent-setup: rendered but not recorded');
    expect(recordDrift(recorded, rendered().slice(0, 1))).toEqual([
      'Job/agent-setup: recorded but not rendered',
    ]);
  });

  test('pods an operator builds are not expected in the rendering', () => {
    const operatorPod: RenderedPod = { ...record()[0], name: 'prometheus', operator: 'prometheus-operator' };
    expect(recordDrift([...record(), operatorPod], rendered())).toEqual([]);
  });

  test('names changed AppArmor annotations', () => {
    const recorded = record();
    recorded[0] = { ...recorded[0], annotations: {} };
    expect(recordDrift(recorded, rendered())).toEqual(['DaemonSet/agent: AppArmor annotations differ']);
  });
});
