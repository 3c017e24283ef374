import { KubeadmDocument } from './kubeadm-api';
import { berthClusterConfiguration, berthInitConfiguration, berthJoinConfiguration } from './kubeadm-config';
import { berthKubeletConfiguration, berthNodeRegistration } from './kubelet-config';
import { KubeadmAction } from './node-kubeadm-script';
import { NodeBootstrapProps, NodeRole, requiredValue } from './node-bootstrap-props';

const KUBEADM_ACTIONS: Readonly<Record<NodeRole, KubeadmAction>> = {
  [NodeRole.INIT_MASTER]: KubeadmAction.INIT,
  [NodeRole.JOIN_MASTER]: KubeadmAction.JOIN_CONTROL_PLANE,
  [NodeRole.MINION]: KubeadmAction.JOIN_WORKER,
};

/** What the bootstrap script runs kubeadm for, by role. */
export function kubeadmActionOf(role: NodeRole): KubeadmAction {
  return KUBEADM_ACTIONS[role];
}

/** The kubeadm documents of a node's role. */
export function kubeadmDocuments(props: NodeBootstrapProps): KubeadmDocument[] {
  const nodeRegistration = nodeRegistrationOf(props);
  if (props.role === NodeRole.INIT_MASTER) {
    return [
      berthInitConfiguration({
        bootstrapToken: props.bootstrapToken,
        certificateKey: requiredValue(props.certificateKey),
        nodeRegistration,
      }),
      berthClusterConfiguration({
        clusterName: props.clusterName,
        controlPlaneEndpoint: props.controlPlaneEndpoint,
        podCidr: props.podCidr,
        serviceCidr: props.serviceCidr,
        certSans: props.apiServerCertSans ?? [],
      }),
      berthKubeletConfiguration({ serverTlsBootstrap: props.kubeletServingCertificates ?? false }),
    ];
  }
  return [
    berthJoinConfiguration({
      controlPlaneEndpoint: props.controlPlaneEndpoint,
      nodeRegistration,
      certificateKey: props.role === NodeRole.JOIN_MASTER ? requiredValue(props.certificateKey) : undefined,
    }),
  ];
}

/** How a rebuilt first master joins the masters that kept the cluster running. */
export function rejoinConfiguration(props: NodeBootstrapProps): KubeadmDocument {
  return berthJoinConfiguration({
    controlPlaneEndpoint: props.controlPlaneEndpoint,
    nodeRegistration: nodeRegistrationOf(props),
    certificateKey: requiredValue(props.certificateKey),
  });
}

function nodeRegistrationOf(props: NodeBootstrapProps) {
  return berthNodeRegistration({
    controlPlane: props.role !== NodeRole.MINION,
    labels: props.nodeLabels ?? {},
    taints: props.taints ?? [],
    externalCloudProvider: props.externalCloudProvider ?? false,
    reservation: props.kubeletReservation,
  });
}
