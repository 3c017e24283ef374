import { RenderedChartPods } from '../core/rendered-pods';

/** Pods of the flannel chart (pin `FLANNEL_CHART`) as it renders them with Berth's values. */
export const FLANNEL_RENDERED_PODS: RenderedChartPods = {
  chart: 'flannel',
  version: 'v0.28.9',
  release: 'flannel',
  source: 'flannel-io/flannel chart/kube-flannel at tag v0.28.9',
  values: {},
  pods: [
    {
      kind: 'DaemonSet',
      name: 'kube-flannel-ds',
      namespace: 'kube-flannel',
      template: 'templates/daemonset.yaml',
      valuesKeys: [],
      spec: {
        hostNetwork: true,
        initContainers: [
          {
            name: 'install-cni-plugin',
          },
          {
            name: 'install-cni',
          },
        ],
        containers: [
          {
            name: 'kube-flannel',
            securityContext: {
              privileged: false,
              capabilities: {
                add: ['NET_ADMIN', 'NET_RAW'],
              },
            },
          },
          {
            name: 'kube-network-policies',
            securityContext: {
              privileged: true,
              capabilities: {
                add: ['NET_ADMIN'],
              },
            },
          },
        ],
        volumes: [
          {
            name: 'lib-modules',
            hostPath: {
              path: '/lib/modules',
            },
          },
          {
            name: 'run',
            hostPath: {
              path: '/run/flannel',
            },
          },
          {
            name: 'cni-plugin',
            hostPath: {
              path: '/opt/cni/bin',
            },
          },
          {
            name: 'cni',
            hostPath: {
              path: '/etc/cni/net.d',
            },
          },
          {
            name: 'flannel-cfg',
            configMap: {},
          },
          {
            name: 'xtables-lock',
            hostPath: {
              path: '/run/xtables.lock',
              type: 'FileOrCreate',
            },
          },
        ],
      },
    },
  ],
};
