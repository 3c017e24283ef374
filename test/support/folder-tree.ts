import * as fs from 'fs';
import * as os from 'os';
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

/** A new temporary folder holding `files` (path relative to it → content); empty folders end with '/'. */
export function folderWith(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-folder-'));
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(root, name);
    if (name.endsWith('/')) fs.mkdirSync(target, { recursive: true });
    else {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, content);
    }
  }
  return root;
}
