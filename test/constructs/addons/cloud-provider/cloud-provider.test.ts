import { Testing } from 'cdktf';
import * as YAML from 'yaml';
import { LoadBalancerAlgorithm, LoadBalancerProvider, VolumeReclaimPolicy } from '../../../../config';
import {
  CinderCsiChartValues,
  CloudProvider,
  OpenStackCcmChartValues,
  ClusterOpenStackAccess,
  cloudConf,
} from '../../../../constructs/addons';

const OPENSTACK: ClusterOpenStackAccess = {
  authUrl: 'https://keystone.example.com:5000/v3',
  region: 'RegionOne',
  applicationCredentialId: 'cred-id',
  applicationCredentialSecret: 'cred-secret',
  networkId: 'net-id',
  subnetId: 'subnet-id',
  floatingNetworkId: 'ext-id',
  loadBalancing: {
    provider: LoadBalancerProvider.AMPHORA,
    algorithm: LoadBalancerAlgorithm.LEAST_CONNECTIONS,
  },
};

type Resource = Record<string, unknown> & {
  metadata: { name: string; annotations?: Record<string, string> };
};

function build(volumeType?: string) {
  const json = JSON.parse(
    Testing.synthScope((scope) => {
      new CloudProvider(scope, 'cloud-provider', {
        clusterId: 'berth-main',
        openstack: OPENSTACK,
        storageClassName: 'fast-ssd',
        volumeType,
        reclaimPolicy: VolumeReclaimPolicy.DELETE,
        ignoreVolumeAz: true,
      });
    }),
  );
  const releases = Object.values(json.resource.helm_release) as {
    name: string;
    values: string[];
    namespace: string;
  }[];
  const values = <T>(name: string) => YAML.parse(releases.find((r) => r.name === name)!.values[0]) as T;
  return { json, releases, values };
}

describe('CloudProvider', () => {
  test('cloud.conf comes from the application credential and is written only as a Kubernetes Secret', () => {
    const { json, releases } = build();
    const secret = Object.values(json.resource.kubernetes_secret_v1)[0] as Resource & {
      data: Record<string, string>;
    };
    expect(secret.metadata).toEqual({ name: 'cloud-config', namespace: 'kube-system' });
    expect(secret.data['cloud.conf']).toContain('application-credential-id=cred-id');
    expect(secret.data['cloud.conf']).toContain('application-credential-secret="cred-secret"');
    for (const release of releases) expect(release.values[0]).not.toContain('cred-secret');
  });

  test('the cloud controller runs on masters, before nodes are initialized, without the routes controller', () => {
    const ccm = build().values<OpenStackCcmChartValues>('openstack-ccm');
    expect(ccm.secret).toEqual({ create: false, name: 'cloud-config' });
    expect(ccm.nodeSelector).toEqual({ 'node-role.kubernetes.io/control-plane': '' });
    expect(ccm.tolerations.map((t) => t.key)).toContain('node.cloudprovider.kubernetes.io/uninitialized');
    expect(ccm.enabledControllers).not.toContain('route');
    expect(ccm.cluster.name).toBe('berth-main');
  });

  test('Cinder CSI reads the same Secret and leaves the StorageClass to Berth', () => {
    const csi = build().values<CinderCsiChartValues>('cinder-csi');
    expect(csi.secret).toEqual({
      enabled: true,
      create: false,
      name: 'cloud-config',
      filename: 'cloud.conf',
    });
    expect(csi.storageClass.enabled).toBe(false);
    for (const part of [csi.csi.attacher, csi.csi.provisioner, csi.csi.resizer, csi.csi.plugin]) {
      expect(part.resources.limits.memory).toMatch(/Mi$/);
    }
  });

  test('the default StorageClass allows expansion and waits for the first consumer', () => {
    const sc = Object.values(build('ssd').json.resource.kubernetes_storage_class_v1)[0] as Resource;
    expect(sc).toEqual(
      expect.objectContaining({
        storage_provisioner: 'cinder.csi.openstack.org',
        allow_volume_expansion: true,
        volume_binding_mode: 'WaitForFirstConsumer',
        reclaim_policy: 'Delete',
        parameters: { type: 'ssd' },
      }),
    );
    expect(sc.metadata.name).toBe('fast-ssd');
    expect(sc.metadata.annotations).toEqual({ 'storageclass.kubernetes.io/is-default-class': 'true' });
    const plain = Object.values(build().json.resource.kubernetes_storage_class_v1)[0] as Resource;
    expect(plain.parameters).toBeUndefined();
  });

  test('cloudConf renders the load balancer and block storage sections', () => {
    const text = cloudConf(OPENSTACK, false);
    expect(text.split('\n')).toEqual(
      expect.arrayContaining([
        '[LoadBalancer]',
        'floating-network-id=ext-id',
        'subnet-id=subnet-id',
        'ignore-volume-az=false',
      ]),
    );
  });

  test("Service load balancers use the platform's provider and algorithm (OVN accepts only SOURCE_IP_PORT)", () => {
    const lines = (os: ClusterOpenStackAccess) => cloudConf(os, true).split('\n');
    const section = (text: string[]) =>
      text.slice(text.indexOf('[LoadBalancer]'), text.indexOf('[BlockStorage]'));
    expect(section(lines(OPENSTACK))).toEqual(
      expect.arrayContaining(['lb-provider=amphora', 'lb-method=LEAST_CONNECTIONS']),
    );
    const ovn = lines({
      ...OPENSTACK,
      loadBalancing: { provider: LoadBalancerProvider.OVN, algorithm: LoadBalancerAlgorithm.SOURCE_IP_PORT },
    });
    expect(section(ovn)).toEqual(expect.arrayContaining(['lb-provider=ovn', 'lb-method=SOURCE_IP_PORT']));
  });

  test('a private CA goes into the Secret beside cloud.conf, which names it as ca-file in [Global]', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n';
    const text = cloudConf({ ...OPENSTACK, caCertificatePem: pem }, false).split('\n');
    expect(text.slice(0, text.indexOf(''))).toContain('ca-file=/etc/config/ca.crt');
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        new CloudProvider(scope, 'cloud-provider', {
          clusterId: 'berth-main',
          openstack: { ...OPENSTACK, caCertificatePem: pem },
          storageClassName: 'cinder',
          reclaimPolicy: VolumeReclaimPolicy.DELETE,
          ignoreVolumeAz: true,
        });
      }),
    );
    const secret = Object.values(json.resource.kubernetes_secret_v1)[0] as { data: Record<string, string> };
    expect(secret.data['ca.crt']).toBe(pem);
    expect(cloudConf(OPENSTACK, false)).not.toContain('ca-file');
    const plain = Object.values(build().json.resource.kubernetes_secret_v1)[0] as {
      data: Record<string, string>;
    };
    expect(Object.keys(plain.data)).toEqual(['cloud.conf']);
  });
});
