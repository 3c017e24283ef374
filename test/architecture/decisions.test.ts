import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectSources } from './layers';

const ROOT = path.join(__dirname, '..', '..');
const DECISIONS = path.join(ROOT, 'docs', 'decisions');
const FILE_NAME = /^(\d{4})-[a-z0-9]+(?:-[a-z0-9]+)*\.md$/;

/** Every `docs/decisions/NNNN-name.md` (or bare `NNNN-name.md` inside docs/decisions) a text mentions. */
function decisionLinks(text: string): string[] {
  return [...text.matchAll(/\b(\d{4}-[a-z0-9]+(?:-[a-z0-9]+)*\.md)\b/g)].map((m) => m[1]);
}

function docsAndSources(): Map<string, string> {
  const texts = projectSources(ROOT);
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const relative = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(relative);
      else if (entry.name.endsWith('.md'))
        texts.set(relative, fs.readFileSync(path.join(ROOT, relative), 'utf8'));
    }
  };
  walk('docs');
  texts.set('README.md', fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
  return texts;
}

describe('decision records', () => {
  const files = fs.readdirSync(DECISIONS).sort();

  test('each is named NNNN-kebab-title.md and no two share a number', () => {
    expect(files.filter((f) => !FILE_NAME.test(f))).toEqual([]);
    const numbers = files.map((f) => f.slice(0, 4));
    const shared = numbers.filter((n, i) => numbers.indexOf(n) !== i);
    expect(shared).toEqual([]);
  });

  test('a title that states a number states its own', () => {
    const wrong = files.filter((f) => {
      const title = fs.readFileSync(path.join(DECISIONS, f), 'utf8').split('\n')[0];
      const stated = /^#\s*(\d{4})\b/.exec(title)?.[1];
      return stated !== undefined && stated !== f.slice(0, 4);
    });
    expect(wrong).toEqual([]);
  });

  test('every decision the code and docs name exists (a renumbered record leaves no dangling link)', () => {
    const existing = new Set(files);
    const dangling: string[] = [];
    for (const [file, text] of docsAndSources()) {
      for (const link of decisionLinks(text)) if (!existing.has(link)) dangling.push(`${file}: ${link}`);
    }
    expect(dangling).toEqual([]);
  });

  test('the link finder sees file names in paths and prose, and nothing else', () => {
    expect(
      decisionLinks('see docs/decisions/0007-etcd-backups.md and (0016-chart-pins.md); v1.2.md'),
    ).toEqual(['0007-etcd-backups.md', '0016-chart-pins.md']);
  });
});
