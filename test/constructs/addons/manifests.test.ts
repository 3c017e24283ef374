import { Testing } from 'cdktf';
import * as YAML from 'yaml';
import { ManifestsRelease, RAW_CHART, RawChartValues } from '../../../constructs/addons';

describe('ManifestsRelease', () => {
  test("applies Berth's typed objects through the pinned raw chart", () => {
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        new ManifestsRelease(scope, 'objects', {
          releaseName: 'objects',
          namespace: 'demo',
          objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'demo' } }],
        });
      }),
    );
    const release = Object.values(json.resource.helm_release)[0] as {
      chart: string;
      repository: string;
      version: string;
      values: string[];
    };
    expect([release.repository, release.chart, release.version]).toEqual([
      RAW_CHART.repository,
      'raw',
      RAW_CHART.version,
    ]);
    expect((YAML.parse(release.values[0]) as RawChartValues).resources).toEqual([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'demo' } },
    ]);
  });
});
