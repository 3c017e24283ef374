/**
 * The layers of the code base, lowest first. A file may import from its own layer and the layers below,
 * never from a layer above: the folder layout is the architecture (docs/architecture.md).
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

/**
 * Folders (and files) in layer order, lowest first. `constructs/` is layered inside: shared building
 * blocks (`core`), the cluster's machines and bootstrap (`cluster`), platform add-ons (`addons`), then
 * what teams deploy (`workloads`). `apps` holds what teams write (their app files in `apps/teams/`) and
 * how it is planned and checked; `charts` holds only the cdk8s charts built from it.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ['config'],
  ['constructs/core'],
  ['constructs/cluster'],
  ['constructs/addons'],
  ['constructs/workloads'],
  ['apps'],
  ['charts'],
  ['stacks'],
  ['main.ts', 'scripts'],
];

/** The layer index of a project-relative path, or undefined for files outside the layers (tests, .gen). */
export function layerOf(relativePath: string): number | undefined {
  const parts = relativePath.split('/');
  const index = LAYERS.findIndex(
    (layer) => layer.includes(parts[0]) || layer.includes(parts.slice(0, 2).join('/')),
  );
  return index < 0 ? undefined : index;
}

/** Relative module specifiers a TypeScript source imports, re-exports or requires. */
export function relativeImports(source: string): string[] {
  const specifiers: string[] = [];
  for (const match of source.matchAll(/\b(?:from|import|require)\s*\(?\s*(['"])(\.{1,2}(?:\/[^'"]*)?)\1/g)) {
    specifiers.push(match[2]);
  }
  return specifiers;
}

export interface LayerViolation {
  readonly file: string;
  readonly imports: string;
  readonly message: string;
}

/** Every import, in the given files (path relative to `root` and content), that points to a higher layer. */
export function layerViolations(files: ReadonlyMap<string, string>): LayerViolation[] {
  const violations: LayerViolation[] = [];
  for (const [file, source] of files) {
    const from = layerOf(file);
    if (from === undefined) continue;
    for (const specifier of relativeImports(source)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
      const to = layerOf(target);
      if (to !== undefined && to > from) {
        violations.push({
          file,
          imports: target,
          message: `${file} imports ${target}: ${LAYERS[from].join('/')} may not import from the higher layer ${LAYERS[to].join('/')}; move the shared piece down (names and types to config/, building blocks to constructs/)`,
        });
      }
    }
  }
  return violations;
}

/** The add-ons' shared machinery and contract: below every add-on folder. */
export const ADDONS_CORE = 'constructs/addons/core';

/** Where Berth's add-ons are registered, and the add-ons' barrel: above every add-on folder. */
export const ADDONS_REGISTRATION: readonly string[] = [
  'constructs/addons/platform-addons',
  'constructs/addons/index',
  'constructs/addons',
];

/**
 * Imports that break the order inside the add-ons layer: `core/` (the contract and shared machinery) never
 * imports an add-on folder or the registration (that would make the contract a closed list), and an
 * add-on folder never imports the registration or the barrel (it names the add-ons it requires directly).
 */
export function addonLayerViolations(files: ReadonlyMap<string, string>): LayerViolation[] {
  const violations: LayerViolation[] = [];
  const addons = 'constructs/addons/';
  for (const [file, source] of files) {
    if (!file.startsWith(addons) || !file.slice(addons.length).includes('/')) continue;
    const inCore = file.startsWith(`${ADDONS_CORE}/`);
    for (const specifier of relativeImports(source)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
      const bare = target.replace(/\.ts$/, '');
      const registration = ADDONS_REGISTRATION.includes(bare);
      const addonFolder = bare.startsWith(addons) && !bare.startsWith(`${ADDONS_CORE}/`) && !registration;
      if (inCore && (registration || addonFolder)) {
        violations.push({
          file,
          imports: target,
          message: `${file} imports ${target}: ${ADDONS_CORE} is the contract every add-on builds on and may not know the add-ons; let the add-on declare it in its AddonDefinition and collect it in the registry (AddonRegistry)`,
        });
      } else if (!inCore && registration) {
        violations.push({
          file,
          imports: target,
          message: `${file} imports ${target}: an add-on folder may not import the registration or the add-ons' barrel; import what it needs from the add-on's own folder or from ${ADDONS_CORE}`,
        });
      }
    }
  }
  return violations;
}

/**
 * The public contract an add-on written outside Berth may use: the config barrel (`config/index.ts`: the
 * add-on section types, the field reader, value classes, platform names) and the add-ons barrel
 * (`constructs/addons/index.ts`: `AddonDefinition`, `PlatformAddon`, the building blocks, Berth's
 * add-ons to require).
 */
export const PUBLIC_CONTRACT: readonly string[] = ['config', 'constructs/addons'];

/** Folder of the example add-ons, written as a third party would (docs/addons.md). */
export const EXAMPLES = 'examples';

/**
 * Imports that break the examples' rule: an example imports only the public contract (the two barrels)
 * and files of its own folder; no project file imports an example (they plug in through a registry).
 */
export function exampleViolations(files: ReadonlyMap<string, string>): LayerViolation[] {
  const violations: LayerViolation[] = [];
  for (const [file, source] of files) {
    const inExamples = file.startsWith(`${EXAMPLES}/`);
    for (const specifier of relativeImports(source)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
      const targetInExamples = target.startsWith(`${EXAMPLES}/`);
      if (inExamples) {
        const ownFolder = target.startsWith(`${path.posix.dirname(file)}/`);
        if (!ownFolder && !PUBLIC_CONTRACT.includes(target)) {
          violations.push({
            file,
            imports: target,
            message: `${file} imports ${target}: an example add-on uses only the public contract (${PUBLIC_CONTRACT.map((c) => `${c}/index.ts`).join(', ')}) and its own folder; export what it needs from a barrel`,
          });
        }
      } else if (targetInExamples && layerOf(file) !== undefined) {
        violations.push({
          file,
          imports: target,
          message: `${file} imports ${target}: the project never depends on an example; examples plug in through a registry (AddonRegistry.with) in tests or their own entry point`,
        });
      }
    }
  }
  return violations;
}

/** The project's own TypeScript sources under `root`, keyed by POSIX path relative to it. */
export function projectSources(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!['node_modules', 'dist', 'cdktf.out', '.gen', '.git', 'test'].includes(entry.name))
          walk(relative);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        files.set(relative, fs.readFileSync(path.join(root, relative), 'utf8'));
      }
    }
  };
  walk('');
  return files;
}

/** The team apps' rule as the build enforces it (scripts/team-apps.js). */
const teamApps = createRequire(__filename)('../../scripts/team-apps.js') as {
  TEAM_APPS_DIR: string;
  APP_API: string;
  pastApiProblem: (importer: string, target: string) => string;
};

/** The paths an import of the app API may name (`..` from a team app: its folder, or its index). */
const APP_API_IMPORTS = [path.posix.dirname(teamApps.APP_API), teamApps.APP_API.replace(/\.ts$/, '')];

/**
 * Imports that break the team apps' rule: an app file imports Berth only through the app API, and files of
 * its own folder. Its bundle is handed the program's app API at run time; any other file of Berth would be
 * a second copy inside it (the build fails such an import the same way).
 */
export function teamAppViolations(files: ReadonlyMap<string, string>): LayerViolation[] {
  const violations: LayerViolation[] = [];
  const folder = `${teamApps.TEAM_APPS_DIR}/`;
  for (const [file, source] of files) {
    if (!file.startsWith(folder)) continue;
    for (const specifier of relativeImports(source)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
      if (target.startsWith(folder) || APP_API_IMPORTS.includes(target)) continue;
      violations.push({ file, imports: target, message: teamApps.pastApiProblem(file, target) });
    }
  }
  return violations;
}
