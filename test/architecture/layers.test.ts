import * as path from 'node:path';
import {
  EXAMPLES,
  addonLayerViolations,
  exampleViolations,
  layerOf,
  layerViolations,
  projectSources,
  relativeImports,
  teamAppViolations,
} from './layers';

describe('layers', () => {
  test('no file imports from a higher layer (config < constructs/{core,cluster,addons,workloads} < apps < charts < stacks < main/scripts)', () => {
    const sources = projectSources(path.join(__dirname, '..', '..'));
    expect(sources.size).toBeGreaterThan(50);
    expect(layerViolations(sources).map((v) => v.message)).toEqual([]);
  });

  test('every source file sits in a layer (no loose file directly under constructs/)', () => {
    const sources = projectSources(path.join(__dirname, '..', '..'));
    const loose = [...sources.keys()].filter(
      (file) => layerOf(file) === undefined && !file.startsWith(`${EXAMPLES}/`),
    );
    expect(loose).toEqual([]);
  });

  test('an upward import is reported with the file, the target and how to fix it', () => {
    const files = new Map([
      ['config/names.ts', "import { PlatformStack } from '../stacks/platform-stack';\n"],
      ['constructs/addons/x.ts', "export { A } from '../../charts/a';\nimport { B } from '../../config';\n"],
      ['stacks/y.ts', "import { C } from '../constructs/core/c';\n"],
      ['constructs/cluster/z.ts', "import { D } from '../workloads/d';\nimport { E } from '../core/e';\n"],
      ['apps/check.ts', "import { F } from '../charts/environment-chart';\nimport { G } from './teams';\n"],
      ['charts/chart.ts', "import { H } from '../apps/plan';\n"],
    ]);
    expect(layerViolations(files)).toEqual([
      expect.objectContaining({ file: 'config/names.ts', imports: 'stacks/platform-stack' }),
      expect.objectContaining({ file: 'constructs/addons/x.ts', imports: 'charts/a' }),
      expect.objectContaining({ file: 'constructs/cluster/z.ts', imports: 'constructs/workloads/d' }),
      expect.objectContaining({ file: 'apps/check.ts', imports: 'charts/environment-chart' }),
    ]);
    expect(layerViolations(files)[0].message).toContain('move the shared piece down');
  });

  test('inside the add-ons layer, core/ knows no add-on and no add-on imports the registration', () => {
    const sources = projectSources(path.join(__dirname, '..', '..'));
    expect(addonLayerViolations(sources).map((v) => v.message)).toEqual([]);
  });

  test('core/ importing an add-on or the registration, or an add-on importing the registration, is reported', () => {
    const files = new Map([
      [
        'constructs/addons/core/a.ts',
        "import { X } from '../gateway/gateway-images';\nimport { Y } from '../platform-addons';\nimport { Z } from './b';\nimport { C } from '../../../config';\n",
      ],
      [
        'constructs/addons/registry/r.ts',
        "import { G } from '../gateway/gateway-addon';\nimport { P } from '../platform-addons';\nimport { Q } from '..';\nimport { H } from '../core/helm-chart';\n",
      ],
      ['constructs/addons/platform-addons.ts', "import { R } from './registry/r';\n"],
    ]);
    expect(addonLayerViolations(files)).toEqual([
      expect.objectContaining({
        file: 'constructs/addons/core/a.ts',
        imports: 'constructs/addons/gateway/gateway-images',
      }),
      expect.objectContaining({
        file: 'constructs/addons/core/a.ts',
        imports: 'constructs/addons/platform-addons',
      }),
      expect.objectContaining({
        file: 'constructs/addons/registry/r.ts',
        imports: 'constructs/addons/platform-addons',
      }),
      expect.objectContaining({ file: 'constructs/addons/registry/r.ts', imports: 'constructs/addons' }),
    ]);
    expect(addonLayerViolations(files)[0].message).toContain('declare it in its AddonDefinition');
  });

  test('example add-ons use only the public contract, and nothing in the layers uses them', () => {
    const sources = projectSources(path.join(__dirname, '..', '..'));
    expect([...sources.keys()].some((file) => file.startsWith(`${EXAMPLES}/addons/`))).toBe(true);
    expect(exampleViolations(sources).map((v) => v.message)).toEqual([]);
  });

  test('an example reaching past the contract, or the project reaching into an example, is reported', () => {
    const files = new Map([
      [
        'examples/addons/x/x.ts',
        "import { A } from '../../../constructs/addons/core/addon';\nimport { B } from './x-addon';\nimport { C } from '../../../config';\n",
      ],
      [
        'examples/addons/x/x-addon.ts',
        "import { D } from '../../../constructs/addons';\nimport { E } from '../y/y';\n",
      ],
      ['stacks/z.ts', "import { X } from '../examples/addons/x';\n"],
    ]);
    expect(exampleViolations(files)).toEqual([
      expect.objectContaining({ file: 'examples/addons/x/x.ts', imports: 'constructs/addons/core/addon' }),
      expect.objectContaining({ file: 'examples/addons/x/x-addon.ts', imports: 'examples/addons/y/y' }),
      expect.objectContaining({ file: 'stacks/z.ts', imports: 'examples/addons/x' }),
    ]);
  });

  test('team apps import Berth only through the app API', () => {
    const sources = projectSources(path.join(__dirname, '..', '..'));
    expect([...sources.keys()].filter((file) => file.startsWith('apps/teams/')).length).toBeGreaterThan(1);
    expect(teamAppViolations(sources).map((v) => v.message)).toEqual([]);
  });

  test('a team app reaching past the app API is reported with how to fix it', () => {
    const files = new Map([
      [
        'apps/teams/shop.ts',
        "import { defineApp } from '..';\nimport { A } from '../index';\nimport { B } from './platform-images';\nimport { C } from '../../constructs/workloads/app-size';\nimport { D } from '../app-definition';\n",
      ],
      [
        'apps/check-apps.ts',
        "import { APPS } from './teams';\nimport { E } from '../constructs/workloads/app';\n",
      ],
    ]);
    expect(teamAppViolations(files)).toEqual([
      expect.objectContaining({ file: 'apps/teams/shop.ts', imports: 'constructs/workloads/app-size' }),
      expect.objectContaining({ file: 'apps/teams/shop.ts', imports: 'apps/app-definition' }),
    ]);
    expect(teamAppViolations(files)[0].message).toContain("from '..' (apps/index.ts)");
  });

  test('reads static, re-exported and dynamic relative imports, not packages', () => {
    expect(
      relativeImports(
        "import a from './a';\nexport * from '../b';\nconst c = import('./c');\nimport 'yaml';\nconst d = require('../d');\nimport e from \"./e\";\nimport f from '..';",
      ),
    ).toEqual(['./a', '../b', './c', '../d', './e', '..']);
  });

  test('files outside the layers (tests, generated code) are not checked', () => {
    expect(layerOf('test/x.test.ts')).toBeUndefined();
    expect(layerOf('.gen/providers/openstack/index.ts')).toBeUndefined();
    expect(layerOf('main.ts')).toBe(8);
    expect(layerOf('constructs/workloads/app.ts')).toBeGreaterThan(layerOf('constructs/addons/x.ts')!);
    expect(layerOf('constructs/loose-file.ts')).toBeUndefined();
    expect(layerOf('apps/teams/shop.ts')).toBe(layerOf('apps/check-apps.ts'));
    expect(layerOf('apps/check-apps.ts')).toBeGreaterThan(layerOf('constructs/workloads/app.ts')!);
    expect(layerOf('charts/environment-chart.ts')).toBeGreaterThan(layerOf('apps/check-apps.ts')!);
  });
});
