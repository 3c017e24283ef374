import {
  DEPLOYER_GROUP,
  DEPLOYER_RENEW_BEFORE,
  DEPLOYER_VALIDITY,
  DEPLOYERS_BINDING_NAME,
  deployersClusterRoleBinding,
} from '../../../constructs/cluster/cluster-deployers';
import { schemaErrors } from '../../support/kubernetes-schema';

describe('deployersClusterRoleBinding', () => {
  const binding = deployersClusterRoleBinding();

  test('grants cluster-admin to the deployers group, never to system:masters', () => {
    expect(DEPLOYER_GROUP).not.toBe('system:masters');
    expect(DEPLOYER_GROUP.startsWith('system:')).toBe(false);
    expect(binding.metadata.name).toBe(DEPLOYERS_BINDING_NAME);
    expect(binding.roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: 'cluster-admin',
    });
    expect(binding.subjects).toEqual([
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: DEPLOYER_GROUP },
    ]);
  });

  test('is a valid Kubernetes object', () => {
    expect(schemaErrors(binding as never)).toEqual([]);
  });
});

test('deployer certificates live a week and are re-issued on any deploy after a day', () => {
  expect(DEPLOYER_VALIDITY.toHours()).toBe(168);
  expect(DEPLOYER_VALIDITY.toHours() - DEPLOYER_RENEW_BEFORE.toHours()).toBe(24);
});
