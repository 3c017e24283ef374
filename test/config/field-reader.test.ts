import { DNS_1123_LABEL, DNS_DOMAIN, FieldReader, Problems, join } from '../../config';

function reader(): FieldReader {
  return new FieldReader(new Problems());
}

describe('FieldReader', () => {
  test('falls back to the default for absent values', () => {
    const read = reader();
    expect(read.string('a', undefined, 'x')).toBe('x');
    expect(read.integer('n', null, 4, 0, 9)).toBe(4);
    expect(read.strings('l', undefined, ['y'])).toEqual(['y']);
    expect(read.stringMap('m', undefined)).toEqual({});
    expect(read.problems.count).toBe(0);
  });

  test('records one problem per bad value and keeps going', () => {
    const read = reader();
    read.string('a', 5, 'x');
    read.integer('n', 2.5, 4, 0, 9);
    read.strings('l', ['ok', 3, ''], []);
    read.object('o', { known: 1, typo: 2 }, ['known']);
    expect(read.problems.all.map((p) => p.path)).toEqual(['a', 'n', 'l[1]', 'l[2]', 'o.typo']);
  });

  test('quotes keys that are not identifiers in paths', () => {
    expect(join('labels', 'example.com/tier')).toBe('labels."example.com/tier"');
    expect(join('', 'name')).toBe('name');
  });

  test('names and domains follow DNS rules', () => {
    expect(DNS_1123_LABEL.test('team-a')).toBe(true);
    expect(DNS_1123_LABEL.test('Team')).toBe(false);
    expect(DNS_1123_LABEL.test('a'.repeat(64))).toBe(false);
    expect(DNS_DOMAIN.test('paas.example.com')).toBe(true);
    expect(DNS_DOMAIN.test('localhost')).toBe(false);
  });
});
