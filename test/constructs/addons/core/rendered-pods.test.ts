import {
  CHART_DEFAULT,
  RenderedChartPods,
  changedValues,
  renderedPodManifest,
  uncoveredSecurityValues,
  chartValueAt,
} from '../../../../constructs/addons/core/rendered-pods';
import { PodSecurityLevel, podSecurityViolations } from '../../../../constructs/core/pod-security-standards';

const RECORD: RenderedChartPods = {
  chart: 'agent',
  version: '1.0.0',
  release: 'agent',
  source: 'example/charts charts/agent at tag agent-1.0.0',
  values: {
    'agent.securityContext': { runAsNonRoot: true },
    'agent.hostNetwork': CHART_DEFAULT,
    kind: 'DaemonSet',
  },
  pods: [
    {
      kind: 'DaemonSet',
      name: 'agent',
      namespace: 'agents',
      template: 'templates/daemonset.yaml',
      valuesKeys: ['agent.securityContext', 'agent.hostNetwork', 'kind'],
      annotations: { 'container.apparmor.security.beta.kubernetes.io/agent': 'unconfined' },
      spec: { hostNetwork: true, containers: [{ name: 'agent' }] },
    },
  ],
};

describe('chartValueAt', () => {
  test('reads a dotted key, and says CHART_DEFAULT where a step is missing', () => {
    const values = { a: { b: { c: 1 } }, list: [1] };
    expect(chartValueAt(values, 'a.b.c')).toBe(1);
    expect(chartValueAt(values, 'a.b')).toEqual({ c: 1 });
    expect(chartValueAt(values, 'a.x')).toBe(CHART_DEFAULT);
    expect(chartValueAt(values, 'list.0')).toBe(CHART_DEFAULT);
  });
});

describe('changedValues', () => {
  test('is empty when the values at the recorded keys are the rendered ones, whatever the key order', () => {
    const values = { kind: 'DaemonSet', agent: { securityContext: { runAsNonRoot: true }, resources: {} } };
    expect(changedValues(RECORD, values)).toEqual([]);
  });

  test('names a key whose value changed, was set, or was removed', () => {
    const values = { agent: { securityContext: { runAsNonRoot: false }, hostNetwork: false } };
    expect(changedValues(RECORD, values)).toEqual([
      'agent.securityContext: {"runAsNonRoot":true} → {"runAsNonRoot":false}',
      `agent.hostNetwork: "${CHART_DEFAULT}" → false`,
      `kind: "DaemonSet" → "${CHART_DEFAULT}"`,
    ]);
  });
});

describe('uncoveredSecurityValues', () => {
  test('names security-relevant keys the record was not rendered with, and ignores the rest', () => {
    const values = {
      kind: 'DaemonSet',
      agent: {
        securityContext: { runAsNonRoot: true },
        resources: { limits: { memory: '64Mi' } },
        extraVolumes: [{ name: 'logs', hostPath: { path: '/var/log' } }],
        podSecurityContext: {},
        sidecar: { image: 'x' },
      },
      config: { kind: 'ignored below the top level' },
      prometheus: { storageSpec: { volumeClaimTemplate: {} } },
    };
    expect(uncoveredSecurityValues(RECORD, values)).toEqual([
      'agent.extraVolumes',
      'agent.podSecurityContext',
      'agent.sidecar',
    ]);
  });

  test('descends into a key the record covers only in part', () => {
    const record = { ...RECORD, values: { 'grafana.sidecar.securityContext': CHART_DEFAULT } };
    expect(uncoveredSecurityValues(record, { grafana: { sidecar: { resources: {} } } })).toEqual([]);
    expect(uncoveredSecurityValues(record, { grafana: { sidecar: { extraVolumes: [] } } })).toEqual([
      'grafana.sidecar.extraVolumes',
    ]);
  });
});

describe('renderedPodManifest', () => {
  test('is a workload the Pod Security evaluator reads, annotations included', () => {
    const manifest = renderedPodManifest(RECORD.pods[0]);
    expect(manifest.kind).toBe('DaemonSet');
    expect(podSecurityViolations(manifest, PodSecurityLevel.BASELINE).map((v) => v.path)).toEqual([
      'spec.template.spec.hostNetwork',
      'spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/agent"]',
    ]);
  });

  test('a bare Pod keeps its spec at spec', () => {
    const manifest = renderedPodManifest({ ...RECORD.pods[0], kind: 'Pod' });
    expect(manifest.spec).toEqual(RECORD.pods[0].spec);
  });
});
