import { closestName, editDistance } from '../../../config/schema/did-you-mean';

describe('closestName', () => {
  const fields = ['name', 'count', 'flavor', 'volumeSize', 'volumeType', 'podCidr', 'serviceCidr'];

  test.each([
    ['cont', 'count'],
    ['flavour', 'flavor'],
    ['podCIDR', 'podCidr'],
    ['volumeSzie', 'volumeSize'],
    ['serviceCidrs', 'serviceCidr'],
  ])('%s is close to %s', (given, expected) => {
    expect(closestName(given, fields)).toBe(expected);
  });

  test('nothing close gives no guess (a wild guess helps nobody)', () => {
    expect(closestName('quotas', fields)).toBeUndefined();
    expect(closestName('x', fields)).toBeUndefined();
    expect(closestName('n'.repeat(100), fields)).toBeUndefined();
  });

  test('edit distance: insert, delete, substitute, swap; case costs half', () => {
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('abc', 'acb')).toBe(1);
    expect(editDistance('abc', 'ab')).toBe(1);
    expect(editDistance('abc', 'aBc')).toBe(0.5);
    expect(editDistance('', 'abc')).toBe(3);
  });
});
