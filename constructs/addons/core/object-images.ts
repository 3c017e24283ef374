import { ENVOY_PROXY } from '../gateway/gateway-images';
import { NODE_UPGRADE_SHELL } from '../kubernetes-upgrade/kubernetes-upgrade-images';
import { ObjectImage } from './platform-image';
import { REGISTRY_SERVER, REGISTRY_TOKEN_SERVER } from '../registry/registry-images';

/**
 * Every image Berth writes into its own objects (no chart in between), each beside the add-on that runs
 * it. With the charts' images (`HelmChartRef.images`), the record of every image the platform runs.
 */
export const OBJECT_IMAGES: readonly ObjectImage[] = [
  REGISTRY_SERVER,
  REGISTRY_TOKEN_SERVER,
  NODE_UPGRADE_SHELL,
  ENVOY_PROXY,
];
