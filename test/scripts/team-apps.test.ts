import { spawnSync } from 'child_process';
import * as path from 'path';

/**
 * The team apps' loader (scripts/team-apps.js) as a program's `require` serves it: the bundle gets the
 * program's app API, guarded. `test/scripts/build.test.ts` builds and runs the real bundles.
 */
const TEAM_APPS = path.join(__dirname, '..', '..', 'scripts', 'team-apps.js');

/** Loads a stand-in bundle that runs `body` with `api` (its require of the app API) and prints what it returns. */
function loadTeamApps(body: string) {
  const program = `
    const { teamAppsLoader } = require(${JSON.stringify(TEAM_APPS)});
    const bundle = (requireFn) => { const api = requireFn('berth:app-api'); return (${body})(api, requireFn); };
    const program = { defineApp: (app) => ({ defined: app }), SizeClass: { S: 'S' } };
    const packages = (id) => ({ package: id });
    console.log(JSON.stringify(teamAppsLoader(bundle, packages)(program)));`;
  return spawnSync(process.execPath, ['-e', program], { encoding: 'utf8' });
}

test("the team apps get the program's app API, and their other imports from the program's require", () => {
  const run = loadTeamApps(
    "(api, requireFn) => [api.defineApp('shop'), api.SizeClass.S, api.__esModule, requireFn('cdk8s')]",
  );
  expect([run.status, run.stderr]).toEqual([0, '']);
  expect(JSON.parse(run.stdout)).toEqual([{ defined: 'shop' }, 'S', null, { package: 'cdk8s' }]);
});

test('a name the app API does not export stops the run as a failed build does, naming it and the fix', () => {
  const run = loadTeamApps('(api) => api.AppProbe');
  expect(run.status).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr).toBe(
    "error: the team apps use AppProbe from '..', which the app API (apps/index.ts) does not export: export it there, or change the app (npm test's type-check names the file)\n",
  );
});
