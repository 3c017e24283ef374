import * as YAML from 'yaml';
import { NodeBootstrapProps, NodeRole } from '../../../constructs/cluster/node-bootstrap-props';
import { kubeadmDocuments } from '../../../constructs/cluster/node-kubeadm-documents';
import { KubeadmDocument, NodeRuntimeValue } from '../../../constructs/cluster/kubeadm-api';
import { KUBEADM_CONFIG_TEMPLATE } from '../../../constructs/cluster/node-bootstrap-environment';
import { SECRETS, render, sampleProps } from '../../support/node-bootstrap-samples';

describe('the kubeadm documents of each role', () => {
  const kubeadmOf = (role: NodeRole) =>
    YAML.parseAllDocuments(render(sampleProps(role)).file(KUBEADM_CONFIG_TEMPLATE)).map(
      (d) => d.toJS() as KubeadmDocument,
    );
  const ofKind = <K extends KubeadmDocument['kind']>(docs: KubeadmDocument[], kind: K) => {
    const found = docs.find((d) => d.kind === kind);
    if (!found) throw new Error(`no ${kind}`);
    return found as Extract<KubeadmDocument, { kind: K }>;
  };

  test('kubelets bootstrap CA-signed serving certificates when an approver will run', () => {
    const kubeletOf = (props: NodeBootstrapProps) =>
      ofKind(
        YAML.parseAllDocuments(render(props).file(KUBEADM_CONFIG_TEMPLATE)).map(
          (d) => d.toJS() as KubeadmDocument,
        ),
        'KubeletConfiguration',
      );
    expect(kubeletOf(sampleProps(NodeRole.INIT_MASTER)).serverTLSBootstrap).toBe(false);
    const withApprover = { ...sampleProps(NodeRole.INIT_MASTER), kubeletServingCertificates: true };
    expect(kubeletOf(withApprover).serverTLSBootstrap).toBe(true);
  });

  test('the init master: InitConfiguration with token and certificate key, ClusterConfiguration, KubeletConfiguration', () => {
    const docs = kubeadmOf(NodeRole.INIT_MASTER);
    expect(docs.map((d) => d.kind)).toEqual([
      'InitConfiguration',
      'ClusterConfiguration',
      'KubeletConfiguration',
    ]);
    const [init, cluster, kubelet] = [
      ofKind(docs, 'InitConfiguration'),
      ofKind(docs, 'ClusterConfiguration'),
      ofKind(docs, 'KubeletConfiguration'),
    ];
    expect(init.bootstrapTokens?.[0].token).toBe(SECRETS.bootstrapToken);
    expect(init.certificateKey).toBe(SECRETS.certificateKey);
    expect(cluster).toMatchObject({
      clusterName: 'main',
      controlPlaneEndpoint: '203.0.113.5:6443',
      networking: { podSubnet: '10.244.0.0/16', serviceSubnet: '10.96.0.0/12' },
      apiServer: { certSANs: ['api.main.berth.example.com', '203.0.113.5'] },
    });
    expect(kubelet).toMatchObject({ cgroupDriver: 'systemd', protectKernelDefaults: true, readOnlyPort: 0 });
  });

  test('a joining master: JoinConfiguration with the control-plane certificate key and CA pinning', () => {
    const docs = kubeadmOf(NodeRole.JOIN_MASTER);
    expect(docs.map((d) => d.kind)).toEqual(['JoinConfiguration']);
    const join = ofKind(docs, 'JoinConfiguration');
    expect(join.controlPlane).toEqual({ certificateKey: SECRETS.certificateKey });
    expect(join.discovery.bootstrapToken).toMatchObject({
      token: NodeRuntimeValue.JOIN_TOKEN,
      apiServerEndpoint: '203.0.113.5:6443',
      caCertHashes: ['sha256:__BERTH_CA_PUBLIC_KEY_SHA256__'],
    });
    expect(join.nodeRegistration?.taints).toEqual([
      { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
    ]);
  });

  test('a minion: JoinConfiguration with CA pinning, its labels and taints, no control plane', () => {
    const docs = kubeadmOf(NodeRole.MINION);
    expect(docs.map((d) => d.kind)).toEqual(['JoinConfiguration']);
    const join = ofKind(docs, 'JoinConfiguration');
    expect(join).not.toHaveProperty('controlPlane');
    expect(join.discovery.bootstrapToken?.caCertHashes).toEqual(['sha256:__BERTH_CA_PUBLIC_KEY_SHA256__']);
    expect(join.discovery.bootstrapToken?.unsafeSkipCAVerification).toBeUndefined();
    expect(join.nodeRegistration?.taints).toEqual([
      { key: 'berth.example.com/dedicated', value: 'apps', effect: 'NoSchedule' },
    ]);
    expect(join.nodeRegistration?.kubeletExtraArgs).toEqual([
      { name: 'node-labels', value: 'berth.example.com/pool=default' },
    ]);
  });

  test('kubelets start with --cloud-provider=external only when asked', () => {
    const withCcm = kubeadmDocuments({ ...sampleProps(NodeRole.MINION), externalCloudProvider: true })[0];
    expect(JSON.stringify(withCcm)).toContain('{"name":"cloud-provider","value":"external"}');
    expect(JSON.stringify(kubeadmDocuments(sampleProps(NodeRole.MINION))[0])).not.toContain('cloud-provider');
  });
});
