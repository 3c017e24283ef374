import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { APPS } from '../../apps/teams';
import { AppDefinition } from '../../apps/app-definition';
import { APPS_FOLDER, checkAppFiles } from '../../apps/app-files';
import { folderWith } from '../support/folder-tree';

const ROOT = path.join(__dirname, '..', '..');

function project(files: Record<string, string>): string {
  return folderWith({
    [`${APPS_FOLDER}/`]: '',
    ...Object.fromEntries(Object.entries(files).map(([name, text]) => [`${APPS_FOLDER}/${name}`, text])),
  });
}

describe('checkAppFiles', () => {
  test('every file of this repository is registered', () => {
    expect(checkAppFiles(ROOT)).toEqual([]);
  });

  test('every app a file of apps/teams exports is in APPS', () => {
    const folder = path.join(ROOT, APPS_FOLDER);
    let found = 0;
    for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.ts') && f !== 'index.ts')) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exported = Object.values(require(path.join(folder, file)) as Record<string, unknown>);
      for (const value of exported.filter((v): v is AppDefinition => isApp(v))) {
        expect(APPS).toContain(value);
        found++;
      }
    }
    expect(found).toBe(APPS.length);
  });

  test('names each file index.ts does not reach, directly or through another app file', () => {
    const root = project({
      'index.ts': "import { shop } from './shop';\nexport const APPS = [shop];\n",
      'shop.ts': "import { BASE } from './images';\nexport const shop = {};\n",
      'images.ts': 'export const BASE = 1;\n',
      'billing.ts': 'export const billing = {};\n',
      'cart.ts': "import { BASE } from './images';\n",
    });
    expect(checkAppFiles(root).map((p) => p.path)).toEqual(['apps/teams/billing.ts', 'apps/teams/cart.ts']);
    expect(checkAppFiles(root)[0].message).toContain('is not registered, so it would deploy nothing');
  });

  test('no folder (a build without sources): nothing to check', () => {
    expect(checkAppFiles(fs.mkdtempSync(path.join(os.tmpdir(), 'berth-none-')))).toEqual([]);
  });
});

function isApp(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    'name' in value &&
    'environments' in value &&
    'image' in value
  );
}
