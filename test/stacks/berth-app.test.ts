import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ConfigError } from '../../config';
import { resolvePlatform } from '../support/berth-platform';
import { AppDefinition, defineApp } from '../../apps/app-definition';
import { AppProbe } from '../../constructs/workloads/app-probe';
import { BerthApp } from '../../stacks/berth-app';
import { folderTree } from '../support/folder-tree';

const WEB = { port: 8080, readiness: AppProbe.http('/ready') };
const TESTED = `sha256:${'1'.repeat(64)}`;

function shop(environments: AppDefinition['environments']): AppDefinition {
  return defineApp({ name: 'shop', image: 'team/shop', web: WEB, environments } as AppDefinition);
}

describe('BerthApp: app problems are known before anything is written', () => {
  test.each<[string, AppDefinition, string]>([
    ['a promotion that no longer holds', shop({ prod: { digest: TESTED } }), 'apps.shop.environments.prod'],
    [
      'an environment typo',
      shop({ dev: { tag: '1' }, prdo: { digest: TESTED } }),
      'apps.shop.environments.prdo',
    ],
  ])('%s: a ConfigError with the app path, and no output folder', (_, app, problemPath) => {
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'berth-app-')), 'cdktf.out');
    let error: unknown;
    try {
      new BerthApp({ platform: resolvePlatform({}), apps: [app], outdir });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.path)).toContain(problemPath);
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('an invalid app definition: no output folder either', () => {
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'berth-app-')), 'cdktf.out');
    const broken = { ...shop({ dev: { tag: '1' } }), name: 'Not A Label' } as AppDefinition;
    expect(() => new BerthApp({ platform: resolvePlatform({}), apps: [broken], outdir })).toThrow();
    expect(fs.existsSync(outdir)).toBe(false);
  });
});

describe('BerthApp: add-ons that do not fit on the minions', () => {
  test.each([
    ['one small minion', [{ name: 'default', count: 1, flavor: 'm1.small' }]],
    ['Prometheus asking for 40Gi on two large minions', [{ name: 'default', count: 2, flavor: 'm1.large' }]],
  ])('%s: refused at the pools with the numbers, no output folder', (name, minionPools) => {
    const addons = name.startsWith('Prometheus')
      ? { monitoring: { resources: { memoryRequest: '40Gi', memoryLimit: '40Gi' } } }
      : {};
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'berth-app-')), 'cdktf.out');
    let error: unknown;
    try {
      new BerthApp({
        platform: resolvePlatform({ clusters: [{ name: 'main', minionPools, addons }] }),
        apps: [],
        outdir,
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      expect.objectContaining({
        path: 'clusters[0].minionPools',
        message: expect.stringContaining("hold too little for the platform's add-ons"),
      }),
    ]);
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('the default platform fits', () => {
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'berth-app-')), 'cdktf.out');
    expect(() => new BerthApp({ platform: resolvePlatform({}), apps: [], outdir })).not.toThrow();
  });
});

test('a synthesis over an earlier output leaves exactly what it leaves in an empty folder', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-app-'));
  const fresh = path.join(dir, 'fresh');
  const over = path.join(dir, 'over');
  new BerthApp({ platform: resolvePlatform({}), outdir: fresh }).synth();
  fs.cpSync(fresh, over, { recursive: true });
  // What an earlier synthesis (another platform, another Berth) could have left.
  const leftovers = {
    'manifests/main/retired.k8s.yaml': 'kind: ConfigMap\n',
    'manifests/gone-cluster/dev.k8s.yaml': 'kind: ConfigMap\n',
    'nodes/main/pool-retired/cloud-config.yaml': '#cloud-config\n',
    'nodes/main/init-master/files/etc/old.conf': 'old\n',
  };
  for (const [name, content] of Object.entries(leftovers)) {
    fs.mkdirSync(path.dirname(path.join(over, name)), { recursive: true });
    fs.writeFileSync(path.join(over, name), content);
  }
  fs.mkdirSync(path.join(over, 'nodes/main/empty'), { recursive: true });
  const written = folderTree(fresh).find(([name]) => name.startsWith('nodes/') && !name.endsWith('/'));
  fs.writeFileSync(path.join(over, written![0]), 'an older version\n');
  new BerthApp({ platform: resolvePlatform({}), outdir: over }).synth();
  expect(folderTree(over)).toEqual(folderTree(fresh));
});
