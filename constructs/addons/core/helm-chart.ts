import { Construct } from 'constructs';
import { ITerraformDependable, Token, dependable } from 'cdktf';
import { Release } from '@cdktf/provider-helm/lib/release';
import { BlockYaml } from '../../core/block-yaml';
import { escapeTerraformValue } from '../../core/terraform-escape';
import { RECORDED_IMAGE_DIGESTS } from './image-digests';
import { ChartImages, ImageDigests, chartDigestValues, mergeValues } from './platform-image';

/** A Helm chart pinned to one exact version in one repository. */
export interface HelmChartRef {
  /** `https://` chart repository or `oci://` registry path. */
  readonly repository: string;
  /** Chart name in that repository. */
  readonly chart: string;
  /** Exact chart version, never a range. */
  readonly version: string;
  /**
   * Where this version's existence was confirmed at the chart's own source (a tag, a release page, an
   * index entry), so that a pin that was never published cannot creep in unnoticed.
   */
  readonly confirmedAt: string;
  /**
   * The images the chart runs at this version with Berth's values, and the values key that pins each by
   * digest (`<add-on>/<add-on>-images.ts`).
   */
  readonly images: ChartImages;
}

/** An exact chart version: `1.2.3` or `v1.2.3`, optionally with a pre-release suffix. */
export const EXACT_VERSION = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

export interface HelmAddonReleaseProps<V extends object> {
  /** The pinned chart. */
  readonly chart: HelmChartRef;
  /** Helm release name, also the prefix of most object names the chart creates. */
  readonly releaseName: string;
  /** Namespace the release lives in (created beforehand, never by Helm). */
  readonly namespace: string;
  /** The chart's values, typed per chart. */
  readonly values: V;
  /** What must exist first (namespaces, CRD-providing releases, the CNI). */
  readonly dependsOn?: readonly ITerraformDependable[];
  /**
   * Seconds Helm waits for the release's workloads to become ready.
   * @default 600
   */
  readonly timeoutSeconds?: number;
  /**
   * Digests of the chart's images, written through each image's digest key.
   * @default the recorded digests (constructs/addons/core/image-digests.json)
   */
  readonly imageDigests?: ImageDigests;
}

/**
 * A Helm release of a pinned chart with typed values. Values are written as YAML into the release;
 * Terraform references inside them (addresses, IDs) resolve at deploy time, so no secret is ever
 * written into the synthesized configuration: secrets go into Kubernetes Secrets and charts reference
 * those by name.
 */
export class HelmAddonRelease<V extends object> extends Construct {
  public readonly release: Release;
  public readonly chart: HelmChartRef;
  public readonly values: V;

  constructor(scope: Construct, id: string, props: HelmAddonReleaseProps<V>) {
    super(scope, id);
    if (!EXACT_VERSION.test(props.chart.version)) {
      throw new Error(
        `Chart ${props.chart.chart} must be pinned to an exact version, got "${props.chart.version}"`,
      );
    }
    if (!/^(https|oci):\/\/\S+$/.test(props.chart.repository)) {
      throw new Error(
        `Chart ${props.chart.chart} needs an https:// or oci:// repository, got "${props.chart.repository}"`,
      );
    }
    this.chart = props.chart;
    this.values = props.values;
    this.release = new Release(this, 'release', {
      name: props.releaseName,
      namespace: props.namespace,
      repository: props.chart.repository,
      chart: props.chart.chart,
      version: props.chart.version,
      createNamespace: false,
      values: [
        renderValues(
          mergeValues(
            props.values as Record<string, unknown>,
            chartDigestValues(props.chart.images, props.imageDigests ?? RECORDED_IMAGE_DIGESTS),
          ),
        ),
      ],
      wait: true,
      timeout: props.timeoutSeconds ?? 600,
      cleanupOnFail: true,
      maxHistory: 5,
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });
  }

  /** Makes the release wait for more resources (for dependencies that only exist after this release). */
  public waitFor(...dependencies: readonly ITerraformDependable[]): void {
    this.release.dependsOn = [...(this.release.dependsOn ?? []), ...dependencies.map((d) => dependable(d))];
  }
}

/** `YAML.stringify` with the options of chart values, faster (BlockYaml). */
const VALUES_YAML = new BlockYaml({ lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false });

/**
 * Renders chart values as YAML for a Terraform string: literal `${` and `%{` are escaped so Terraform
 * does not interpolate them; Terraform references (tokens) are kept as they are.
 */
export function renderValues(values: object): string {
  return VALUES_YAML.stringify(escapedValues(values));
}

/** Chart values escaped for Terraform; a Terraform number reference cannot stand in YAML text. */
function escapedValues(values: object): unknown {
  JSON.stringify(values, (_, value: unknown) => {
    if (typeof value === 'number' && Token.isUnresolved(value)) {
      throw new Error('chart values need plain numbers; pass Terraform number references as strings');
    }
    return value;
  });
  return escapeTerraformValue(values);
}
