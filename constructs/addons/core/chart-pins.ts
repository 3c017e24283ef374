import { HelmChartRef } from './helm-chart';

/** A chart as a `helm_release` names it. */
export interface ChartRelease {
  readonly repository: string;
  readonly chart: string;
  readonly version: string;
}

/**
 * Releases whose repository, chart and version are not a recorded pin, as `repository/chart@version`.
 * The pins are those the add-ons declare (`AddonRegistry.charts`; Berth's: `CHART_PINS`).
 */
export function unrecordedReleases(
  releases: readonly ChartRelease[],
  pins: readonly HelmChartRef[],
): string[] {
  const recorded = new Set(pins.map((p) => `${p.repository}/${p.chart}@${p.version}`));
  return releases.map((r) => `${r.repository}/${r.chart}@${r.version}`).filter((r) => !recorded.has(r));
}
