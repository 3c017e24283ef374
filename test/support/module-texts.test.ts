import * as fs from 'fs';
import { createRequire } from 'module';
import * as os from 'os';
import * as path from 'path';

const { moduleTexts } = createRequire(__filename)('./module-texts.js') as {
  moduleTexts: () => { read: (filename: string, readFromDisk: (filename: string) => string) => string };
};

let dir: string;
let reads: string[];
const fromDisk = (filename: string) => {
  reads.push(path.basename(filename));
  return fs.readFileSync(filename, 'utf8');
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-module-texts-'));
  reads = [];
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a file is read once while it stays as it was; each file has its own text', () => {
  const texts = moduleTexts();
  const [a, b] = [path.join(dir, 'a.js'), path.join(dir, 'b.js')];
  fs.writeFileSync(a, 'exports.a = 1;\n');
  fs.writeFileSync(b, 'exports.b = 2;\n');
  expect([texts.read(a, fromDisk), texts.read(b, fromDisk), texts.read(a, fromDisk)]).toEqual([
    'exports.a = 1;\n',
    'exports.b = 2;\n',
    'exports.a = 1;\n',
  ]);
  expect(reads).toEqual(['a.js', 'b.js']);
});

test('a file written again, even with text of the same length, is read again', () => {
  const texts = moduleTexts();
  const file = path.join(dir, 'm.js');
  fs.writeFileSync(file, 'exports.n = 1;\n');
  expect(texts.read(file, fromDisk)).toBe('exports.n = 1;\n');
  const before = fs.statSync(file);
  fs.writeFileSync(file, 'exports.n = 2;\n');
  fs.utimesSync(file, before.atime, before.mtime); // same size and mtime: the ctime still tells
  expect(texts.read(file, fromDisk)).toBe('exports.n = 2;\n');
  fs.rmSync(file);
  fs.writeFileSync(file, 'exports.n = 3;\n'); // replaced: another file
  expect(texts.read(file, fromDisk)).toBe('exports.n = 3;\n');
  expect(reads).toEqual(['m.js', 'm.js', 'm.js']);
});

test('a missing file fails as the reader fails, and is read when it comes', () => {
  const texts = moduleTexts();
  const file = path.join(dir, 'later.js');
  expect(() => texts.read(file, fromDisk)).toThrow(/ENOENT/);
  fs.writeFileSync(file, 'exports.later = true;\n');
  expect(texts.read(file, fromDisk)).toBe('exports.later = true;\n');
  expect(reads).toEqual(['later.js', 'later.js']);
});
