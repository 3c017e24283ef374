import { programSources } from './project-sources';

test("a copy of the project gets the programs' sources as tsconfig.json includes them, not the tests", () => {
  const sources = programSources();
  expect(sources).toEqual(
    expect.arrayContaining([
      'package.json',
      'tsconfig.json',
      'main.ts',
      'config',
      'constructs',
      'apps',
      'charts',
      'stacks',
      'scripts',
      '.gen',
    ]),
  );
  expect(sources).not.toContain('test');
  expect(new Set(sources).size).toBe(sources.length);
});
