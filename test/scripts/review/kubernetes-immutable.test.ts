import { immutableChanges } from '../../../scripts/review/kubernetes-immutable';

const obj = (kind: string, spec: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  kind,
  metadata: { name: 'x' },
  spec,
  ...extra,
});

test('StatefulSet: volumeClaimTemplates, selector and serviceName cannot change; replicas and template can', () => {
  const base = {
    replicas: 1,
    selector: { a: 1 },
    serviceName: 's',
    template: { t: 1 },
    volumeClaimTemplates: [{ size: '1Gi' }],
  };
  expect(
    immutableChanges(
      obj('StatefulSet', base),
      obj('StatefulSet', { ...base, replicas: 3, template: { t: 2 } }),
    ),
  ).toEqual([]);
  expect(
    immutableChanges(
      obj('StatefulSet', base),
      obj('StatefulSet', { ...base, volumeClaimTemplates: [{ size: '2Gi' }], serviceName: 't' }),
    ),
  ).toEqual(['spec.serviceName', 'spec.volumeClaimTemplates']);
});

test('Deployment and DaemonSet selectors, Job templates, Service clusterIP, binding roleRef', () => {
  expect(
    immutableChanges(obj('Deployment', { selector: { a: 1 } }), obj('Deployment', { selector: { a: 2 } })),
  ).toEqual(['spec.selector']);
  expect(immutableChanges(obj('Deployment', { replicas: 1 }), obj('Deployment', { replicas: 2 }))).toEqual(
    [],
  );
  expect(immutableChanges(obj('Job', { template: { a: 1 } }), obj('Job', { template: { a: 2 } }))).toEqual([
    'spec.template',
  ]);
  expect(
    immutableChanges(obj('Service', { clusterIP: '10.0.0.1' }), obj('Service', { clusterIP: '10.0.0.2' })),
  ).toEqual(['spec.clusterIP']);
  expect(
    immutableChanges(
      { kind: 'RoleBinding', roleRef: { name: 'a' } },
      { kind: 'RoleBinding', roleRef: { name: 'b' } },
    ),
  ).toEqual(['roleRef']);
});

test('PersistentVolumeClaim: growing is allowed, shrinking and other spec changes are not', () => {
  const pvc = (size: string, cls = 'cinder') =>
    obj('PersistentVolumeClaim', { storageClassName: cls, resources: { requests: { storage: size } } });
  expect(immutableChanges(pvc('1Gi'), pvc('2Gi'))).toEqual([]);
  expect(immutableChanges(pvc('2Gi'), pvc('1Gi'))).toEqual(['spec.resources.requests.storage (shrunk)']);
  expect(immutableChanges(pvc('1Gi'), pvc('1Gi', 'fast'))).toEqual(['spec']);
});

test('immutable ConfigMaps and Secrets cannot change their data; ordinary ones can', () => {
  const cm = (data: Record<string, string>, immutable?: boolean) => ({
    kind: 'ConfigMap',
    data,
    ...(immutable ? { immutable } : {}),
  });
  expect(immutableChanges(cm({ a: '1' }, true), cm({ a: '2' }, true))).toEqual(['data (immutable: true)']);
  expect(immutableChanges(cm({ a: '1' }), cm({ a: '2' }))).toEqual([]);
});
