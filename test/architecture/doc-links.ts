/**
 * Links from the documentation to the code: every relative Markdown link and every project path written
 * in backticks must name a file or folder that exists, so docs/architecture.md and the guides do not
 * send a reader to a file that moved.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Top-level folders a backticked path must start with to be checked as a path into the project. */
export const PROJECT_FOLDERS: readonly string[] = [
  'apps',
  'charts',
  'config',
  'constructs',
  'docs',
  'examples',
  'providers',
  'schema',
  'scripts',
  'stacks',
  'test',
];

/** Paths the docs tell the reader to create (a worked example), which therefore do not exist. */
export const TO_BE_CREATED: readonly string[] = ['apps/teams/guestbook.ts'];

export interface DeadLink {
  readonly doc: string;
  readonly target: string;
  readonly message: string;
}

/**
 * The dead links of one Markdown document (`doc`, relative to the root): relative Markdown links resolve
 * against the document's folder; backticked project paths (`constructs/addons/core/addon.ts`, a module
 * specifier without `.ts`, a folder) against the root. Placeholders (`<name>`, `*`, `NNNN`) are skipped.
 */
export function deadLinks(doc: string, text: string, exists: (relative: string) => boolean): DeadLink[] {
  const dead: DeadLink[] = [];
  for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const link = match[1];
    if (/^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith('#')) continue;
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(doc), link.split('#')[0]));
    if (!exists(target.replace(/\/$/, ''))) {
      dead.push({ doc, target: link, message: `${doc} links to ${link}: ${target} does not exist` });
    }
  }
  for (const match of text.matchAll(/`([\w./-]+)`/g)) {
    const written = match[1];
    const top = written.split('/')[0];
    if (!PROJECT_FOLDERS.includes(top) || !written.includes('/') || /NNNN|\.\.\./.test(written)) continue;
    const target = written.replace(/\/$/, '');
    if (TO_BE_CREATED.includes(target) || exists(target) || exists(`${target}.ts`)) continue;
    dead.push({ doc, target: written, message: `${doc} names ${written}, which does not exist` });
  }
  return dead;
}

/** README.md and every Markdown file under the project's folders (not node_modules, .gen, cdktf.out). */
export function projectDocs(root: string): Map<string, string> {
  const docs = new Map<string, string>([
    ['README.md', fs.readFileSync(path.join(root, 'README.md'), 'utf8')],
  ]);
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = `${dir}/${entry.name}`;
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(relative);
      else if (entry.name.endsWith('.md'))
        docs.set(relative, fs.readFileSync(path.join(root, relative), 'utf8'));
    }
  };
  for (const folder of PROJECT_FOLDERS) if (fs.existsSync(path.join(root, folder))) walk(folder);
  return docs;
}
