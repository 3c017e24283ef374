import { resolvePlatform } from '../support/berth-platform';
import { cluster, onlyProblem } from '../support/platform-problems';

describe('resolveCloud', () => {
  test('rejects flavors that the cloud does not list, naming those it does', () => {
    const problem = onlyProblem(cluster({ masters: { flavor: 'm9.huge' } }));
    expect(problem).toMatchObject({ path: 'clusters[0].masters.flavor', value: 'm9.huge' });
    expect(problem.message).toContain('m1.small, m1.medium, m1.large, m1.xlarge');
  });

  test('rejects duplicate flavors', () => {
    const flavors = [
      { name: 'm1.large', vcpus: 4, memory: '8Gi' },
      { name: 'm1.large', vcpus: 8, memory: '8Gi' },
      { name: 'm1.medium', vcpus: 2, memory: '4Gi' },
    ];
    expect(onlyProblem({ cloud: { flavors } }).path).toBe('cloud.flavors[1].name');
  });

  test('load balancing: amphora by default; ovn gets SOURCE_IP_PORT; an algorithm the provider rejects is refused', () => {
    expect(resolvePlatform({}).cloud.loadBalancing).toEqual({
      provider: 'amphora',
      algorithm: 'LEAST_CONNECTIONS',
    });
    expect(resolvePlatform({ cloud: { loadBalancer: { provider: 'ovn' } } }).cloud.loadBalancing).toEqual({
      provider: 'ovn',
      algorithm: 'SOURCE_IP_PORT',
    });
    expect(
      resolvePlatform({ cloud: { loadBalancer: { algorithm: 'ROUND_ROBIN' } } }).cloud.loadBalancing
        .algorithm,
    ).toBe('ROUND_ROBIN');
    expect(
      onlyProblem({ cloud: { loadBalancer: { provider: 'ovn', algorithm: 'LEAST_CONNECTIONS' } } }),
    ).toEqual({
      path: 'cloud.loadBalancer.algorithm',
      value: 'LEAST_CONNECTIONS',
      message: expect.stringContaining('the ovn provider accepts: SOURCE_IP_PORT'),
    });
    expect(onlyProblem({ cloud: { loadBalancer: { algorithm: 'SOURCE_IP_PORT' } } }).message).toContain(
      'the amphora provider accepts: ROUND_ROBIN, LEAST_CONNECTIONS, SOURCE_IP',
    );
    expect(onlyProblem({ cloud: { loadBalancer: { provider: 'f5' } } })).toMatchObject({
      path: 'cloud.loadBalancer.provider',
      message: expect.stringContaining('"amphora", "ovn"'),
    });
  });
});
