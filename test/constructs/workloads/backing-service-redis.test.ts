import { Testing } from 'cdk8s';
import {
  REDIS_ENGINE,
  RedisService,
  redisConnection,
} from '../../../constructs/workloads/backing-service-redis';
import { Json, at, find, testChart, workloadEnvironment } from '../../support/environments';

describe('RedisService', () => {
  test('runs Redis with a password expanded by Kubernetes, never written out', () => {
    const chart = testChart();
    new RedisService(chart, 'cache', {
      environment: workloadEnvironment('dev'),
      name: 'app-cache',
      clients: ['app'],
    });
    const objects = Testing.synth(chart) as Json[];
    const container = at(
      find(objects, 'StatefulSet', 'app-cache'),
      'spec',
      'template',
      'spec',
      'containers',
      0,
    ) as Json;
    expect(container.args).toEqual([
      'redis-server',
      '--requirepass',
      '$(REDIS_PASSWORD)',
      '--appendonly',
      'yes',
      '--dir',
      '/data',
      '--repl-diskless-sync-delay',
      '0',
    ]);
    expect(container.env).toEqual([
      {
        name: 'REDIS_PASSWORD',
        valueFrom: { secretKeyRef: { name: 'app-cache-credentials', key: 'password' } },
      },
    ]);
    expect(at(find(objects, 'Service', 'app-cache'), 'spec', 'ports', 0, 'port')).toBe(6379);
  });

  test('hands apps a typed Redis connection', () => {
    expect(redisConnection('app-cache')).toMatchObject({ kind: 'redis', host: 'app-cache', port: 6379 });
    expect(REDIS_ENGINE.urlTemplate('app-cache')).toBe('redis://:{{password}}@app-cache:6379/0');
  });
});
