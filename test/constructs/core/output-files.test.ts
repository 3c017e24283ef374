import * as fs from 'fs';
import * as path from 'path';
import { OUTPUT_TREE_EVENT, OutputFiles, folderContents } from '../../../constructs/core/output-files';
import { folderTree, folderWith } from '../../support/folder-tree';

/** Every path under `root`, folders ending with '/', sorted. */
function tree(root: string): string[] {
  return folderTree(root).map(([name]) => name);
}

test('folderContents: every file, and the folders holding nothing; nothing for a missing folder', () => {
  const root = folderWith({ 'a.txt': 'a', 'x/y/b.txt': 'b', 'empty/': '', 'x/hollow/': '' });
  const contents = folderContents(root);
  expect([...contents.files].sort()).toEqual([path.join(root, 'a.txt'), path.join(root, 'x/y/b.txt')]);
  expect([...contents.emptyFolders].sort()).toEqual([path.join(root, 'empty'), path.join(root, 'x/hollow')]);
  expect(folderContents(path.join(root, 'missing'))).toEqual({ files: [], emptyFolders: [] });
});

test('files are written over in place; what this synthesis did not write goes, with the folders it emptied', () => {
  const parent = folderWith({
    'out/kept.txt': 'old',
    'out/old/stale.txt': 'stale',
    'out/old/deeper/stale.txt': 'stale',
    'out/mixed/stale.txt': 'stale',
    'out/mixed/kept.txt': 'old',
    'out/hollow/': '',
    'beside.txt': 'not ours',
  });
  const root = path.join(parent, 'out');
  const keptInode = fs.statSync(path.join(root, 'kept.txt')).ino;
  const files = new OutputFiles();
  files.write(path.join(root, 'kept.txt'), 'new');
  files.write(path.join(root, 'mixed/kept.txt'), 'new');
  files.write(path.join(root, 'fresh/file.txt'), 'fresh');
  files.removeStale(root);
  expect(tree(root)).toEqual(['fresh/', 'fresh/file.txt', 'kept.txt', 'mixed/', 'mixed/kept.txt']);
  expect(fs.readFileSync(path.join(root, 'kept.txt'), 'utf8')).toBe('new');
  expect(fs.statSync(path.join(root, 'kept.txt')).ino).toBe(keptInode);
  expect(fs.readFileSync(path.join(parent, 'beside.txt'), 'utf8')).toBe('not ours');
});

test('a file already holding the bytes is not written again; a changed one is', () => {
  const root = folderWith({ 'same.txt': 'same', 'changed.txt': 'old' });
  const past = new Date('2020-01-01T00:00:00Z');
  for (const name of ['same.txt', 'changed.txt']) fs.utimesSync(path.join(root, name), past, past);
  const files = new OutputFiles();
  files.write(path.join(root, 'same.txt'), 'same');
  files.write(path.join(root, 'changed.txt'), 'new');
  expect(fs.statSync(path.join(root, 'same.txt')).mtime).toEqual(past);
  expect(fs.statSync(path.join(root, 'changed.txt')).mtime).not.toEqual(past);
  expect(fs.readFileSync(path.join(root, 'changed.txt'), 'utf8')).toBe('new');
  // Both count as written: neither is stale.
  files.removeStale(root);
  expect(tree(root)).toEqual(['changed.txt', 'same.txt']);
});

test('a folder left with nothing is removed itself, and nothing above it', () => {
  const parent = folderWith({ 'out/a/b.txt': 'stale' });
  const root = path.join(parent, 'out');
  new OutputFiles().removeStale(root);
  expect(fs.existsSync(root)).toBe(false);
  expect(fs.existsSync(parent)).toBe(true);
});

test('a file where a folder goes, or a folder where a file goes, is replaced', () => {
  const root = folderWith({ 'role/files': 'was a file', 'role/config.yaml/inside.txt': 'was a folder' });
  const files = new OutputFiles();
  files.write(path.join(root, 'role/files/etc/motd'), 'hello');
  files.write(path.join(root, 'role/config.yaml'), 'a: 1\n');
  files.removeStale(root);
  expect(tree(root)).toEqual([
    'role/',
    'role/config.yaml',
    'role/files/',
    'role/files/etc/',
    'role/files/etc/motd',
  ]);
  expect(fs.readFileSync(path.join(root, 'role/config.yaml'), 'utf8')).toBe('a: 1\n');
});

test('other write errors are not hidden', () => {
  const root = folderWith({});
  const files = new OutputFiles();
  expect(() => files.write(path.join(root, 'bad\0name'), 'x')).toThrow();
});

test('writtenBy: a writer that cannot tell its files writes an emptied folder, and all it leaves counts', () => {
  const parent = folderWith({ 'out/app/old.yaml': 'stale', 'out/other.txt': 'stale' });
  const root = path.join(parent, 'out');
  const files = new OutputFiles();
  files.writtenBy(path.join(root, 'app'), () => {
    expect(fs.existsSync(path.join(root, 'app'))).toBe(false);
    fs.mkdirSync(path.join(root, 'app'));
    fs.writeFileSync(path.join(root, 'app', 'chart.yaml'), 'x');
  });
  files.removeStale(root);
  expect(tree(root)).toEqual(['app/', 'app/chart.yaml']);
});

test('claiming a folder tells the run record, by its absolute path, before anything is written there', () => {
  const claimed: unknown[] = [];
  const listener = (root: unknown) => claimed.push(root);
  process.on(OUTPUT_TREE_EVENT, listener);
  try {
    new OutputFiles().claim(path.join('cdktf.out', 'manifests'));
  } finally {
    process.off(OUTPUT_TREE_EVENT, listener);
  }
  expect(claimed).toEqual([path.resolve('cdktf.out', 'manifests')]);
});
