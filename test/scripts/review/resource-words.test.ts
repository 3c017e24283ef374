import { describeResource } from '../../../scripts/review/resource-words';
import { Area } from '../../../scripts/review/platform-change';
import { TerraformBlock } from '../../../scripts/review/synth-output';

/** infraChanges is exercised on real synthesized pairs in platform-diff.test.ts. */
const block = (type: string, config: Record<string, unknown>, path = 'x/y'): TerraformBlock => ({
  address: `${type}.n`,
  mode: 'resource',
  type,
  name: 'n',
  path,
  config,
});

test('resources in platform words', () => {
  const none = () => undefined;
  expect(
    describeResource(
      block('openstack_networking_floatingip_v2', { description: 'berth-main-api (Berth)' }),
      none,
    ),
  ).toEqual({
    area: Area.FLOATING_IP,
    subject: 'floating IP berth-main-api (Berth)',
  });
  expect(
    describeResource(block('openstack_lb_loadbalancer_v2', { name: 'berth-main-ingress' }), none),
  ).toEqual({
    area: Area.LOAD_BALANCER,
    subject: 'load balancer berth-main-ingress',
  });
  expect(
    describeResource(
      block('openstack_compute_servergroup_v2', { name: 'berth-main-master', policies: ['anti-affinity'] }),
      none,
    ).subject,
  ).toBe('server group berth-main-master (anti-affinity)');
  expect(describeResource(block('tls_self_signed_cert', {}, 'pki/ca'), none)).toEqual({
    area: Area.SECRET,
    subject: 'tls_self_signed_cert pki/ca',
  });
});
