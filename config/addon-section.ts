import { FieldReader } from './field-reader';

/** What every add-on section holds once resolved. */
export interface AddonSettings {
  readonly enabled: boolean;
}

/** Another add-on (its key under `addons`) a section cannot be on without, and why. */
export interface AddonSectionRequirement {
  readonly addon: string;
  readonly why: string;
}

/** What a section's resolver may know of the rest of the cluster's `addons`. */
export interface AddonSectionContext {
  /** Config path of the section, e.g. `clusters[0].addons.customAlerts`: prefix of its problems. */
  readonly path: string;
  /** Whether another add-on (by its key under `addons`) is on. */
  isEnabled(addon: string): boolean;
}

/**
 * How an add-on reads its own section under `addons`, next to the add-on (its folder), not in config/:
 * the fields it takes besides `enabled`, and a resolver that validates them (every problem under
 * `context.path`, through `read`) and applies its defaults.
 */
export interface AddonConfigSpec<S extends AddonSettings = AddonSettings> {
  /** Its fields besides `enabled`: any other key is refused, naming these. */
  readonly fields: readonly string[];
  /** @default true */
  readonly enabledByDefault?: boolean;
  resolve(
    read: FieldReader,
    raw: Readonly<Record<string, unknown>>,
    context: AddonSectionContext,
  ): Omit<S, 'enabled'>;
}

/**
 * An add-on's section as the config loader takes it: the layer that knows the add-ons (the registry in
 * constructs/addons, handed over by main.ts or a test) gives `resolvePlatform` one per add-on whose
 * section is read outside config/, so config/ never imports an add-on.
 */
export interface AddonSection<S extends AddonSettings = AddonSettings> extends AddonConfigSpec<S> {
  /** Its key under `addons`. */
  readonly name: string;
  /** @default none */
  readonly requires?: readonly AddonSectionRequirement[];
}
