import { Duration } from '../../config';

describe('Duration', () => {
  test.each([
    ['30s', 30],
    ['15m', 900],
    ['12h', 43200],
    ['7d', 604800],
    ['2w', 1209600],
  ])('parses %s', (text, seconds) => {
    expect(Duration.tryParse(text)?.toSeconds()).toBe(seconds);
  });

  test.each([['7'], ['7 d'], ['1.5h'], ['0d'], ['-1h'], ['1y'], [''], [7]])('rejects %p', (text) => {
    expect(Duration.tryParse(text)).toBeUndefined();
  });

  test('prints the largest exact unit, and whole hours for Loki', () => {
    expect(Duration.days(14).toString()).toBe('2w');
    expect(Duration.hours(36).toString()).toBe('36h');
    expect(Duration.seconds(90).toString()).toBe('90s');
    expect(Duration.days(7).toHoursString()).toBe('168h');
    expect(Duration.seconds(90).toHoursString()).toBe('1h');
    expect(JSON.stringify({ d: Duration.hours(1) })).toBe('{"d":"1h"}');
  });
});
