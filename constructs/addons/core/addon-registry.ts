import { AddonNamespaceClaim, AddonSection, DNS_1123_LABEL, PLATFORM_NAMESPACES } from '../../../config';
import { AddonDefinition, AddonStage, ADDON_STAGES } from './addon-definition';
import { HelmChartRef } from './helm-chart';
import { ObjectImage } from './platform-image';

/**
 * The add-ons a platform can install: each registered once, checked whole (unique names and construct
 * IDs, every requirement registered, no cycle) and ordered for installation: by stage, then each after
 * what it requires, otherwise in registration order. The order is deterministic: the same registrations
 * always give the same order.
 */
export class AddonRegistry {
  /** Every add-on in installation order. */
  public readonly ordered: readonly AddonDefinition[];
  /**
   * The config sections of the add-ons (`AddonDefinition.config`), named and with their requirements: what
   * the config loader takes (`resolvePlatform`'s `addonSections`; the same array each time, so the platform
   * schema composed from it is built once: `platformSchemaFor`).
   */
  public readonly sections: readonly AddonSection[];
  /**
   * The namespaces the add-ons declare beyond Berth's own (`AddonDefinition.namespaces`), each with its
   * add-on: what the config loader reserves from environments (`resolvePlatform`'s `addonNamespaces`).
   */
  public readonly namespaces: readonly AddonNamespaceClaim[];

  constructor(public readonly registered: readonly AddonDefinition[]) {
    checkUnique(registered, (a) => a.name, 'name');
    checkUnique(registered, (a) => a.id, 'construct ID');
    for (const addon of registered) {
      for (const requirement of addon.requires ?? []) {
        if (!registered.includes(requirement.addon)) {
          throw new Error(
            `add-on ${addon.name} requires ${requirement.addon.name}, which is not registered: register it too`,
          );
        }
      }
    }
    this.namespaces = namespaceClaims(registered);
    this.ordered = installOrder(registered);
    this.sections = registered.map((addon) => ({
      ...addon.config,
      name: addon.name,
      requires: (addon.requires ?? []).map((r) => ({ addon: r.addon.name, why: r.why })),
      ...(addon.usesVolumes ? { usesVolumes: true } : {}),
    }));
  }

  /** A registry with `more` registered after these add-ons. */
  public with(...more: readonly AddonDefinition[]): AddonRegistry {
    return new AddonRegistry([...this.registered, ...more]);
  }

  /** The registered add-on of this name (its key under `addons`). */
  public byName(name: string): AddonDefinition | undefined {
    return this.registered.find((a) => a.name === name);
  }

  /** Every chart the registered add-ons pin, each once, in installation order. */
  public get charts(): readonly HelmChartRef[] {
    const charts: HelmChartRef[] = [];
    for (const addon of this.ordered) {
      for (const chart of addon.charts ?? []) if (!charts.includes(chart)) charts.push(chart);
    }
    return charts;
  }

  /** Every image the registered add-ons' own objects run (`AddonDefinition.images`), each once, in installation order. */
  public get objectImages(): readonly ObjectImage[] {
    const images: ObjectImage[] = [];
    for (const addon of this.ordered) {
      for (const image of addon.images ?? []) if (!images.includes(image)) images.push(image);
    }
    return images;
  }
}

/** The stage of an add-on. */
export function stageOf(addon: AddonDefinition): AddonStage {
  return addon.stage ?? AddonStage.SERVICES;
}

function checkUnique(
  addons: readonly AddonDefinition[],
  key: (a: AddonDefinition) => string,
  what: string,
): void {
  const seen = new Set<string>();
  for (const addon of addons) {
    if (seen.has(key(addon))) throw new Error(`two add-ons are registered with the ${what} "${key(addon)}"`);
    seen.add(key(addon));
  }
}

/**
 * Every namespace the add-ons declare, with its add-on. A namespace has one owner: two add-ons declaring
 * the same one, one declaring a namespace of Berth's own or of Kubernetes, or a name Kubernetes refuses,
 * is refused.
 */
function namespaceClaims(addons: readonly AddonDefinition[]): AddonNamespaceClaim[] {
  const claims: AddonNamespaceClaim[] = [];
  for (const addon of addons) {
    for (const namespace of addon.namespaces ?? []) {
      if (!DNS_1123_LABEL.test(namespace)) {
        throw new Error(
          `add-on ${addon.name} declares the namespace ${JSON.stringify(namespace)}, which Kubernetes refuses: a namespace is a DNS-1123 label (at most 63 lower-case letters, digits and "-", starting and ending with a letter or digit), e.g. "queue-jobs"`,
        );
      }
      const other = claims.find((c) => c.namespace === namespace);
      if (other !== undefined) {
        throw new Error(
          `add-ons ${other.addon} and ${addon.name} both declare the namespace "${namespace}": each namespace has one owner, rename one`,
        );
      }
      if (PLATFORM_NAMESPACES.includes(namespace)) {
        throw new Error(
          `add-on ${addon.name} declares the namespace "${namespace}", which is Berth's or Kubernetes' own (${PLATFORM_NAMESPACES.join(', ')}): choose another name`,
        );
      }
      claims.push({ namespace, addon: addon.name });
    }
  }
  return claims;
}

/**
 * Stage by stage, repeatedly the first add-on (in registration order) whose requirements are all placed.
 * A requirement in a later stage, or a cycle, is refused.
 */
function installOrder(addons: readonly AddonDefinition[]): AddonDefinition[] {
  const placed: AddonDefinition[] = [];
  for (const stage of ADDON_STAGES) {
    const waiting = addons.filter((a) => stageOf(a) === stage);
    while (waiting.length > 0) {
      const next = waiting.findIndex((a) => (a.requires ?? []).every((r) => placed.includes(r.addon)));
      if (next < 0) {
        const stuck = waiting.map((a) => a.name).join(', ');
        throw new Error(
          `add-ons ${stuck} cannot be ordered: they require each other, or an add-on of a later stage`,
        );
      }
      placed.push(...waiting.splice(next, 1));
    }
  }
  return placed;
}
