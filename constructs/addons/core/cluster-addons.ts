import { AddonSettings, ResolvedCluster } from '../../../config';
import { AddonDefinition, settingsIn } from './addon-definition';
import { AddonRegistry, stageOf } from './addon-registry';
import { PlatformFlow } from './platform-flows';

/** The add-ons of a registry that one cluster's config turns on, in installation order. */
export class ClusterAddons {
  /** The enabled add-ons, in installation order. */
  public readonly enabled: readonly AddonDefinition[];

  constructor(
    public readonly registry: AddonRegistry,
    private readonly cluster: ResolvedCluster,
  ) {
    this.enabled = registry.ordered.filter((addon) => settingsIn(addon, cluster).enabled);
  }

  /** Whether `addon` is registered and on. */
  public readonly isEnabled = (addon: AddonDefinition): boolean => this.enabled.includes(addon);

  /** The resolved settings of `addon` in this cluster's config. */
  public readonly settingsOf = <S extends AddonSettings>(addon: AddonDefinition<S>): S =>
    settingsIn(addon, this.cluster);

  /** The enabled add-ons of one stage. */
  public inStage(stage: ReturnType<typeof stageOf>): readonly AddonDefinition[] {
    return this.enabled.filter((addon) => stageOf(addon) === stage);
  }

  /** The flows the enabled add-ons declare, in installation order. */
  public flows(namespaces: readonly string[]): PlatformFlow[] {
    return this.enabled.flatMap((addon) => [
      ...(addon.flows?.({
        settings: this.settingsOf(addon),
        namespaces,
        isEnabled: this.isEnabled,
        settingsOf: this.settingsOf,
      }) ?? []),
    ]);
  }
}
