import { Cidr } from '../../config';

describe('Cidr', () => {
  test('parses canonical IPv4 networks', () => {
    const cidr = Cidr.of('10.0.0.0/24');
    expect(cidr.prefix).toBe(24);
    expect(cidr.size).toBe(256);
    expect(cidr.toString()).toBe('10.0.0.0/24');
    expect(JSON.stringify({ cidr })).toBe('{"cidr":"10.0.0.0/24"}');
  });

  test.each(['10.0.0.1/24', '10.0.0.0', '256.0.0.0/8', '10.0.0.0/33', 'ten/8', '', 42, undefined])(
    'rejects %p',
    (text) => {
      expect(Cidr.tryParse(text)).toBeUndefined();
    },
  );

  test('of() throws for invalid text', () => {
    expect(() => Cidr.of('nope')).toThrow('not an IPv4 CIDR: nope');
  });

  test('detects overlap and containment', () => {
    const big = Cidr.of('10.0.0.0/8');
    const small = Cidr.of('10.96.0.0/12');
    const other = Cidr.of('192.168.0.0/16');
    expect(big.overlaps(small)).toBe(true);
    expect(small.overlaps(big)).toBe(true);
    expect(big.contains(small)).toBe(true);
    expect(small.contains(big)).toBe(false);
    expect(big.overlaps(other)).toBe(false);
    expect(Cidr.of('10.0.0.0/24').overlaps(Cidr.of('10.0.1.0/24'))).toBe(false);
  });

  test('computes host addresses from either end', () => {
    const cidr = Cidr.of('10.0.0.0/24');
    expect(cidr.host(1)).toBe('10.0.0.1');
    expect(cidr.host(10)).toBe('10.0.0.10');
    expect(cidr.host(-2)).toBe('10.0.0.254');
    expect(() => cidr.host(256)).toThrow('outside 10.0.0.0/24');
  });
});
