import { TerraformOutput } from 'cdktf';
import {
  AddonName,
  AddonSettings,
  ResourcesConfig,
  CRON_ALLOWED,
  DataSize,
  ResolvedResources,
  addonResources,
  addonVolumeSize,
  containerResources,
  isCronSchedule,
} from '../../../config';
import { PlatformNamespace } from '../../../config/platform-names';
import { AddonDefinition } from '../core/addon-definition';
import { pods, tcp } from '../core/platform-flows';
import { GATEWAY_ADDON } from '../gateway/gateway-addon';
import { ENVOY_PROXIES } from '../gateway/gateway-flows';
import { REGISTRY_PORT, REGISTRY_SERVER_LABELS, Registry } from './registry';
import { TOKEN_SERVER_LABELS, TOKEN_SERVER_PORT } from './registry-token-server';

const REGISTRY_PODS = pods(PlatformNamespace.REGISTRY, 'registry', REGISTRY_SERVER_LABELS);
const TOKEN_SERVER_PODS = pods(PlatformNamespace.REGISTRY, 'registry-token-server', TOKEN_SERVER_LABELS);

/** `addons.registry`, as written in the platform file. */
export interface RegistryAddonConfig {
  /**
   * Deploy the private registry.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Size of the Cinder volume holding images.
   * @default "50Gi"
   */
  readonly storageSize?: string;
  /**
   * When garbage collection runs, a cron expression (UTC). Pushes during the run may fail; pick a
   * quiet hour.
   * @default "30 3 * * 0" (Sunday 03:30)
   */
  readonly garbageCollectionSchedule?: string;
  /** @default 50m/64Mi requested, 500m/256Mi limit */
  readonly resources?: ResourcesConfig;
}

/** `addons.registry`, resolved. */
export interface RegistrySettings extends AddonSettings {
  readonly storageSize: DataSize;
  readonly garbageCollectionSchedule: string;
  readonly resources: ResolvedResources;
}

/** The registry's defaults, unless `addons.registry` says otherwise. */
export const DEFAULT_REGISTRY = {
  storageSize: '50Gi',
  /** Sunday 03:30 UTC. */
  garbageCollectionSchedule: '30 3 * * 0',
  resources: containerResources('50m', '64Mi', '500m', '256Mi'),
} as const;

/**
 * The private registry at `registry.apps.<domain>`, with its push credential (outputs `registry_host`,
 * `registry_push_username`, `registry_push_password`) and one pull-only credential per environment.
 */
export const REGISTRY_ADDON: AddonDefinition<RegistrySettings, Registry> = {
  name: AddonName.REGISTRY,
  id: 'registry',
  requires: [{ addon: GATEWAY_ADDON, why: 'nodes and CI reach the registry through the shared Gateway' }],
  config: {
    fields: ['storageSize', 'garbageCollectionSchedule', 'resources'],
    resolve: (read, raw, { path }) => ({
      storageSize: addonVolumeSize(
        read,
        `${path}.storageSize`,
        raw.storageSize,
        DEFAULT_REGISTRY.storageSize,
      ),
      garbageCollectionSchedule: read.parsed(
        `${path}.garbageCollectionSchedule`,
        raw.garbageCollectionSchedule,
        DEFAULT_REGISTRY.garbageCollectionSchedule,
        (text) => (typeof text === 'string' && isCronSchedule(text) ? text : undefined),
        CRON_ALLOWED,
      ),
      resources: addonResources(read, `${path}.resources`, raw.resources, DEFAULT_REGISTRY.resources),
    }),
  },
  // Needs no node or cloud readiness of its own: its volume waits for the StorageClass when bound.
  install: (scope, { id, settings, cluster, environments }) => {
    const registry = new Registry(scope, id, {
      domain: cluster.domain,
      storageClass: cluster.addons.storageClass,
      storageSize: settings.storageSize,
      garbageCollectionSchedule: settings.garbageCollectionSchedule,
      resources: settings.resources,
      pullers: environments.map((e) => ({ environment: e.name, stage: e.registryStage })),
    });
    new TerraformOutput(scope, 'registry_host', { value: registry.host, description: 'Private registry' });
    new TerraformOutput(scope, 'registry_push_username', { value: registry.pushCredentials.username });
    new TerraformOutput(scope, 'registry_push_password', {
      value: registry.pushCredentials.password,
      sensitive: true,
      description: 'Password of the registry user that CI pushes and promotes with',
    });
    return registry;
  },
  flows: ({ isEnabled }) =>
    isEnabled(GATEWAY_ADDON)
      ? [
          {
            id: 'registry-from-gateway',
            from: ENVOY_PROXIES,
            to: REGISTRY_PODS,
            ports: [tcp(REGISTRY_PORT)],
            purpose: 'pulls and pushes through the shared Gateway',
          },
          {
            id: 'registry-token-from-gateway',
            from: ENVOY_PROXIES,
            to: TOKEN_SERVER_PODS,
            ports: [tcp(TOKEN_SERVER_PORT)],
            purpose: 'clients fetch registry tokens through the shared Gateway',
          },
        ]
      : [],
};
