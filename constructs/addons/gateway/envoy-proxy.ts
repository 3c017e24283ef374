import { ResolvedResources } from '../../../config';
import { PlatformNamespace, SHARED_GATEWAY } from '../../../config/platform-names';
import { CLUSTER_PORTS, IngressNodePorts } from '../../cluster/cluster-ports';
import { recordedImageReference } from '../core/image-digests';
import { KubernetesObject } from '../core/kubernetes-object';
import { KubernetesResources, toKubernetesResources } from '../core/resources';
import { ENVOY_PROXY } from './gateway-images';

/** EnvoyProxy (proxy settings) the GatewayClass points at. */
export const ENVOY_PROXY_NAME = 'berth';

/** Label Envoy Gateway puts on the proxy pods of a Gateway. */
export const OWNING_GATEWAY_LABEL = 'gateway.envoyproxy.io/owning-gateway-name';

/** Strategic-merge patch of a proxy Deployment or Service that Envoy Gateway creates. */
interface KubernetesPatch<T> {
  readonly type: 'StrategicMerge';
  readonly value: T;
}

/** Envoy Gateway's EnvoyProxy: how the proxies of a GatewayClass are deployed and exposed. */
export interface EnvoyProxy extends KubernetesObject {
  readonly kind: 'EnvoyProxy';
  readonly spec: {
    readonly provider: {
      readonly type: 'Kubernetes';
      readonly kubernetes: {
        readonly envoyDeployment: {
          readonly replicas: number;
          readonly container: { readonly image: string; readonly resources: KubernetesResources };
          readonly pod: {
            readonly topologySpreadConstraints: readonly {
              readonly maxSkew: number;
              readonly topologyKey: string;
              readonly whenUnsatisfiable: 'ScheduleAnyway' | 'DoNotSchedule';
              readonly labelSelector: { readonly matchLabels: Readonly<Record<string, string>> };
            }[];
          };
          readonly patch: KubernetesPatch<{
            readonly spec: {
              readonly template: {
                readonly spec: {
                  readonly containers: readonly {
                    readonly name: string;
                    readonly resources: KubernetesResources;
                  }[];
                };
              };
            };
          }>;
        };
        readonly envoyService: {
          readonly type: 'NodePort';
          readonly externalTrafficPolicy: 'Local';
          readonly patch: KubernetesPatch<{
            readonly spec: {
              readonly ports: readonly { readonly port: number; readonly nodePort: number }[];
            };
          }>;
        };
      };
    };
  };
}

/** What Berth's EnvoyProxy sets. */
export interface EnvoyProxyProps {
  /** NodePorts the ingress load balancer forwards 80, 443 and 8443 to (cluster stack). */
  readonly nodePorts: IngressNodePorts;
  /** Envoy proxy replicas. */
  readonly replicas: number;
  /** Resources of each Envoy proxy. */
  readonly proxyResources: ResolvedResources;
  /** Resources of the shutdown manager beside each proxy. */
  readonly shutdownManagerResources: ResolvedResources;
}

/** Berth's EnvoyProxy: the proxies of the shared Gateway, spread over the minions, on the ingress NodePorts. */
export function envoyProxy(props: EnvoyProxyProps): EnvoyProxy {
  return {
    apiVersion: 'gateway.envoyproxy.io/v1alpha1',
    kind: 'EnvoyProxy',
    metadata: { name: ENVOY_PROXY_NAME, namespace: PlatformNamespace.ENVOY_GATEWAY },
    spec: {
      provider: {
        type: 'Kubernetes',
        kubernetes: {
          envoyDeployment: {
            replicas: props.replicas,
            container: {
              image: recordedImageReference(ENVOY_PROXY),
              resources: toKubernetesResources(props.proxyResources),
            },
            pod: {
              // One proxy per minion where possible, so that losing a minion keeps the Gateway up.
              topologySpreadConstraints: [
                {
                  maxSkew: 1,
                  topologyKey: 'kubernetes.io/hostname',
                  whenUnsatisfiable: 'ScheduleAnyway',
                  labelSelector: { matchLabels: { [OWNING_GATEWAY_LABEL]: SHARED_GATEWAY.name } },
                },
              ],
            },
            patch: {
              type: 'StrategicMerge',
              value: {
                spec: {
                  template: {
                    spec: {
                      containers: [
                        {
                          name: 'shutdown-manager',
                          resources: toKubernetesResources(props.shutdownManagerResources),
                        },
                      ],
                    },
                  },
                },
              },
            },
          },
          envoyService: {
            type: 'NodePort',
            externalTrafficPolicy: 'Local',
            patch: {
              type: 'StrategicMerge',
              value: {
                spec: {
                  ports: [
                    { port: CLUSTER_PORTS.http.from, nodePort: props.nodePorts.http },
                    { port: CLUSTER_PORTS.https.from, nodePort: props.nodePorts.https },
                    { port: CLUSTER_PORTS.adminHttps.from, nodePort: props.nodePorts.adminHttps },
                  ],
                },
              },
            },
          },
        },
      },
    },
  };
}
