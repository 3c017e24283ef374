import { k8s } from 'cdk8s-plus-33';
import { DEFAULT_REGISTRY, REGISTRY_IMAGE, registryPodSpec } from '../../../../constructs/addons';

const json = (spec: k8s.PodSpec) =>
  JSON.parse(JSON.stringify(k8s.toJson_PodSpec(spec))) as {
    securityContext: Record<string, unknown>;
    containers: {
      image: string;
      args: string[];
      ports?: { name: string; containerPort: number }[];
      readinessProbe?: unknown;
      livenessProbe?: unknown;
      resources: { requests: Record<string, string>; limits: Record<string, string> };
      securityContext: Record<string, unknown>;
      volumeMounts: { name: string; mountPath: string; readOnly?: boolean }[];
    }[];
  };

describe('registryPodSpec', () => {
  test('CNCF Distribution v3, pinned', () => {
    expect(REGISTRY_IMAGE).toBe('docker.io/library/registry:3.0.0');
    const pod = json(registryPodSpec(['serve'], DEFAULT_REGISTRY.resources, { probes: true }));
    expect(pod.containers[0].image).toBe(REGISTRY_IMAGE);
    expect(pod.containers[0].args).toEqual(['serve']);
  });

  test('runs under the restricted Pod Security Standard with requests and limits', () => {
    const pod = json(registryPodSpec(['serve'], DEFAULT_REGISTRY.resources, { probes: true }));
    expect(pod.securityContext).toEqual(
      expect.objectContaining({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }),
    );
    expect(pod.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(pod.containers[0].resources).toEqual({
      requests: { cpu: '50m', memory: '64Mi' },
      limits: { cpu: '500m', memory: '256Mi' },
    });
  });

  test('ports and probes for the server only; the configuration and token certificate mounted read-only', () => {
    const server = json(registryPodSpec(['serve'], DEFAULT_REGISTRY.resources, { probes: true }));
    expect(server.containers[0].ports).toEqual([
      { name: 'http', containerPort: 5000 },
      { name: 'metrics', containerPort: 5001 },
    ]);
    expect(server.containers[0].readinessProbe).toBeDefined();
    expect(server.containers[0].livenessProbe).toBeDefined();
    const collector = json(
      registryPodSpec(['garbage-collect'], DEFAULT_REGISTRY.resources, { probes: false }),
    );
    expect(collector.containers[0].ports).toBeUndefined();
    expect(collector.containers[0].readinessProbe).toBeUndefined();
    expect(server.containers[0].volumeMounts).toEqual([
      { name: 'data', mountPath: '/var/lib/registry' },
      { name: 'config', mountPath: '/etc/distribution', readOnly: true },
      { name: 'token-certificate', mountPath: '/etc/distribution-token', readOnly: true },
    ]);
  });
});
