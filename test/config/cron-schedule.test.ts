import { isCronSchedule } from '../../config';

describe('isCronSchedule', () => {
  test.each([
    '30 3 * * 0',
    '*/15 * * * *',
    '0 0 1 jan,jul *',
    '0 9-17 * * mon-fri',
    '5 4 * * 7',
    '0 0 29 2 *',
    '@daily',
    '@hourly',
    '0,30 */2 1-15/3 * *',
  ])('accepts %p', (text) => expect(isCronSchedule(text)).toBe(true));

  test.each([
    'weekly',
    '* * * *',
    '* * * * * *',
    '60 * * * *',
    '0 24 * * *',
    '0 0 0 * *',
    '0 0 32 * *',
    '0 0 * 13 *',
    '0 0 * * 8',
    '5-1 * * * *',
    '*/0 * * * *',
    '1/2/3 * * * *',
    '0 0 * foo *',
    '@reboot',
    `${'1,'.repeat(60)}1 * * * *`,
  ])('refuses %p', (text) => expect(isCronSchedule(text)).toBe(false));
});
