import { TerraformOutput } from 'cdktf';
import {
  AddonName,
  AddonSettings,
  CRON_ALLOWED,
  DataSize,
  ResolvedResources,
  addonConfig,
  addonResources,
  addonSchema,
  addonVolumeSize,
  containerResources,
  isCronSchedule,
  parsed,
  resolveResources,
  withDefault,
  z,
} from '../../../config';
import { PlatformNamespace } from '../../../config/platform-names';
import { AddonDefinition } from '../core/addon-definition';
import { pods, tcp } from '../core/platform-flows';
import { GATEWAY_ADDON } from '../gateway/gateway-addon';
import { ENVOY_PROXIES } from '../gateway/gateway-flows';
import { REGISTRY_PORT, REGISTRY_SERVER_LABELS, Registry } from './registry';
import { REGISTRY_SERVER, REGISTRY_TOKEN_SERVER } from './registry-images';
import { TOKEN_SERVER_LABELS, TOKEN_SERVER_PORT } from './registry-token-server';

const REGISTRY_PODS = pods(PlatformNamespace.REGISTRY, 'registry', REGISTRY_SERVER_LABELS);
const TOKEN_SERVER_PODS = pods(PlatformNamespace.REGISTRY, 'registry-token-server', TOKEN_SERVER_LABELS);

/** The registry's defaults, unless `addons.registry` says otherwise. */
export const DEFAULT_REGISTRY = {
  storageSize: '50Gi',
  /** Sunday 03:30 UTC. */
  garbageCollectionSchedule: '30 3 * * 0',
  resources: containerResources('50m', '64Mi', '500m', '256Mi'),
} as const;

/** `addons.registry`: its fields, messages, defaults and descriptions. */
export const REGISTRY_SCHEMA = addonSchema(
  {
    doc: 'The private registry at `registry.apps.<domain>`, with its push credential and one pull-only credential per environment.',
    enabled: 'Deploy the private registry.',
  },
  {
    storageSize: withDefault(
      addonVolumeSize('Size of the Cinder volume holding images.'),
      DEFAULT_REGISTRY.storageSize,
    ),
    garbageCollectionSchedule: withDefault(
      parsed((text) => (isCronSchedule(text) ? text : undefined), CRON_ALLOWED, {
        doc: 'When garbage collection runs, a cron expression (UTC). Pushes during the run may fail; pick a quiet hour. Default: Sunday 03:30.',
      }),
      DEFAULT_REGISTRY.garbageCollectionSchedule,
    ),
    resources: addonResources(DEFAULT_REGISTRY.resources, "The registry server's resources."),
  },
);

/** `addons.registry`, as written in the platform file. */
export type RegistryAddonConfig = z.input<typeof REGISTRY_SCHEMA>;

/** `addons.registry`, resolved. */
export interface RegistrySettings extends AddonSettings {
  readonly storageSize: DataSize;
  readonly garbageCollectionSchedule: string;
  readonly resources: ResolvedResources;
}

/**
 * The private registry at `registry.apps.<domain>`, with its push credential (outputs `registry_host`,
 * `registry_push_username`, `registry_push_password`) and one pull-only credential per environment.
 */
export const REGISTRY_ADDON: AddonDefinition<RegistrySettings, Registry> = {
  name: AddonName.REGISTRY,
  id: 'registry',
  requires: [{ addon: GATEWAY_ADDON, why: 'nodes and CI reach the registry through the shared Gateway' }],
  images: [REGISTRY_SERVER, REGISTRY_TOKEN_SERVER],
  usesVolumes: true,
  config: addonConfig(REGISTRY_SCHEMA, (section) => ({
    storageSize: DataSize.tryParse(section.storageSize)!,
    garbageCollectionSchedule: section.garbageCollectionSchedule,
    resources: resolveResources(section.resources),
  })),
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
