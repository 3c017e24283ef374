import { formatHunks, lineDiff } from '../../../scripts/review/line-diff';

test('equal texts have no hunks', () => {
  expect(lineDiff('a\nb\n', 'a\nb\n')).toEqual([]);
});

test('a changed line in a long file: one hunk with two lines of context, removals before additions', () => {
  const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n');
  const after = before.replace('line 10', 'line ten');
  expect(formatHunks(lineDiff(before, after))).toEqual([
    '@@ -8 +8 @@',
    ' line 8',
    ' line 9',
    '-line 10',
    '+line ten',
    ' line 11',
    ' line 12',
  ]);
});

test('changes far apart make separate hunks; additions and removals at the ends', () => {
  const before = Array.from({ length: 12 }, (_, i) => `${i}`).join('\n');
  const after = ['start', ...before.split('\n').slice(0, 11)].join('\n');
  const hunks = formatHunks(lineDiff(before, after, 1));
  expect(hunks).toEqual(['@@ -1 +1 @@', '+start', ' 0', '@@ -11 +12 @@', ' 10', '-11']);
});

test('new and removed files diff against empty text', () => {
  expect(formatHunks(lineDiff('', 'x\ny\n'))).toEqual(['@@ -1 +1 @@', '+x', '+y']);
  expect(formatHunks(lineDiff('x\n', ''))).toEqual(['@@ -1 +1 @@', '-x']);
});
