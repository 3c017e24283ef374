import { Cron } from 'cdk8s';
import { AppProbe, defineApp, redis } from '..';
import { REDIS_7_4_DIGEST } from './platform-images';

/**
 * A worker + cron pair: every night the cron job queues report requests in Redis and the worker renders
 * them; each release prepares the queue (consumer groups) before the new version runs.
 */
export const reports = defineApp({
  name: 'reports',
  image: 'team-data/reports',
  services: { queue: redis({ digest: REDIS_7_4_DIGEST }) },
  workers: {
    worker: { command: ['reports', 'work'], liveness: AppProbe.exec(['reports', 'healthcheck']) },
  },
  cronJobs: {
    nightly: {
      command: ['reports', 'enqueue', '--all'],
      schedule: Cron.schedule({ minute: '30', hour: '2' }),
    },
  },
  release: { command: ['reports', 'prepare-queue'] },
  environments: {
    dev: { tag: 'main' },
    test: { digest: 'sha256:f5e9010c0cc8d9f2424b0fbbf01fb6feaa7c2aebe89a84e1547eecc9e5b181d1' },
    prod: {
      digest: 'sha256:f5e9010c0cc8d9f2424b0fbbf01fb6feaa7c2aebe89a84e1547eecc9e5b181d1',
      workers: { worker: { replicas: 2 } },
    },
  },
});
