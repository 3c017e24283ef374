import { MAX_VOLUME_GIB, parseVolumeSize } from '../../config';
import { cluster, onlyProblem } from '../support/platform-problems';

describe('platform fields: node volume sizes and networks', () => {
  test.each([
    ['nodeCidr', '10.0.0.1/24'],
    ['podCidr', 'not-a-cidr'],
    ['serviceCidr', '10.96.0.0/40'],
  ])('rejects an invalid %s', (field, value) => {
    const problem = onlyProblem(cluster({ [field]: value }));
    expect(problem).toMatchObject({ path: `clusters[0].${field}`, value });
    expect(problem.message).toContain('IPv4 network in CIDR notation');
  });

  test('rejects volume sizes that Cinder cannot allocate', () => {
    expect(onlyProblem(cluster({ masters: { volumeSize: '512Mi' } })).path).toBe(
      'clusters[0].masters.volumeSize',
    );
    expect(onlyProblem(cluster({ minionPools: [{ name: 'a', volumeSize: '50GB' }] })).message).toContain(
      'size such as "40Gi"',
    );
  });
});

describe('parseVolumeSize', () => {
  test('whole GiB from 10Gi to MAX_VOLUME_GIB, in any unit', () => {
    expect(parseVolumeSize('10Gi')?.toGibibytes()).toBe(10);
    expect(parseVolumeSize('10240Mi')?.toGibibytes()).toBe(10);
    expect(parseVolumeSize('16Ti')?.toGibibytes()).toBe(MAX_VOLUME_GIB);
  });

  test.each(['9Gi', '1536Mi', '17Ti', '40GB', ''])('refuses %p', (text) => {
    expect(parseVolumeSize(text)).toBeUndefined();
  });
});
