import * as path from 'node:path';
import { duplicateExports, exportedDeclarations } from './exported-names';
import { projectSources } from './layers';

describe('exported names', () => {
  test('no two modules export a declaration of the same name', () => {
    const sources = projectSources(path.join(__dirname, '..', '..'));
    const duplicates = [...duplicateExports(sources)].map(
      ([name, modules]) => `${name}: ${modules.join(', ')}`,
    );
    expect(duplicates).toEqual([]);
  });

  test('reads declarations, not re-exports; overloads of one function are one name', () => {
    const source = [
      'export function a(x: string): string;',
      'export function a(x: unknown): unknown { return x; }',
      'export const b = 1;',
      'export type C = string;',
      'export abstract class D {}',
      "export * from './e';",
      "export { F } from './f';",
      'export type { G };',
      'const h = 2;',
    ].join('\n');
    expect(exportedDeclarations(source)).toEqual(['a', 'b', 'C', 'D']);
  });

  test('a name declared by two modules is reported with both', () => {
    const files = new Map([
      ['config/a.ts', 'export function editDistance() {}\nexport const ONLY_A = 1;\n'],
      ['charts/b.ts', 'export function editDistance() {}\n'],
    ]);
    expect([...duplicateExports(files)]).toEqual([['editDistance', ['config/a.ts', 'charts/b.ts']]]);
  });
});
