import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

/**
 * What a copy of the project needs to build and run its programs: package.json (the packages the build
 * leaves to the packages bundle), tsconfig.json and the files and folders its `include` names at the root
 * (the one list of the project's sources), without the tests and examples.
 */
export function programSources(): string[] {
  const { include } = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8')) as {
    include: string[];
  };
  const entries = include.map((pattern) => pattern.split('/')[0]);
  return [
    'package.json',
    'tsconfig.json',
    ...new Set(entries.filter((e) => e !== 'test' && e !== 'examples')),
  ];
}
