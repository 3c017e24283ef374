import { DataSize } from '../../config';

describe('DataSize', () => {
  test.each([
    ['40Gi', 40, '40Gi'],
    ['512Mi', 0.5, '512Mi'],
    ['1Ti', 1024, '1024Gi'],
    ['1.5Gi', 1.5, '1536Mi'],
  ])('parses %s', (text, gib, rendered) => {
    const size = DataSize.tryParse(text)!;
    expect(size.toGibibytes()).toBe(gib);
    expect(size.toString()).toBe(rendered);
  });

  test.each(['40', '40GB', '-1Gi', '0Gi', 40, null])('rejects %p', (text) => {
    expect(DataSize.tryParse(text)).toBeUndefined();
  });

  test('knows whole GiB for Cinder', () => {
    expect(DataSize.gibibytes(40).isWholeGibibytes).toBe(true);
    expect(DataSize.mebibytes(512).isWholeGibibytes).toBe(false);
    expect(DataSize.mebibytes(2048).toGibibytes()).toBe(2);
    expect(DataSize.gibibytes(2).toMebibytes()).toBe(2048);
  });
});
