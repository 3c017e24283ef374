import * as YAML from 'yaml';
import { renderKubeadmConfig } from '../../../constructs/cluster/kubeadm-api';
import {
  berthClusterConfiguration,
  berthInitConfiguration,
} from '../../../constructs/cluster/kubeadm-config';
import { berthKubeletConfiguration } from '../../../constructs/cluster/kubelet-config';
import { CERT_KEY, CLUSTER, MASTER, TOKEN } from '../../support/kubeadm-samples';

/** Parses a multi-document file as kubeadm would read it. */
function parseAll(text: string): Record<string, unknown>[] {
  return YAML.parseAllDocuments(text, { version: '1.1' }).map((doc) => {
    expect(doc.errors).toEqual([]);
    return doc.toJS() as Record<string, unknown>;
  });
}

describe('renderKubeadmConfig', () => {
  const init = [
    berthInitConfiguration({ bootstrapToken: TOKEN, certificateKey: CERT_KEY, nodeRegistration: MASTER }),
    berthClusterConfiguration(CLUSTER),
    berthKubeletConfiguration(),
  ];

  test('renders one YAML document per object, which read back as the objects', () => {
    const docs = parseAll(renderKubeadmConfig(init));
    expect(docs).toEqual(JSON.parse(JSON.stringify(init)));
    expect(docs.map((d) => `${d.apiVersion} ${d.kind}`)).toEqual([
      'kubeadm.k8s.io/v1beta4 InitConfiguration',
      'kubeadm.k8s.io/v1beta4 ClusterConfiguration',
      'kubelet.config.k8s.io/v1beta1 KubeletConfiguration',
    ]);
  });

  test('tokens and keys that look like numbers stay strings', () => {
    const [initDoc] = parseAll(renderKubeadmConfig(init));
    expect((initDoc.bootstrapTokens as { token: unknown }[])[0].token).toBe(TOKEN);
    expect(initDoc.certificateKey).toBe(CERT_KEY);
  });

  test('refuses an empty configuration', () => {
    expect(() => renderKubeadmConfig([])).toThrow('at least one document');
  });
});
