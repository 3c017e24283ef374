import * as fs from 'fs';
import * as path from 'path';

/**
 * Every path under `root`, relative and sorted, a folder's ending with '/', with a file's text (a folder's
 * is ''); nothing when `root` does not exist.
 */
export function folderTree(root: string): [string, string][] {
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[])
    .map((name): [string, string] => {
      const file = path.join(root, name);
      return fs.statSync(file).isDirectory() ? [`${name}/`, ''] : [name, fs.readFileSync(file, 'utf8')];
    })
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
