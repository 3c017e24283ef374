import * as fs from 'node:fs';
import * as path from 'node:path';
import { deadLinks, projectDocs } from './doc-links';

const ROOT = path.join(__dirname, '..', '..');

describe('links from the docs', () => {
  test('every relative link and every project path in README.md and the docs names a file that exists', () => {
    const docs = projectDocs(ROOT);
    expect(docs.has('docs/architecture.md')).toBe(true);
    const exists = (relative: string) => fs.existsSync(path.join(ROOT, relative));
    const dead = [...docs].flatMap(([doc, text]) => deadLinks(doc, text, exists));
    expect(dead.map((d) => d.message)).toEqual([]);
  });

  test('a link or a path to a missing file is reported; placeholders, URLs and anchors are not', () => {
    const files = new Set(['config/index.ts', 'docs/addons.md', 'constructs/addons', 'scripts/bench.ts']);
    const exists = (relative: string) => files.has(relative);
    const text = [
      '[guide](addons.md) [gone](gone.md#part) [code](../config/index.ts) [site](https://example.org/x)',
      '[here](#layers) `config/index.ts` `config/moved.ts` `constructs/addons/` `scripts/bench`',
      '`constructs/addons/<name>/` `docs/decisions/NNNN-title.md` `index.ts` `apps/teams/guestbook.ts`',
    ].join('\n');
    expect(deadLinks('docs/architecture.md', text, exists)).toEqual([
      expect.objectContaining({ target: 'gone.md#part', message: expect.stringContaining('docs/gone.md') }),
      expect.objectContaining({ target: 'config/moved.ts' }),
    ]);
  });
});
