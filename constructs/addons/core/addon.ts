import { IConstruct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { AddonFootprint } from './footprint';
import { HelmAddonRelease } from './helm-chart';
import { KubernetesObject } from './kubernetes-object';

/** What every platform add-on construct exposes to the platform stack and its tests. */
export interface PlatformAddon extends IConstruct {
  /** Which add-on this is (its key under `addons` in the config). */
  readonly addonName: string;
  /** Every workload it runs with its requests and limits (the same objects its chart values use). */
  readonly footprint: AddonFootprint;
  /** Its Helm releases, each of a pinned chart. */
  readonly releases: readonly HelmAddonRelease<object>[];
  /**
   * Its own objects (custom resources such as the Gateway, and workloads no chart provides), in apply
   * order: the `<cluster>-platform-objects` stack applies them, once the releases have installed the CRDs.
   */
  readonly objects: readonly KubernetesObject[];
  /** What an add-on that builds on this one waits for. */
  readonly ready: readonly ITerraformDependable[];
}
