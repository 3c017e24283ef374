import { Problems } from './problems';
import { ResolvedCloud } from './resolved-platform';
import { boolean, section, withDefault, z } from './schema';

/** What every add-on section holds once resolved. */
export interface AddonSettings {
  readonly enabled: boolean;
}

/** Another add-on (its key under `addons`) a section cannot be on without, and why. */
export interface AddonSectionRequirement {
  readonly addon: string;
  readonly why: string;
}

/** What a section's resolver may know besides its section: where it is, the cloud, the other add-ons. */
export interface AddonSectionContext {
  /** Config path of the section, e.g. `clusters[0].addons.customAlerts`: prefix of its problems. */
  readonly path: string;
  /** Where its problems (and warnings) go, all at once with the rest of the config's. */
  readonly problems: Problems;
  /** The cloud, resolved: facts a default may come from (CoreDNS forwards to `cloud.dnsNameservers`). */
  readonly cloud: ResolvedCloud;
  /** Whether another add-on (by its key under `addons`) is on. */
  isEnabled(addon: string): boolean;
}

/** The schema of an add-on's section (`addonSchema`): a mapping with `enabled` and the add-on's fields. */
export type AddonSchema<O extends AddonSettings = AddonSettings> = z.ZodMiniType<O>;

/**
 * How an add-on reads its own section under `addons`, next to the add-on (its folder), not in config/: its
 * schema (fields, messages, defaults, descriptions: validated with the rest of the platform file and
 * published in its JSON Schema), and a resolver that turns the section as read into the add-on's
 * settings, with the checks that need `context`. Made by `addonConfig`.
 */
export interface AddonConfigSpec<
  S extends AddonSettings = AddonSettings,
  O extends AddonSettings = AddonSettings,
> {
  readonly schema: AddonSchema<O>;
  /** @default the section as its schema read it */
  resolve?(section: O, context: AddonSectionContext): Omit<S, 'enabled'>;
}

/**
 * An add-on's section as the config loader takes it: the layer that knows the add-ons (the registry in
 * constructs/addons, handed over by main.ts or a test) gives `resolvePlatform` one per add-on, so
 * config/ never imports an add-on.
 */
export interface AddonSection<S extends AddonSettings = AddonSettings> extends AddonConfigSpec<S> {
  /** Its key under `addons`. */
  readonly name: string;
  /** @default none */
  readonly requires?: readonly AddonSectionRequirement[];
  /**
   * Whether it claims PersistentVolumes of the cluster's StorageClass when on: with the cloud provider
   * (which creates the default class) off, the config then needs `addons.storageClass`. @default false
   */
  readonly usesVolumes?: boolean;
}

/** What an add-on's section says about the add-on and its `enabled` field. */
export interface AddonSchemaDoc {
  /** What the add-on is (the section's description). */
  readonly doc: string;
  /** What `enabled` switches (its description). */
  readonly enabled: string;
  /** @default true */
  readonly enabledByDefault?: boolean;
}

/**
 * The schema of an add-on's section, from config/schema's builders: `enabled` and `fields`, any other
 * key refused with the closest known name.
 */
export function addonSchema<T extends z.core.$ZodLooseShape>(about: AddonSchemaDoc, fields: T) {
  const enabled = withDefault(boolean(about.enabled), about.enabledByDefault ?? true);
  return section({ enabled, ...fields }, about.doc);
}

/** An add-on's section: the settings are what `schema` reads. */
export function addonConfig<O extends AddonSettings>(schema: AddonSchema<O>): AddonConfigSpec<O, O>;
/** An add-on's section: the settings are what `resolve` makes of what `schema` reads. */
export function addonConfig<S extends AddonSettings, O extends AddonSettings>(
  schema: AddonSchema<O>,
  resolve: (section: O, context: AddonSectionContext) => Omit<S, 'enabled'>,
): AddonConfigSpec<S, O>;
export function addonConfig<S extends AddonSettings, O extends AddonSettings>(
  schema: AddonSchema<O>,
  resolve?: (section: O, context: AddonSectionContext) => Omit<S, 'enabled'>,
): AddonConfigSpec<S, O> {
  return resolve ? { schema, resolve } : { schema };
}
