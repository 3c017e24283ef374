import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { AddonConfigSpec, AddonSettings, ResolvedCluster } from '../../../config';
import { RegistryStage } from '../../../config/platform-names';
import { PlatformAddon } from './addon';
import { AddonClusterAccess } from './cluster-access';
import { HelmChartRef } from './helm-chart';
import { PlatformFlow } from './platform-flows';
import { ObjectImage } from './platform-image';

/**
 * When an add-on installs relative to the nodes: the platform stack installs the stages in this order
 * and waits for every node to turn Ready between the first and the second.
 */
export enum AddonStage {
  /** The pod network: nodes turn Ready only once it runs on them, so the node wait comes after it. */
  POD_NETWORK = 'pod-network',
  /**
   * The nodes' integration with the cloud (nodes stay tainted until the cloud controller runs): after
   * the node wait; every later add-on waits for it.
   */
  NODE_INTEGRATION = 'node-integration',
  /** Everything else: once the nodes are Ready and integrated. */
  SERVICES = 'services',
}

/** The order of the stages. */
export const ADDON_STAGES: readonly AddonStage[] = [
  AddonStage.POD_NETWORK,
  AddonStage.NODE_INTEGRATION,
  AddonStage.SERVICES,
];

/** Another add-on this one cannot run without, and why (the reason the config error gives). */
export interface AddonRequirement {
  readonly addon: AddonDefinition;
  readonly why: string;
}

/** The platform-wide facts an add-on is installed with. */
export interface PlatformFacts {
  /** Platform name, the prefix of OpenStack resources the cluster creates. */
  readonly platformName: string;
  /** The cluster, every default applied (its domain, CIDRs, `addons.storageClass`, backups). */
  readonly cluster: ResolvedCluster;
  /** What the cluster stack hands over (ingress address, platform CA, OpenStack access). */
  readonly access: AddonClusterAccess;
  /** Environments running on this cluster, with the registry stage each pulls from. */
  readonly environments: readonly EnvironmentFacts[];
}

/** An environment on the cluster, as add-ons see it. */
export interface EnvironmentFacts {
  readonly name: string;
  /** The registry stage its images are pulled from. */
  readonly registryStage: RegistryStage;
}

/** What `install` gets: its settings, the platform's facts, and the add-ons installed before it. */
export interface AddonInstallContext<S extends AddonSettings> extends PlatformFacts {
  /** The construct ID to create the add-on under (the definition's `id`). */
  readonly id: string;
  /** Its resolved config section. */
  readonly settings: S;
  /**
   * What every add-on of its stage waits for: the pod network, every node Ready, and for later stages the
   * cloud integration. An add-on that needs none of it may leave it out.
   */
  readonly dependsOn: readonly ITerraformDependable[];
  /** Whether another add-on is on in this cluster's config. */
  isEnabled(addon: AddonDefinition): boolean;
  /** The resolved settings of another add-on (on or off). */
  settingsOf<T extends AddonSettings>(addon: AddonDefinition<T>): T;
  /** Another add-on, when it is on and installed before this one (requirements are). */
  installed<A extends PlatformAddon>(addon: AddonDefinition<AddonSettings, A>): A | undefined;
}

/** What `flows` gets: its settings, and which other add-ons are on. */
export interface AddonFlowContext<S extends AddonSettings> {
  readonly settings: S;
  /** Platform namespaces that exist: Berth's own the enabled add-ons created, then other add-ons' (`namespaces`). */
  readonly namespaces: readonly string[];
  isEnabled(addon: AddonDefinition): boolean;
  settingsOf<T extends AddonSettings>(addon: AddonDefinition<T>): T;
}

/**
 * The contract of a platform add-on: everything the platform needs to know about it, in one object that
 * its folder exports and one line of the registry names (constructs/addons/platform-addons.ts). The
 * platform stack installs every enabled add-on of the registry, in stage and dependency order.
 */
export interface AddonDefinition<
  S extends AddonSettings = AddonSettings,
  A extends PlatformAddon = PlatformAddon,
> {
  /** Its key under `addons` in the config (camelCase), e.g. `certManager`. */
  readonly name: string;
  /**
   * The construct ID of the add-on in the platform stacks (kebab-case): Terraform addresses of all its
   * resources start with it, so it never changes.
   */
  readonly id: string;
  /** @default AddonStage.SERVICES */
  readonly stage?: AddonStage;
  /** Add-ons it cannot run without: installed before it, and the config refuses it on without them. @default none */
  readonly requires?: readonly AddonRequirement[];
  /**
   * Whether it claims PersistentVolumes of the cluster's StorageClass when on: with the cloud provider
   * (which creates the default class) off, the config then needs `addons.storageClass`. @default false
   */
  readonly usesVolumes?: boolean;
  /**
   * Every namespace it creates (`AddonNamespace`) that is not one of Berth's own (`PlatformNamespace`):
   * the one place the name is spelled, so its construct takes it from here. The config loader reserves
   * them from environments (`AddonRegistry.namespaces`), and the platform stack isolates every namespace an
   * add-on creates as it does Berth's own (a default deny, DNS, its `flows`), refusing one it does not
   * declare. @default none
   */
  readonly namespaces?: readonly string[];
  /** Every Helm chart it may install, pinned (`HelmChartRef.confirmedAt`). @default none */
  readonly charts?: readonly HelmChartRef[];
  /**
   * Every image its own objects run (no chart in between), recorded with the charts' images: the record
   * `npm run pin-images` resolves digests for and the tests hold the synthesized output to. @default none
   */
  readonly images?: readonly ObjectImage[];
  /**
   * Its section under `addons`, next to the add-on: its schema (fields, messages, defaults, descriptions;
   * `addonSchema`) and how the section as read becomes its settings (`addonConfig`). The registry hands it
   * to the config loader (`AddonRegistry.sections`), with `requires`; `npm run schema` publishes it.
   */
  readonly config: AddonConfigSpec<S>;
  /** Creates the add-on in `scope` (the platform stack) under `context.id`; called only when enabled. */
  install(scope: Construct, context: AddonInstallContext<S>): A;
  /**
   * The network flows it needs inside the platform (become NetworkPolicies in its namespaces); called only
   * when enabled. @default none
   */
  flows?(context: AddonFlowContext<S>): readonly PlatformFlow[];
}

/**
 * The resolved section of `addon` in a cluster's config. Throws when the platform was resolved without the
 * add-on's section (with another registry than the one it is synthesized with).
 */
export function settingsIn<S extends AddonSettings>(addon: AddonDefinition<S>, cluster: ResolvedCluster): S {
  const settings = cluster.addons.sections.get(addon.name);
  if (settings === undefined) {
    throw new Error(
      `add-on ${addon.name} is registered, but cluster ${cluster.name} was resolved without its section: load the platform with the sections of the registry it is synthesized with (resolvePlatform(input, source, { addonSections: registry.sections }))`,
    );
  }
  return settings as S;
}
