import { AppEgress } from '../../../constructs/workloads/app-egress';

describe('AppEgress', () => {
  test('to a network on TCP ports', () => {
    expect(AppEgress.toNetwork('192.0.2.0/24', [25, 587]).toKube()).toEqual({
      to: [{ ipBlock: { cidr: '192.0.2.0/24' } }],
      ports: [
        { protocol: 'TCP', port: expect.objectContaining({ value: 25 }) },
        { protocol: 'TCP', port: expect.objectContaining({ value: 587 }) },
      ],
    });
  });

  test('to another app of the environment', () => {
    expect(AppEgress.toApp('api', 8080).toKube()).toEqual({
      to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'api' } } }],
      ports: [{ protocol: 'TCP', port: expect.objectContaining({ value: 8080 }) }],
    });
  });

  test.each([
    ['a network that is no CIDR', AppEgress.toNetwork('example.com', [443]), 'IPv4 CIDR'],
    ['a network with host bits', AppEgress.toNetwork('10.0.0.1/8', [443]), 'IPv4 CIDR'],
    ['no ports', AppEgress.toNetwork('0.0.0.0/0', []), 'at least one port'],
    ['a bad port', AppEgress.toApp('api', 0), 'port 0'],
  ])('reports %s', (_, rule, message) => {
    expect(rule.problems()).toEqual([expect.stringContaining(message)]);
  });
});
