import { Testing } from 'cdk8s';
import {
  POSTGRES_ENGINE,
  PostgresService,
  postgresConnection,
} from '../../../constructs/workloads/backing-service-postgres';
import { Json, at, find, testChart, workloadEnvironment } from '../../support/environments';

describe('PostgresService', () => {
  test('runs PostgreSQL 17 with PGDATA inside the volume and the password from the Secret', () => {
    const chart = testChart();
    new PostgresService(chart, 'db', {
      environment: workloadEnvironment('dev'),
      name: 'app-db',
      clients: ['app'],
    });
    const container = at(
      find(Testing.synth(chart) as Json[], 'StatefulSet', 'app-db'),
      'spec',
      'template',
      'spec',
      'containers',
      0,
    ) as Json;
    expect(container.image).toBe('registry.apps.main.berth.example.com/dev/platform/postgres:17');
    expect(container.env).toEqual([
      { name: 'POSTGRES_DB', value: 'app' },
      { name: 'POSTGRES_USER', value: 'app' },
      {
        name: 'POSTGRES_PASSWORD',
        valueFrom: { secretKeyRef: { name: 'app-db-credentials', key: 'password' } },
      },
      { name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' },
    ]);
    expect(at(container, 'resources', 'requests', 'memory')).toBe('256Mi');
  });

  test('hands apps a typed SQL connection', () => {
    expect(postgresConnection('app-db')).toMatchObject({ kind: 'postgresql', host: 'app-db', port: 5432 });
    expect(POSTGRES_ENGINE.urlTemplate('app-db')).toBe('postgresql://app:{{password}}@app-db:5432/app');
  });
});
