import { environmentChanges } from '../../../scripts/review/app-changes';
import { ChangeKind, Risk } from '../../../scripts/review/platform-change';

const labels = (app: string) => ({ 'app.kubernetes.io/name': app });
const database = (size: string, image = 'postgres:17') => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'shop-database', labels: labels('shop-database') },
  spec: {
    replicas: 1,
    selector: { matchLabels: labels('shop-database') },
    template: { spec: { containers: [{ name: 'postgres', image }] } },
    volumeClaimTemplates: [{ spec: { resources: { requests: { storage: size } } } }],
  },
});
const web = (replicas: number, cpu = '100m') => ({
  kind: 'Deployment',
  metadata: { name: 'shop', labels: labels('shop') },
  spec: {
    replicas,
    template: { spec: { containers: [{ name: 'web', image: 'shop:1', resources: { requests: { cpu } } }] } },
  },
});

test('a StatefulSet whose volume claims change cannot be updated in place: dangerous', () => {
  const [change] = environmentChanges('main', 'prod', [database('1Gi')], [database('5Gi')]);
  expect(change).toMatchObject({
    subject: 'app shop-database',
    kind: ChangeKind.REPLACED,
    risk: Risk.DANGEROUS,
  });
  expect(change.reasons).toContain(
    'Kubernetes cannot change spec.volumeClaimTemplates of StatefulSet/shop-database in place: the object must be deleted and created again (its pods and claims go with it)',
  );
});

test('image, replicas and resources in words; removing a stateful app is dangerous', () => {
  const [change] = environmentChanges(
    'main',
    'dev',
    [web(1), database('1Gi')],
    [web(1), database('1Gi', 'postgres:17.1')],
  );
  expect(change.subject).toBe('app shop-database');
  expect(change.reasons).toEqual(['StatefulSet/shop-database: image postgres:17 -> postgres:17.1']);
  const shop = environmentChanges('main', 'dev', [web(1)], [web(2, '200m')])[0];
  expect(shop.reasons).toEqual([
    'Deployment/shop: resources of web (requests cpu=100m) -> (requests cpu=200m)',
    'Deployment/shop: replicas 1 -> 2',
  ]);
  const removed = environmentChanges('main', 'dev', [database('1Gi')], []);
  expect(removed[0]).toMatchObject({ kind: ChangeKind.REMOVED, risk: Risk.DANGEROUS });
});

test('quota changes of the environment itself; a new environment is one change', () => {
  const quota = (cpu: string) => ({
    kind: 'ResourceQuota',
    metadata: { name: 'environment' },
    spec: { hard: { 'requests.cpu': cpu } },
  });
  expect(environmentChanges('main', 'dev', [quota('4')], [quota('8')])[0]).toMatchObject({
    subject: 'environment dev',
    reasons: ['quota requests.cpu 4 -> 8'],
    risk: Risk.SAFE,
  });
  expect(environmentChanges('main', 'qa', undefined, [quota('4')])[0]).toMatchObject({
    subject: 'environment qa',
    kind: ChangeKind.ADDED,
  });
});
