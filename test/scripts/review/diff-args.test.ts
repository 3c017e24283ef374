import { parseDiffArgs } from '../../../scripts/review/diff-args';

test('arguments: --base, --json, --config; mistakes are named', () => {
  expect(parseDiffArgs([])).toEqual({ json: false });
  expect(parseDiffArgs(['--base', 'v1', '--json', '--config', 'p.yaml'])).toEqual({
    base: 'v1',
    json: true,
    config: 'p.yaml',
  });
  expect(parseDiffArgs(['--base'])).toBe('--base needs a value');
  expect(parseDiffArgs(['--base', '--json'])).toBe('--base needs a value');
  expect(parseDiffArgs(['--frobnicate'])).toBe('unknown argument "--frobnicate"');
  expect(parseDiffArgs(['--help'])).toBe('');
});
