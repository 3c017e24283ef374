import { DEFAULT_REPORT, parseReportArgs } from '../../../scripts/review/report-args';

test('arguments: --base, --out, --config; mistakes are named', () => {
  expect(parseReportArgs([])).toEqual({ out: DEFAULT_REPORT });
  expect(parseReportArgs(['--base', 'main', '--out', 'r.html', '--config', 'p.yaml'])).toEqual({
    base: 'main',
    out: 'r.html',
    config: 'p.yaml',
  });
  expect(parseReportArgs(['--out'])).toBe('--out needs a value');
  expect(parseReportArgs(['--json'])).toBe('unknown argument "--json"');
  expect(parseReportArgs(['-h'])).toBe('');
});
