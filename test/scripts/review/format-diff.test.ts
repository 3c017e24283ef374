import {
  DiffExitCode,
  diffJson,
  exitCodeOf,
  formatDiff,
  summaryLine,
} from '../../../scripts/review/format-diff';
import {
  Area,
  ChangeKind,
  PlatformChange,
  PlatformDiff,
  Risk,
} from '../../../scripts/review/platform-change';

const change = (overrides: Partial<PlatformChange>): PlatformChange => ({
  cluster: 'main',
  scope: 'infrastructure',
  area: Area.VM,
  kind: ChangeKind.REPLACED,
  subject: 'VM berth-main-master-1',
  reasons: ['server group'],
  risk: Risk.DANGEROUS,
  details: [],
  sources: ['openstack_compute_instance_v2.m'],
  ...overrides,
});
const scopes = [
  { cluster: 'main', scope: 'infrastructure' },
  { cluster: 'main', scope: 'environment dev' },
];

test('exit codes: 0 no change, 1 changes, 3 dangerous', () => {
  expect(exitCodeOf({ scopes, changes: [] })).toBe(DiffExitCode.NO_CHANGE);
  expect(exitCodeOf({ scopes, changes: [change({ risk: Risk.DISRUPTIVE })] })).toBe(DiffExitCode.CHANGES);
  expect(exitCodeOf({ scopes, changes: [change({})] })).toBe(DiffExitCode.DANGEROUS);
  expect(DiffExitCode.ERROR).toBe(2);
});

test('text: per scope, flags and verbs, long details cut with a pointer to --json', () => {
  const diff: PlatformDiff = {
    scopes,
    changes: [
      change({ details: Array.from({ length: 5 }, (_, i) => `+line ${i}`) }),
      change({
        kind: ChangeKind.ADDED,
        verb: 'opened',
        subject: 'security rule tcp 22',
        risk: Risk.SAFE,
        reasons: [],
      }),
    ],
  };
  expect(formatDiff(diff, { title: 'Plan diff', maxDetailLines: 2 })).toBe(
    [
      'Plan diff',
      '',
      'cluster main',
      '  infrastructure:',
      '    ± DANGEROUS VM berth-main-master-1 replaced',
      '        server group',
      '          +line 0',
      '          +line 1',
      '          ... 3 more lines (--json has them all)',
      '    + security rule tcp 22 opened',
      '  environment dev: no change',
      '',
      '2 changes, 1 DANGEROUS.',
      '',
    ].join('\n'),
  );
  expect(summaryLine({ scopes: [], changes: [] })).toBe('No change.');
});

test('JSON: summary, exit code, per-scope counts and every change', () => {
  const json = JSON.parse(diffJson({ scopes, changes: [change({})] }, { base: { ref: 'main' } }));
  expect(json).toMatchObject({
    base: { ref: 'main' },
    summary: '1 change, 1 DANGEROUS.',
    exitCode: 3,
    dangerous: true,
    scopes: [
      { cluster: 'main', scope: 'infrastructure', changes: 1 },
      { cluster: 'main', scope: 'environment dev', changes: 0 },
    ],
  });
  expect(json.changes[0].subject).toBe('VM berth-main-master-1');
});
