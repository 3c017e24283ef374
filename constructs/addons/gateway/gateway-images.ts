/**
 * The images Envoy Gateway runs at its pinned chart version with Berth's values, read from the chart's own
 * templates, and the values key that pins each by digest (`HelmChartRef.images`). The digests live in
 * constructs/addons/core/image-digests.json (`npm run pin-images`). docs/decisions/0025-image-digests.md.
 */
import { ChartImages, DigestKey, ObjectImage } from '../core/platform-image';

export const ENVOY_GATEWAY_IMAGES: ChartImages = {
  readAt:
    'tag v1.9.0 of envoyproxy/gateway: charts/gateway-helm/templates/_helpers.tpl "eg.image" (global.images.envoyGateway.image, set to docker.io/envoyproxy/gateway:v1.9.0 by the release workflow); the proxies\' image is set in Berth\'s EnvoyProxy (ENVOY_PROXY below)',
  images: [
    {
      repository: 'docker.io/envoyproxy/gateway',
      tag: 'v1.9.0',
      digestKey: DigestKey.reference('global.images.envoyGateway.image'),
      runsWhen: "always: the controller, the certgen Job and each proxy pod's shutdown-manager",
    },
  ],
};

/**
 * Envoy, run by Envoy Gateway for the shared Gateway. Written into Berth's EnvoyProxy: a GatewayClass
 * EnvoyProxy without mergeType replaces the chart's default EnvoyProxy spec (MergeEnvoyProxyConfigs in
 * internal/gatewayapi/envoyproxy_merge.go at v1.9.0), so only ours counts.
 */
export const ENVOY_PROXY: ObjectImage = {
  repository: 'docker.io/envoyproxy/envoy',
  tag: 'distroless-v1.39.0',
  usedBy: 'the Envoy proxies of the shared Gateway (EnvoyProxy of the gateway add-on)',
  source:
    "DefaultEnvoyProxyImage in api/v1alpha1/shared_types.go at tag v1.9.0 of envoyproxy/gateway (the controller's own default)",
};
