import { Testing } from 'cdk8s';
import {
  MYSQL_ENGINE,
  MySqlService,
  mysqlConnection,
} from '../../../constructs/workloads/backing-service-mysql';
import { Json, at, find, testChart, workloadEnvironment } from '../../support/environments';

describe('MySqlService', () => {
  test('runs MySQL 8.4 with its data in a sub-directory of the volume and passwords from the Secret', () => {
    const chart = testChart();
    new MySqlService(chart, 'db', {
      environment: workloadEnvironment('dev'),
      name: 'blog-db',
      clients: ['blog'],
    });
    const container = at(
      find(Testing.synth(chart) as Json[], 'StatefulSet', 'blog-db'),
      'spec',
      'template',
      'spec',
      'containers',
      0,
    ) as Json;
    expect(container.image).toBe('registry.apps.main.berth.example.com/dev/platform/mysql:8.4');
    expect(container.args).toEqual(['--datadir=/var/lib/mysql/data']);
    expect(container.env).toEqual([
      { name: 'MYSQL_DATABASE', value: 'app' },
      { name: 'MYSQL_USER', value: 'app' },
      {
        name: 'MYSQL_PASSWORD',
        valueFrom: { secretKeyRef: { name: 'blog-db-credentials', key: 'password' } },
      },
      {
        name: 'MYSQL_ROOT_PASSWORD',
        valueFrom: { secretKeyRef: { name: 'blog-db-credentials', key: 'root-password' } },
      },
    ]);
    expect(container.volumeMounts).toContainEqual({ name: 'data', mountPath: '/var/lib/mysql' });
    expect(container.volumeMounts).toContainEqual({ name: 'writable-0', mountPath: '/var/run/mysqld' });
  });

  test('hands apps a typed SQL connection and keeps a URL template for the generated Secret', () => {
    expect(mysqlConnection('blog-db')).toMatchObject({
      host: 'blog-db',
      port: 3306,
      database: 'app',
      username: 'app',
    });
    expect(MYSQL_ENGINE.urlTemplate('blog-db')).toBe('mysql://app:{{password}}@blog-db:3306/app');
    expect(MYSQL_ENGINE.passwordKeys).toEqual(['password', 'root-password']);
  });
});
