import {
  bindingPrefix,
  connectionVariables,
  credentialsSecretName,
} from '../../../constructs/workloads/backing-service-connection';
import { mysqlConnection } from '../../../constructs/workloads/backing-service-mysql';
import { redisConnection } from '../../../constructs/workloads/backing-service-redis';

describe('backing service connections', () => {
  test('a SQL binding injects URL, host, port, name, user and password', () => {
    expect(Object.keys(connectionVariables('DATABASE', mysqlConnection('db')))).toEqual([
      'DATABASE_URL',
      'DATABASE_HOST',
      'DATABASE_PORT',
      'DATABASE_NAME',
      'DATABASE_USER',
      'DATABASE_PASSWORD',
    ]);
  });

  test('a Redis binding has no database or user', () => {
    const vars = connectionVariables('CACHE', redisConnection('cache'));
    expect(Object.keys(vars)).toEqual(['CACHE_URL', 'CACHE_HOST', 'CACHE_PORT', 'CACHE_PASSWORD']);
    expect(vars.CACHE_PORT).toBe('6379');
  });

  test('binding names become variable prefixes', () => {
    expect(['database', 'jobQueue', 'cache-2'].map(bindingPrefix)).toEqual([
      'DATABASE',
      'JOB_QUEUE',
      'CACHE_2',
    ]);
  });

  test('credentials live in <service>-credentials', () => {
    expect(credentialsSecretName('shop-db')).toBe('shop-db-credentials');
  });
});
