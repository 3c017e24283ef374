import { TimeSpan } from '../../config';

describe('TimeSpan', () => {
  test.each([
    ['30s', 30],
    ['15m', 900],
    ['12h', 43200],
    ['7d', 604800],
    ['2w', 1209600],
  ])('parses %s', (text, seconds) => {
    expect(TimeSpan.tryParse(text)?.toSeconds()).toBe(seconds);
  });

  test.each([['7'], ['7 d'], ['1.5h'], ['0d'], ['-1h'], ['1y'], [''], [7]])('rejects %p', (text) => {
    expect(TimeSpan.tryParse(text)).toBeUndefined();
  });

  test('prints the largest exact unit, and whole hours for Loki', () => {
    expect(TimeSpan.days(14).toString()).toBe('2w');
    expect(TimeSpan.hours(36).toString()).toBe('36h');
    expect(TimeSpan.seconds(90).toString()).toBe('90s');
    expect(TimeSpan.days(7).toHoursString()).toBe('168h');
    expect(TimeSpan.seconds(90).toHoursString()).toBe('1h');
    expect(JSON.stringify({ d: TimeSpan.hours(1) })).toBe('{"d":"1h"}');
  });
});
