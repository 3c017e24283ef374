/**
 * The teams' apps as a bundle of their own, `dist/apps/teams/index.js` (built by scripts/build.js;
 * docs/decisions/0022-synth-bundles-and-code-cache.md, third addendum). App teams edit their app files far
 * more often than anything else of Berth: an edit of one then rebuilds and compiles this small bundle
 * alone (~0.08 s more than an unchanged synthesis), and main's bundle keeps its code cache. Main's bundle
 * was built again after every edit, then compiled again without its cache (~0.3 s more).
 *
 * A team app imports Berth only through the app API (`apps/index.ts`, imported as `'..'`), and the team
 * apps' bundle is handed the very module the program holds: one copy of every class an app and Berth
 * share. An app file importing another file of Berth fails the build, with how to fix it.
 */
'use strict';
const path = require('path');

/** The team apps' entry, from the project root, without `.ts`. */
const TEAM_APPS = 'apps/teams/index';
/** The folder of the team apps' files, from the project root. */
const TEAM_APPS_DIR = path.posix.dirname(TEAM_APPS);
/** The one file of Berth a team app imports, from the project root. */
const APP_API = 'apps/index.ts';
/** What a program's bundle requires to load the team apps: a function of the app API, giving their exports. */
const TEAM_APPS_ID = 'berth:team-apps';
/** What the team apps' bundle requires for the app API. */
const APP_API_ID = 'berth:app-api';
/** The namespace of the stand-in a program bundles in place of the team apps. */
const STAND_IN = 'team-apps';

/** The paths an import of a module may resolve to before esbuild adds the extension (`x`, `x.ts`, `x/index.ts`). */
function modulePaths(root, file) {
  const full = path.join(root, file);
  const bare = full.replace(/\.ts$/, '');
  return bare.endsWith(`${path.sep}index`) ? [full, bare, path.dirname(bare)] : [full, bare];
}

/**
 * In a program's build: its import of the team apps becomes a stand-in that hands the program's own app
 * API to the team apps' bundle and exports what they export. The program's stamp then says that it loads
 * the team apps (see {@link loadsTeamApps}), whose bundle is built with it.
 */
function teamAppsApart(root) {
  const entry = modulePaths(root, `${TEAM_APPS}.ts`);
  return {
    name: 'team-apps-apart',
    setup(build) {
      build.onResolve({ filter: /(?:^|[\\/])teams(?:[\\/]index(?:\.ts)?)?$/ }, (args) =>
        entry.includes(path.resolve(args.resolveDir, args.path))
          ? { path: TEAM_APPS, namespace: STAND_IN }
          : undefined,
      );
      build.onResolve({ filter: new RegExp(`^${TEAM_APPS_ID}$`) }, (args) => ({
        path: args.path,
        external: true,
      }));
      build.onLoad({ filter: /.*/, namespace: STAND_IN }, () => ({
        contents: `module.exports = require(${JSON.stringify(TEAM_APPS_ID)})(require(${JSON.stringify(`./${APP_API}`)}));\n`,
        resolveDir: root,
        loader: 'js',
      }));
    },
  };
}

/**
 * What is wrong with a team app's import of a file of Berth past the app API, and how to fix it (`importer`
 * and `target` from the project root). `test/architecture/layers.test.ts` checks the same rule.
 */
function pastApiProblem(importer, target) {
  return `${importer} imports ${target}: a team app imports Berth only through the app API, from '..' (${APP_API}); export what it needs there`;
}

/**
 * In the team apps' build: an import of the app API is left to the program that loads them; an import of
 * any other file of Berth (their own folder aside) is an error.
 */
function appApiApart(root) {
  const teams = path.join(root, TEAM_APPS_DIR);
  const api = modulePaths(root, APP_API);
  const relative = (file) => path.relative(root, file).split(path.sep).join('/');
  return {
    name: 'app-api-apart',
    setup(build) {
      build.onResolve({ filter: /^\.\.?(?:[\\/]|$)/ }, (args) => {
        const target = path.resolve(args.resolveDir, args.path);
        if (target.startsWith(`${teams}${path.sep}`)) return undefined;
        if (api.includes(target)) return { path: APP_API_ID, external: true };
        return {
          errors: [
            {
              text: pastApiProblem(relative(args.importer), relative(target)),
            },
          ],
        };
      });
    },
  };
}

/** Whether a program built with {@link teamAppsApart} loads the team apps (its bundled inputs, by esbuild's names). */
function loadsTeamApps(inputs) {
  return inputs.has(`${STAND_IN}:${TEAM_APPS}`);
}

/** Whether an import a build left external is one of the bundles' own ids (neither a package nor a file). */
function isBundleId(name) {
  return name === TEAM_APPS_ID || name === APP_API_ID;
}

/**
 * The app API as the team apps' bundle sees it: the program's, except that a name it does not export ends
 * the run as a failed build does (exit 1, the fix named), before anything is written. Bundled together,
 * esbuild refused such an import; apart, the app would call `undefined` (an app using a name the API no
 * longer exports, until the team apps are edited again).
 */
function guardedApi(api) {
  return new Proxy(api, {
    get(target, name, receiver) {
      if (typeof name === 'string' && name !== '__esModule' && !(name in target)) {
        console.error(
          `error: the team apps use ${name} from '..', which the app API (${APP_API}) does not export: export it there, or change the app (npm test's type-check names the file)`,
        );
        process.exit(1);
      }
      return Reflect.get(target, name, receiver);
    },
  });
}

/**
 * What a program's `require` gives for {@link TEAM_APPS_ID}: loads the team apps' bundle with
 * `load(requireFn)`, in which the bundle's require of the app API gives the program's, and any other id
 * what `requireFn` gives.
 */
function teamAppsLoader(load, requireFn) {
  return (api) => {
    const guarded = guardedApi(api);
    return load((id) => (id === APP_API_ID ? guarded : requireFn(id)));
  };
}

module.exports = {
  TEAM_APPS,
  TEAM_APPS_DIR,
  APP_API,
  TEAM_APPS_ID,
  pastApiProblem,
  teamAppsApart,
  appApiApart,
  loadsTeamApps,
  isBundleId,
  teamAppsLoader,
};
