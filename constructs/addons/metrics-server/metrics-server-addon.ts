import { AddonName, AddonSettings, addonBoolean } from '../../../config';
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

/** `addons.metricsServer`, as written in the platform file. */
export interface MetricsServerAddonConfig {
  /**
   * Deploy metrics-server.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Skip verifying kubelets' serving certificates. Only needed when `kubeletCsrApprover` is off: then
   * kubelets serve self-signed certificates.
   * @default the opposite of `kubeletCsrApprover.enabled` (false by default)
   */
  readonly kubeletInsecureTls?: boolean;
}

/** `addons.metricsServer`, resolved. */
export interface MetricsServerSettings extends AddonSettings {
  readonly kubeletInsecureTls: boolean;
}

/** metrics-server: resource metrics for `kubectl top` and HorizontalPodAutoscalers. */
export const METRICS_SERVER_ADDON: AddonDefinition<MetricsServerSettings, MetricsServer> = {
  name: AddonName.METRICS_SERVER,
  id: 'metrics-server',
  charts: [METRICS_SERVER_CHART],
  config: {
    fields: ['kubeletInsecureTls'],
    resolve: (read, raw, { path, isEnabled }) => ({
      // Kubelets have CA-signed serving certificates exactly when the approver runs.
      kubeletInsecureTls: addonBoolean(
        read,
        `${path}.kubeletInsecureTls`,
        raw.kubeletInsecureTls,
        !isEnabled(KUBELET_CSR_APPROVER_ADDON.name),
      ),
    }),
  },
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
