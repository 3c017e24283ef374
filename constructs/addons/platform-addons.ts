import { AddonRegistry } from './core/addon-registry';
import { CERT_MANAGER_ADDON } from './cert-manager/cert-manager-addon';
import { CLOUD_PROVIDER_ADDON } from './cloud-provider/cloud-provider-addon';
import { CONSOLE_ADDON } from './console/console-addon';
import { CORE_DNS_ADDON } from './core-dns/core-dns-addon';
import { FLANNEL_ADDON } from './flannel/flannel-addon';
import { GATEWAY_ADDON } from './gateway/gateway-addon';
import { KUBELET_CSR_APPROVER_ADDON } from './kubelet-csr-approver/kubelet-csr-approver-addon';
import { LOGGING_ADDON } from './logging/logging-addon';
import { METRICS_SERVER_ADDON } from './metrics-server/metrics-server-addon';
import { MONITORING_ADDON } from './monitoring/monitoring-addon';
import { REGISTRY_ADDON } from './registry/registry-addon';
import { ObjectImage } from './core/platform-image';
import { NODE_UPGRADE_SHELL } from './kubernetes-upgrade/kubernetes-upgrade-images';

/**
 * Berth's add-ons: one registration line each. The platform stack installs them by stage, each after
 * what it requires, otherwise in this order. A platform with add-ons of its own registers them with
 * `PLATFORM_ADDONS.with(...)` (docs/addons.md).
 */
export const PLATFORM_ADDONS = new AddonRegistry([
  FLANNEL_ADDON,
  CLOUD_PROVIDER_ADDON,
  CORE_DNS_ADDON,
  KUBELET_CSR_APPROVER_ADDON,
  METRICS_SERVER_ADDON,
  CERT_MANAGER_ADDON,
  GATEWAY_ADDON,
  REGISTRY_ADDON,
  MONITORING_ADDON,
  CONSOLE_ADDON,
  LOGGING_ADDON,
]);

/**
 * Every Helm chart Berth's add-ons install, each pinned to an exact version with where that version was
 * confirmed to exist (`HelmChartRef.confirmedAt`): the record reviewers read and the tests check every
 * `helm_release` against. Each add-on declares its own (`AddonDefinition.charts`).
 */
export const CHART_PINS = PLATFORM_ADDONS.charts;

/**
 * Every image Berth writes into its own objects (no chart in between): those its add-ons declare
 * (`AddonDefinition.images`) and the node upgrade's, which the stacks run without an add-on. With the
 * charts' images (`HelmChartRef.images`), the record of every image the platform runs (image-pins.ts).
 */
export const OBJECT_IMAGES: readonly ObjectImage[] = [...PLATFORM_ADDONS.objectImages, NODE_UPGRADE_SHELL];
