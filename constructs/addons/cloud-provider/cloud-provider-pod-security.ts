import { CHART_DEFAULT, RenderedChartPods } from '../core/rendered-pods';

/** Pods of the OpenStack cloud controller manager chart (pin `OPENSTACK_CCM_CHART`) as it renders them with Berth's values. */
export const OPENSTACK_CCM_RENDERED_PODS: RenderedChartPods = {
  chart: 'openstack-cloud-controller-manager',
  version: '2.36.0',
  standsInFor: {
    pin: '2.36.5',
    reason:
      'the repository copies reachable here end at 2.36.0 (tags and gh-pages index alike); 2.36.5 exists only as a GitHub release. Re-render at 2.36.5 where its templates can be read.',
  },
  release: 'openstack-ccm',
  source:
    'kubernetes/cloud-provider-openstack charts/openstack-cloud-controller-manager at tag openstack-cloud-controller-manager-2.36.0 (bae07f493, branch release-1.36)',
  values: {
    extraVolumes: CHART_DEFAULT,
    podSecurityContext: CHART_DEFAULT,
    securityContext: CHART_DEFAULT,
  },
  pods: [
    {
      kind: 'DaemonSet',
      name: 'openstack-cloud-controller-manager',
      namespace: 'kube-system',
      template: 'templates/daemonset.yaml',
      valuesKeys: ['podSecurityContext', 'securityContext', 'extraVolumes'],
      spec: {
        hostNetwork: true,
        securityContext: {
          runAsUser: 1001,
        },
        containers: [
          {
            name: 'openstack-cloud-controller-manager',
          },
        ],
        volumes: [
          {
            name: 'cloud-config-volume',
            secret: {},
          },
          {
            name: 'flexvolume-dir',
            hostPath: {
              path: '/usr/libexec/kubernetes/kubelet-plugins/volume/exec',
            },
          },
          {
            name: 'k8s-certs',
            hostPath: {
              path: '/etc/kubernetes/pki',
            },
          },
        ],
      },
    },
  ],
};

/** Pods of the Cinder CSI chart (pin `CINDER_CSI_CHART`) as it renders them with Berth's values. */
export const CINDER_CSI_RENDERED_PODS: RenderedChartPods = {
  chart: 'openstack-cinder-csi',
  version: '2.36.0',
  standsInFor: {
    pin: '2.36.2',
    reason:
      'the repository copies reachable here end at 2.36.0 (tags and gh-pages index alike); 2.36.2 exists only as a GitHub release. Re-render at 2.36.2 where its templates can be read.',
  },
  release: 'cinder-csi',
  source:
    'kubernetes/cloud-provider-openstack charts/cinder-csi-plugin at tag openstack-cinder-csi-2.36.0 (bae07f493, branch release-1.36)',
  values: {
    'csi.plugin.controllerPlugin.podSecurityContext': CHART_DEFAULT,
    'csi.plugin.controllerPlugin.securityContext': CHART_DEFAULT,
    'csi.plugin.nodePlugin.podSecurityContext': CHART_DEFAULT,
    'csi.plugin.nodePlugin.securityContext': CHART_DEFAULT,
    'csi.plugin.volumes': CHART_DEFAULT,
    'secret.hostMount': CHART_DEFAULT,
  },
  pods: [
    {
      kind: 'DaemonSet',
      name: 'openstack-cinder-csi-nodeplugin',
      namespace: 'kube-system',
      template: 'templates/nodeplugin-daemonset.yaml',
      valuesKeys: [
        'csi.plugin.nodePlugin.podSecurityContext',
        'csi.plugin.nodePlugin.securityContext',
        'csi.plugin.volumes',
        'secret.hostMount',
      ],
      spec: {
        hostNetwork: true,
        containers: [
          {
            name: 'node-driver-registrar',
            securityContext: {},
          },
          {
            name: 'liveness-probe',
            securityContext: {},
          },
          {
            name: 'cinder-csi-plugin',
            securityContext: {
              privileged: true,
              capabilities: {
                add: ['SYS_ADMIN'],
              },
              allowPrivilegeEscalation: true,
            },
          },
        ],
        volumes: [
          {
            name: 'socket-dir',
            hostPath: {
              path: '/var/lib/kubelet/plugins/cinder.csi.openstack.org',
              type: 'DirectoryOrCreate',
            },
          },
          {
            name: 'registration-dir',
            hostPath: {
              path: '/var/lib/kubelet/plugins_registry/',
              type: 'Directory',
            },
          },
          {
            name: 'kubelet-dir',
            hostPath: {
              path: '/var/lib/kubelet',
              type: 'Directory',
            },
          },
          {
            name: 'pods-probe-dir',
            hostPath: {
              path: '/dev',
              type: 'Directory',
            },
          },
          {
            name: 'cloud-config',
            secret: {},
          },
          {
            name: 'cacert',
            hostPath: {
              path: '/etc/cacert',
            },
          },
        ],
      },
    },
    {
      kind: 'Deployment',
      name: 'openstack-cinder-csi-controllerplugin',
      namespace: 'kube-system',
      template: 'templates/controllerplugin-deployment.yaml',
      valuesKeys: [
        'csi.plugin.controllerPlugin.podSecurityContext',
        'csi.plugin.controllerPlugin.securityContext',
        'csi.plugin.volumes',
        'secret.hostMount',
      ],
      spec: {
        containers: [
          {
            name: 'csi-attacher',
            securityContext: {},
          },
          {
            name: 'csi-provisioner',
            securityContext: {},
          },
          {
            name: 'csi-snapshotter',
            securityContext: {},
          },
          {
            name: 'csi-resizer',
            securityContext: {},
          },
          {
            name: 'liveness-probe',
            securityContext: {},
          },
          {
            name: 'cinder-csi-plugin',
            securityContext: {},
          },
        ],
        volumes: [
          {
            name: 'socket-dir',
            emptyDir: {},
          },
          {
            name: 'cloud-config',
            secret: {},
          },
          {
            name: 'cacert',
            hostPath: {
              path: '/etc/cacert',
            },
          },
        ],
      },
    },
  ],
};
