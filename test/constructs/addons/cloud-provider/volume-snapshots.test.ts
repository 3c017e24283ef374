import { Testing } from 'cdktf';
import * as YAML from 'yaml';
import {
  SNAPSHOT_CONTROLLER_CHART,
  SnapshotControllerChartValues,
  VolumeSnapshots,
} from '../../../../constructs/addons';

function build() {
  let snapshots: VolumeSnapshots | undefined;
  const json = JSON.parse(
    Testing.synthScope((scope) => {
      snapshots = new VolumeSnapshots(scope, 'volume-snapshots', {
        className: 'fast-ssd',
        driver: 'cinder.csi.openstack.org',
      });
    }),
  );
  const releases = Object.entries(json.resource.helm_release) as [
    string,
    { name: string; values: string[]; namespace: string; version: string; depends_on?: string[] },
  ][];
  const release = (name: string) => releases.find(([, r]) => r.name === name)!;
  return { snapshots: snapshots!, release };
}

describe('VolumeSnapshots', () => {
  test('installs the snapshot CRDs as templates of the pinned chart, so a chart bump upgrades them', () => {
    const [, controller] = build().release('snapshot-controller');
    expect(controller.version).toBe(SNAPSHOT_CONTROLLER_CHART.version);
    expect(controller.namespace).toBe('kube-system');
    const values = YAML.parse(controller.values[0]) as SnapshotControllerChartValues;
    expect(values.installCRDs).toBe(true);
    expect(values.webhook.enabled).toBe(false);
    expect(values.controller.resources.requests).toEqual({ cpu: '10m', memory: '32Mi' });
  });

  test('the default VolumeSnapshotClass, named like the StorageClass, is an object of the add-on', () => {
    const { snapshots, release } = build();
    expect(release('volume-snapshot-classes')).toBeUndefined();
    const snapshotClass = JSON.parse(JSON.stringify(snapshots.snapshotClass)) as Record<string, unknown>;
    expect(snapshotClass).toEqual({
      apiVersion: 'snapshot.storage.k8s.io/v1',
      kind: 'VolumeSnapshotClass',
      metadata: {
        name: 'fast-ssd',
        annotations: { 'snapshot.storage.kubernetes.io/is-default-class': 'true' },
      },
      driver: 'cinder.csi.openstack.org',
      deletionPolicy: 'Delete',
    });
  });

  test('counts the controller in the footprint', () => {
    expect(build().snapshots.workloads.map((w) => w.name)).toEqual(['snapshot-controller']);
  });
});
