import { AddonName, ResolvedAddons } from '../../../config';
import { PlatformNamespace } from '../../../config/platform-names';
import { AddonDefinition } from '../core/addon-definition';
import { PeerKind, peer, pods, tcp } from '../core/platform-flows';
import { METRICS_SERVER_CHART, MetricsServer } from './metrics-server';

/** metrics-server's pods. */
export const METRICS_SERVER_PODS = pods(PlatformNamespace.KUBE_SYSTEM, 'metrics-server', {
  'app.kubernetes.io/name': 'metrics-server',
});
/** Its port (the pinned chart's `containerPort`). */
const METRICS_SERVER_PORT = 10250;

/** metrics-server: resource metrics for `kubectl top` and HorizontalPodAutoscalers. */
export const METRICS_SERVER_ADDON: AddonDefinition<ResolvedAddons['metricsServer'], MetricsServer> = {
  name: AddonName.METRICS_SERVER,
  id: 'metrics-server',
  charts: [METRICS_SERVER_CHART],
  settings: (cluster) => cluster.addons.metricsServer,
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
