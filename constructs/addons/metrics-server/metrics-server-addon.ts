import { AddonName, AddonSettings, addonConfig, addonSchema, boolean, optional, z } from '../../../config';
import { PlatformNamespace } from '../../../config/platform-names';
import { AddonDefinition } from '../core/addon-definition';
import { KUBELET_CSR_APPROVER_ADDON } from '../kubelet-csr-approver/kubelet-csr-approver-addon';
import { PeerKind, peer, pods, tcp } from '../core/platform-flows';
import { METRICS_SERVER_CHART, MetricsServer } from './metrics-server';

/** metrics-server's pods. */
export const METRICS_SERVER_PODS = pods(PlatformNamespace.KUBE_SYSTEM, 'metrics-server', {
  'app.kubernetes.io/name': 'metrics-server',
});
/** Its port (the pinned chart's `containerPort`). */
const METRICS_SERVER_PORT = 10250;

/** `addons.metricsServer`: its fields, messages and descriptions. */
export const METRICS_SERVER_SCHEMA = addonSchema(
  {
    doc: 'metrics-server: resource metrics for `kubectl top` and HorizontalPodAutoscalers.',
    enabled: 'Deploy metrics-server.',
  },
  {
    kubeletInsecureTls: optional(
      boolean(
        "Skip verifying kubelets' serving certificates. Only needed when `kubeletCsrApprover` is off: then kubelets serve self-signed certificates. Default: the opposite of `kubeletCsrApprover.enabled` (false by default).",
      ),
    ),
  },
);

/** `addons.metricsServer`, as written in the platform file. */
export type MetricsServerAddonConfig = z.input<typeof METRICS_SERVER_SCHEMA>;

/** `addons.metricsServer`, resolved. */
export interface MetricsServerSettings extends AddonSettings {
  readonly kubeletInsecureTls: boolean;
}

/** metrics-server: resource metrics for `kubectl top` and HorizontalPodAutoscalers. */
export const METRICS_SERVER_ADDON: AddonDefinition<MetricsServerSettings, MetricsServer> = {
  name: AddonName.METRICS_SERVER,
  id: 'metrics-server',
  charts: [METRICS_SERVER_CHART],
  config: addonConfig(METRICS_SERVER_SCHEMA, (section, { isEnabled }) => ({
    // Kubelets have CA-signed serving certificates exactly when the approver runs.
    kubeletInsecureTls: section.kubeletInsecureTls ?? !isEnabled(KUBELET_CSR_APPROVER_ADDON.name),
  })),
  install: (scope, { id, settings, dependsOn }) =>
    new MetricsServer(scope, id, { kubeletInsecureTls: settings.kubeletInsecureTls, dependsOn }),
  flows: () => [
    {
      id: 'metrics-server',
      from: peer(PeerKind.ANY_SOURCE),
      to: METRICS_SERVER_PODS,
      ports: [tcp(METRICS_SERVER_PORT)],
      purpose: 'the API server serves metrics.k8s.io from metrics-server',
    },
  ],
};
