import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  StackLayer,
  clustersOf,
  readSynthOutput,
  stackIdentity,
  stackOf,
} from '../../../scripts/review/synth-output';

function write(root: string, file: string, content: string) {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), content);
}

test('reads stacks, manifests and node templates of an output folder', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-out-'));
  const stack = {
    resource: {
      openstack_compute_instance_v2: {
        'masters_server-1_AB': { '//': { metadata: { path: 'main-infra/masters/server-1' } }, name: 'm1' },
      },
    },
    data: { cloudinit_config: { boot: { part: [] } } },
    output: { api: { value: 'x' } },
  };
  write(dir, 'stacks/main-infra/cdk.tf.json', JSON.stringify(stack));
  write(
    dir,
    'manifests/main/dev.k8s.yaml',
    'kind: Namespace\nmetadata:\n  name: dev\n---\nkind: ConfigMap\n',
  );
  write(dir, 'nodes/main/pool-default/files/etc/berth/bootstrap.env', 'A=1\n');
  const out = readSynthOutput(dir);
  const infra = stackOf(out, 'main', StackLayer.INFRA)!;
  expect(infra.blocks.get('openstack_compute_instance_v2.masters_server-1_AB')).toEqual({
    address: 'openstack_compute_instance_v2.masters_server-1_AB',
    mode: 'resource',
    type: 'openstack_compute_instance_v2',
    name: 'masters_server-1_AB',
    path: 'masters/server-1',
    config: { name: 'm1' },
  });
  expect(infra.blocks.get('data.cloudinit_config.boot')?.path).toBe('boot');
  expect(
    out.manifests
      .get('main')
      ?.get('dev')
      ?.map((o) => o.kind),
  ).toEqual(['Namespace', 'ConfigMap']);
  expect(out.nodes.get('main')?.get('pool-default')?.get('files/etc/berth/bootstrap.env')).toBe('A=1\n');
  expect(clustersOf(out)).toEqual(['main']);
});

test('stack names give cluster and layer; a folder without stacks is an error', () => {
  expect(stackIdentity('eu-west-environments')).toEqual({
    cluster: 'eu-west',
    layer: StackLayer.ENVIRONMENTS,
  });
  expect(stackIdentity('other')).toEqual({ cluster: 'other', layer: undefined });
  expect(() => readSynthOutput('/nonexistent/out')).toThrow(
    '/nonexistent/out/stacks does not exist: nothing was synthesized',
  );
});
