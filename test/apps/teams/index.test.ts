import { Testing } from 'cdk8s';
import { APPS } from '../../../apps/teams';
import { petclinic } from '../../../apps/teams/petclinic';
import { reports } from '../../../apps/teams/reports';
import { wordpress } from '../../../apps/teams/wordpress';
import { TOMCAT_BASE_IMAGE } from '../../../apps/teams/platform-images';
import { Json, at, environmentChart, find, objectsOf } from '../../support/environments';

describe('the sample apps', () => {
  test('are registered and run in dev, test and prod', () => {
    expect(APPS.map((a) => a.name)).toEqual(['wordpress', 'petclinic', 'reports']);
    for (const app of APPS) expect(Object.keys(app.environments)).toEqual(['dev', 'test', 'prod']);
  });

  test('WordPress runs with MySQL and keeps its files on a volume', () => {
    expect(wordpress.services?.database.kind).toBe('mysql');
    const objects = objectsOf(environmentChart(APPS, 'prod'));
    const env = at(
      find(objects, 'Deployment', 'wordpress'),
      'spec',
      'template',
      'spec',
      'containers',
      0,
      'env',
    ) as Json[];
    expect(env).toContainEqual({ name: 'WORDPRESS_DB_HOST', value: 'wordpress-database:3306' });
    expect(env).toContainEqual({
      name: 'WORDPRESS_DB_PASSWORD',
      valueFrom: { secretKeyRef: { name: 'wordpress-database-credentials', key: 'password' } },
    });
    expect(find(objects, 'PersistentVolumeClaim', 'wordpress-content')).toBeDefined();
    expect(find(objects, 'StatefulSet', 'wordpress-database')).toBeDefined();
  });

  test('petclinic runs every version on the one shared Tomcat base image', () => {
    const images = (['dev', 'test', 'prod'] as const).map((env) => {
      const spec = at(
        find(objectsOf(environmentChart(APPS, env)), 'Deployment', 'petclinic'),
        'spec',
        'template',
        'spec',
      ) as Json;
      return {
        base: String(at(spec, 'containers', 0, 'image')),
        artifact: String(at(spec, 'initContainers', 0, 'image')),
      };
    });
    for (const { base } of images) expect(base).toContain(`/platform/tomcat@${TOMCAT_BASE_IMAGE.digest}`);
    expect(images[0].artifact).toContain('team-java/petclinic-war:');
    expect(petclinic.runtime?.baseImage).toBe(TOMCAT_BASE_IMAGE);
  });

  test('reports is a worker + cron pair with a release job', () => {
    expect(Object.keys(reports.workers ?? {})).toEqual(['worker']);
    expect(Object.keys(reports.cronJobs ?? {})).toEqual(['nightly']);
    const chart = environmentChart(APPS, 'prod');
    const objects = Testing.synth(chart) as Json[];
    expect(at(find(objects, 'Deployment', 'reports-worker'), 'spec', 'replicas')).toBe(2);
    expect(at(find(objects, 'CronJob', 'reports-nightly'), 'spec', 'schedule')).toBe('30 2 * * *');
    expect(
      objects.some(
        (o) => o.kind === 'Job' && String(at(o, 'metadata', 'name')).startsWith('reports-release-'),
      ),
    ).toBe(true);
  });
});
