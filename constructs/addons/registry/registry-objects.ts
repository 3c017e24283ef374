import { createHash } from 'crypto';
import { k8s } from 'cdk8s-plus-33';
import * as YAML from 'yaml';
import { PlatformNamespace } from '../../../config/platform-names';
import { sharedGatewayRoute } from '../core/gateway-api';
import { KubernetesObject } from '../core/kubernetes-object';
import { fixedResources } from '../core/resources';
import {
  DISTRIBUTION_CONFIG_PATH,
  DistributionConfig,
  REGISTRY_METRICS_PORT,
  REGISTRY_PORT,
} from './distribution-config';
import { REGISTRY_LABELS, REGISTRY_NAME, REGISTRY_SERVER_LABELS, registryPodSpec } from './registry-pod';
import type { RegistryProps } from './registry';
import {
  TOKEN_PATH,
  TOKEN_SERVER_NAME,
  TOKEN_SERVER_PORT,
  tokenServerObjects,
} from './registry-token-server';

const GC_RESOURCES = fixedResources('50m', '64Mi', '500m', '512Mi');

/**
 * The registry's Kubernetes objects: the image volume, the configuration, the server (restarted when its
 * configuration changes), its Service, the garbage-collection CronJob, and the Gateway routes of the
 * registry and its token server at `host`.
 */
export function registryObjects(
  props: RegistryProps,
  host: string,
  config: DistributionConfig,
): KubernetesObject[] {
  const ns = PlatformNamespace.REGISTRY;
  const configText = YAML.stringify(config);
  // A new configuration restarts the server (Deployments only roll on pod template changes).
  const configHash = createHash('sha256').update(configText).digest('hex');
  return [
    k8s.KubePersistentVolumeClaim.manifest({
      metadata: { name: `${REGISTRY_NAME}-data`, namespace: ns, labels: REGISTRY_LABELS },
      spec: {
        accessModes: ['ReadWriteOnce'],
        storageClassName: props.storageClass,
        resources: { requests: { storage: k8s.Quantity.fromString(props.storageSize.toString()) } },
      },
    }),
    k8s.KubeConfigMap.manifest({
      metadata: { name: `${REGISTRY_NAME}-config`, namespace: ns, labels: REGISTRY_LABELS },
      data: { 'config.yml': configText },
    }),
    k8s.KubeDeployment.manifest({
      metadata: { name: REGISTRY_NAME, namespace: ns, labels: REGISTRY_SERVER_LABELS },
      spec: {
        replicas: 1,
        // One pod owns the ReadWriteOnce volume: stop the old pod before starting the new one.
        strategy: { type: 'Recreate' },
        selector: { matchLabels: REGISTRY_SERVER_LABELS },
        template: {
          metadata: {
            labels: REGISTRY_SERVER_LABELS,
            annotations: { 'berth.dev/config-sha256': configHash },
          },
          spec: registryPodSpec(['serve', DISTRIBUTION_CONFIG_PATH], props.resources, { probes: true }),
        },
      },
    }),
    k8s.KubeService.manifest({
      metadata: { name: REGISTRY_NAME, namespace: ns, labels: REGISTRY_LABELS },
      spec: {
        selector: REGISTRY_SERVER_LABELS,
        ports: [
          { name: 'http', port: REGISTRY_PORT, targetPort: k8s.IntOrString.fromString('http') },
          { name: 'metrics', port: REGISTRY_METRICS_PORT, targetPort: k8s.IntOrString.fromString('metrics') },
        ],
      },
    }),
    k8s.KubeCronJob.manifest({
      metadata: { name: `${REGISTRY_NAME}-garbage-collect`, namespace: ns, labels: REGISTRY_LABELS },
      spec: {
        schedule: props.garbageCollectionSchedule,
        timeZone: 'Etc/UTC',
        concurrencyPolicy: 'Forbid',
        successfulJobsHistoryLimit: 1,
        failedJobsHistoryLimit: 3,
        jobTemplate: {
          spec: {
            backoffLimit: 2,
            template: {
              metadata: {
                labels: { ...REGISTRY_LABELS, 'app.kubernetes.io/component': 'garbage-collector' },
              },
              spec: registryPodSpec(
                ['garbage-collect', '--delete-untagged', DISTRIBUTION_CONFIG_PATH],
                GC_RESOURCES,
                {
                  probes: false,
                  restartPolicy: 'OnFailure',
                  // The volume is ReadWriteOnce: run beside the server, on the node that has it attached.
                  affinity: {
                    podAffinity: {
                      requiredDuringSchedulingIgnoredDuringExecution: [
                        {
                          labelSelector: { matchLabels: REGISTRY_SERVER_LABELS },
                          topologyKey: 'kubernetes.io/hostname',
                        },
                      ],
                    },
                  },
                },
              ),
            },
          },
        },
      },
    }),
    sharedGatewayRoute({
      name: REGISTRY_NAME,
      namespace: ns,
      hostname: host,
      service: REGISTRY_NAME,
      port: REGISTRY_PORT,
      // Layer uploads of large images take long.
      requestTimeout: '1h',
    }),
    ...tokenServerObjects(),
    // Clients fetch tokens from the realm the registry names: the same host, under /auth.
    sharedGatewayRoute({
      name: TOKEN_SERVER_NAME,
      namespace: ns,
      hostname: host,
      pathPrefix: TOKEN_PATH,
      service: TOKEN_SERVER_NAME,
      port: TOKEN_SERVER_PORT,
    }),
  ];
}
