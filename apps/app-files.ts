import * as fs from 'fs';
import * as path from 'path';
import { NOT_A_VALUE, Problem } from '../config';

/** Where team apps live, relative to the project root. */
export const APPS_FOLDER = path.join('apps', 'teams');

/** `import ... from './name'` in an app file (one line, linear). */
const LOCAL_IMPORT = /from\s+'\.\/([A-Za-z0-9_.-]+)'/g;

/**
 * Finds the files of `apps/teams/` that `index.ts` never reaches through local imports: an app written
 * but never registered would deploy nothing, silently. Returns a problem per such file; none when the
 * folder is absent (a build without its sources).
 *
 * @param root the project root (the folder holding `apps/`)
 */
export function checkAppFiles(root: string): Problem[] {
  const folder = path.join(root, APPS_FOLDER);
  let files: string[];
  try {
    files = fs.readdirSync(folder).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  } catch {
    return [];
  }
  const reached = new Set<string>();
  const queue = ['index.ts'];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (reached.has(file) || !files.includes(file)) continue;
    reached.add(file);
    const source = fs.readFileSync(path.join(folder, file), 'utf8');
    for (const match of source.matchAll(LOCAL_IMPORT)) queue.push(`${match[1].replace(/\.ts$/, '')}.ts`);
  }
  return files
    .filter((f) => !reached.has(f))
    .sort()
    .map((f) => ({
      path: `${APPS_FOLDER}/${f}`.split(path.sep).join('/'),
      value: NOT_A_VALUE,
      message: `is not registered, so it would deploy nothing: import its app in ${APPS_FOLDER.split(path.sep).join('/')}/index.ts and add it to APPS`,
    }));
}
