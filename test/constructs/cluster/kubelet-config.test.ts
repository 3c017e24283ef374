import { CpuQuantity, DataSize, TaintEffect } from '../../../config';
import { CONTAINERD_SOCKET } from '../../../constructs/cluster/kubeadm-api';
import {
  CONTROL_PLANE_TAINT,
  berthKubeletConfiguration,
  berthNodeRegistration,
} from '../../../constructs/cluster/kubelet-config';
import { WORKER } from '../../support/kubeadm-samples';

describe('berthNodeRegistration', () => {
  test('masters carry the control-plane taint before any other', () => {
    const registration = berthNodeRegistration({
      controlPlane: true,
      labels: {},
      taints: [{ key: 'dedicated', value: 'infra', effect: TaintEffect.NO_EXECUTE }],
      externalCloudProvider: false,
    });
    expect(registration.taints).toEqual([
      CONTROL_PLANE_TAINT,
      { key: 'dedicated', value: 'infra', effect: TaintEffect.NO_EXECUTE },
    ]);
  });

  test('minions carry exactly their taints, an empty list when they have none', () => {
    expect(WORKER.taints).toEqual([]);
    const tainted = berthNodeRegistration({
      controlPlane: false,
      labels: {},
      taints: [{ key: 'gpu', effect: TaintEffect.NO_SCHEDULE }],
      externalCloudProvider: false,
    });
    expect(tainted.taints).toEqual([{ key: 'gpu', effect: TaintEffect.NO_SCHEDULE }]);
  });

  test('labels go to the kubelet sorted, and the CRI socket is explicit', () => {
    const registration = berthNodeRegistration({
      controlPlane: false,
      labels: { 'example.com/zone': 'b', pool: 'gpu' },
      taints: [],
      externalCloudProvider: true,
    });
    expect(registration.criSocket).toBe(CONTAINERD_SOCKET);
    expect(registration.kubeletExtraArgs).toEqual([
      { name: 'cloud-provider', value: 'external' },
      { name: 'node-labels', value: 'example.com/zone=b,pool=gpu' },
    ]);
  });

  test('no kubelet flags when there is nothing to say', () => {
    expect(WORKER).not.toHaveProperty('kubeletExtraArgs');
  });
});

describe('berthKubeletConfiguration', () => {
  const kubelet = berthKubeletConfiguration();

  test('CIS kubelet protections are stated explicitly', () => {
    expect(kubelet).toMatchObject({
      authentication: { anonymous: { enabled: false }, webhook: { enabled: true } },
      authorization: { mode: 'Webhook' },
      readOnlyPort: 0,
      protectKernelDefaults: true,
      rotateCertificates: true,
      makeIPTablesUtilChains: true,
      tlsMinVersion: 'VersionTLS12',
    });
    expect(kubelet.streamingConnectionIdleTimeout).not.toBe('0s');
  });

  test('serving certificates come from the cluster CA only when asked (an approver must run)', () => {
    expect(kubelet.serverTLSBootstrap).toBe(false);
    expect(berthKubeletConfiguration({ serverTlsBootstrap: true }).serverTLSBootstrap).toBe(true);
  });

  test('uses the systemd cgroup driver, like containerd', () => {
    expect(kubelet.cgroupDriver).toBe('systemd');
  });

  test('accepts only forward-secret AEAD cipher suites', () => {
    expect(kubelet.tlsCipherSuites?.length).toBeGreaterThan(0);
    for (const suite of kubelet.tlsCipherSuites ?? [])
      expect(suite).toMatch(/^TLS_ECDHE_.*_(GCM_SHA\d+|CHACHA20_POLY1305)$/);
  });
});

describe('berthNodeRegistration kubelet reservation', () => {
  test('reserves CPU and memory for the kubelet and keeps the default eviction thresholds', () => {
    const registration = berthNodeRegistration({
      controlPlane: false,
      labels: {},
      taints: [],
      externalCloudProvider: false,
      reservation: {
        cpu: CpuQuantity.millicores(80),
        memory: DataSize.mebibytes(1844),
        evictionHardMemory: DataSize.mebibytes(100),
      },
    });
    expect(registration.kubeletExtraArgs).toEqual([
      {
        name: 'eviction-hard',
        value: 'memory.available<100Mi,nodefs.available<10%,nodefs.inodesFree<5%,imagefs.available<15%',
      },
      { name: 'kube-reserved', value: 'cpu=80m,memory=1844Mi' },
    ]);
  });

  test('reserves nothing unless asked', () => {
    expect(WORKER.kubeletExtraArgs).toBeUndefined();
  });
});
