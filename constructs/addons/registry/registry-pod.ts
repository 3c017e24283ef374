import { k8s } from 'cdk8s-plus-33';
import { ResolvedResources } from '../../../config';
import { recordedImageReference } from '../core/image-digests';
import { toCdk8sResources } from '../core/resources';
import {
  DISTRIBUTION_CONFIG_DIR,
  REGISTRY_DATA_DIR,
  REGISTRY_METRICS_PORT,
  REGISTRY_PORT,
  REGISTRY_TOKEN_CERT_DIR,
} from './distribution-config';
import { REGISTRY_SERVER } from './registry-images';

/** CNCF Distribution v3, the official image. */
export const REGISTRY_IMAGE = recordedImageReference(REGISTRY_SERVER);

/** Name of the registry's Deployment, Service and (as prefix) its volume claim and ConfigMap. */
export const REGISTRY_NAME = 'registry';
/** The ConfigMap holding the token server's signing certificate, which the registry trusts. */
export const REGISTRY_TOKEN_CERT_CONFIG_MAP = 'registry-token-certificate';
/** Labels of every registry object. */
export const REGISTRY_LABELS = {
  'app.kubernetes.io/name': REGISTRY_NAME,
  'app.kubernetes.io/part-of': 'berth',
};
/** Labels of the registry server's pods. */
export const REGISTRY_SERVER_LABELS = {
  ...REGISTRY_LABELS,
  'app.kubernetes.io/component': 'server',
} as const;

/** The restricted pod spec shared by the server and the garbage collector. */
export function registryPodSpec(
  args: readonly string[],
  resources: ResolvedResources,
  extra: Pick<k8s.PodSpec, 'affinity' | 'restartPolicy'> & { readonly probes: boolean },
): k8s.PodSpec {
  const probe: k8s.Probe = {
    httpGet: { path: '/', port: k8s.IntOrString.fromString('http') },
    periodSeconds: 10,
  };
  return {
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    securityContext: {
      runAsNonRoot: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      fsGroup: 1000,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    affinity: extra.affinity,
    restartPolicy: extra.restartPolicy,
    containers: [
      {
        name: REGISTRY_NAME,
        image: REGISTRY_IMAGE,
        command: ['/bin/registry'],
        args: [...args],
        // Distribution v3 exports OpenTelemetry traces by default; there is no collector.
        env: [{ name: 'OTEL_TRACES_EXPORTER', value: 'none' }],
        ports: extra.probes
          ? [
              { name: 'http', containerPort: REGISTRY_PORT },
              { name: 'metrics', containerPort: REGISTRY_METRICS_PORT },
            ]
          : undefined,
        readinessProbe: extra.probes ? probe : undefined,
        livenessProbe: extra.probes ? { ...probe, initialDelaySeconds: 10 } : undefined,
        resources: toCdk8sResources(resources),
        securityContext: {
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        },
        volumeMounts: [
          { name: 'data', mountPath: REGISTRY_DATA_DIR },
          { name: 'config', mountPath: DISTRIBUTION_CONFIG_DIR, readOnly: true },
          { name: 'token-certificate', mountPath: REGISTRY_TOKEN_CERT_DIR, readOnly: true },
        ],
      },
    ],
    volumes: [
      { name: 'data', persistentVolumeClaim: { claimName: `${REGISTRY_NAME}-data` } },
      { name: 'config', configMap: { name: `${REGISTRY_NAME}-config` } },
      { name: 'token-certificate', configMap: { name: REGISTRY_TOKEN_CERT_CONFIG_MAP } },
    ],
  };
}
