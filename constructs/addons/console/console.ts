import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { k8s } from 'cdk8s-plus-33';
import { AddonName } from '../../../config';
import { PlatformAddon } from '../core/addon';
import { AddonNamespace, PodSecurityLevel } from '../core/addon-namespace';
import { AddonFootprint, WorkloadKind, container, scheduled } from '../core/footprint';
import { RouteExposure, sharedGatewayRoute } from '../core/gateway-api';
import { HelmAddonRelease, HelmChartRef } from '../core/helm-chart';
import { KubernetesObject } from '../core/kubernetes-object';
import { PlatformNamespace, consoleHost } from '../../../config/platform-names';
import { KubernetesResources, fixedResources, toKubernetesResources } from '../core/resources';
import {
  RESTRICTED_CONTAINER_SECURITY_CONTEXT,
  RESTRICTED_POD_SECURITY_CONTEXT,
} from '../../core/restricted-pod-security';
import { HEADLAMP_IMAGES } from './console-images';

/** Port of Headlamp's Service (chart value `service.port`), which the console's route targets. */
const HEADLAMP_SERVICE_PORT = 80;

/** Headlamp, the Kubernetes SIG UI project's web console (the Kubernetes Dashboard is archived). */
export const HEADLAMP_CHART: HelmChartRef = {
  repository: 'https://kubernetes-sigs.github.io/headlamp/',
  chart: 'headlamp',
  version: '0.43.0',
  confirmedAt: 'gh-pages index.yaml entry headlamp 0.43.0 of kubernetes-sigs/headlamp',
  images: HEADLAMP_IMAGES,
};

/**
 * ServiceAccount for looking around the cluster read-only in the console. It has no token Secret: people
 * ask the API for a short-lived token (TokenRequest), `kubectl -n console create token console-viewer
 * --duration=1h`, which expires on its own and is bound to nothing that outlives it.
 */
export const CONSOLE_VIEWER = 'console-viewer';

const RESOURCES = fixedResources('20m', '64Mi', '200m', '192Mi');

/** Values of the Headlamp chart that Berth sets. */
export interface HeadlampChartValues {
  readonly replicaCount: number;
  readonly resources: KubernetesResources;
  /**
   * Off: the chart would bind cluster-admin to Headlamp's own ServiceAccount. People sign in with their
   * own token and see what their RBAC allows.
   */
  readonly clusterRoleBinding: { readonly create: false };
  readonly service: { readonly type: 'ClusterIP'; readonly port: number };
  /** The pod's security context (chart 0.43.0 default: empty). */
  readonly podSecurityContext: object;
  /**
   * The container's security context. Chart 0.43.0's default is non-empty (runAsNonRoot, privileged
   * false, user 100) but lacks what the console namespace's `restricted` level requires, and the chart
   * applies its compliant fallback only when this value is empty: so Berth sets all of it. With a
   * read-only root the chart mounts an emptyDir at /tmp for Headlamp.
   */
  readonly securityContext: object;
}

/** The user and group Headlamp's image runs as (the chart's defaults). */
const HEADLAMP_USER = { runAsUser: 100, runAsGroup: 101 } as const;

export interface WebConsoleProps {
  /** The cluster's domain; the console is `console.apps.<domain>`. */
  readonly domain: string;
  /** What must exist first. @default nothing */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * The web console: Headlamp at `https://console.apps.<domain>:8443`, the shared Gateway's management
 * listener, reachable from `cloud.adminCidrs` only. People who do not know Kubernetes see nodes, pods
 * and their images, logs, and create or delete workloads, within the rights of the token they sign in
 * with. Headlamp itself has no rights. For looking around read-only (nodes and the built-in `view`
 * role), a short-lived token of the `console-viewer` ServiceAccount:
 * `kubectl -n console create token console-viewer --duration=1h`. No long-lived token Secret exists.
 * Tokens that may change workloads come from the environments' RBAC (edit in dev and test), issued the
 * same way for the team's ServiceAccount or from the team's own kubeconfig.
 */
export class WebConsole extends Construct implements PlatformAddon {
  public readonly addonName = AddonName.CONSOLE;
  public readonly footprint: AddonFootprint;
  public readonly releases: readonly HelmAddonRelease<object>[];
  public readonly ready: readonly ITerraformDependable[];
  public readonly helm: HelmAddonRelease<HeadlampChartValues>;
  public readonly objects: readonly KubernetesObject[];

  constructor(scope: Construct, id: string, props: WebConsoleProps) {
    super(scope, id);
    const namespace = new AddonNamespace(this, 'namespace', {
      name: PlatformNamespace.CONSOLE,
      podSecurity: PodSecurityLevel.RESTRICTED,
    });
    this.footprint = {
      addon: this.addonName,
      workloads: [scheduled(WorkloadKind.DEPLOYMENT, 'headlamp', 1, [container('headlamp', RESOURCES)])],
    };
    this.helm = new HelmAddonRelease<HeadlampChartValues>(this, 'headlamp', {
      chart: HEADLAMP_CHART,
      releaseName: 'headlamp',
      namespace: PlatformNamespace.CONSOLE,
      values: {
        replicaCount: 1,
        resources: toKubernetesResources(RESOURCES),
        clusterRoleBinding: { create: false },
        service: { type: 'ClusterIP', port: HEADLAMP_SERVICE_PORT },
        podSecurityContext: RESTRICTED_POD_SECURITY_CONTEXT,
        securityContext: { ...RESTRICTED_CONTAINER_SECURITY_CONTEXT, ...HEADLAMP_USER },
      },
      dependsOn: [namespace.namespace, ...(props.dependsOn ?? [])],
    });
    this.objects = [
      ...viewerAccess(),
      sharedGatewayRoute({
        name: 'headlamp',
        namespace: PlatformNamespace.CONSOLE,
        hostname: consoleHost(props.domain),
        service: 'headlamp',
        port: HEADLAMP_SERVICE_PORT,
        // The console streams logs and exec sessions over long-lived connections.
        requestTimeout: '0s',
        exposure: RouteExposure.ADMIN_NETWORKS,
      }),
    ];
    this.releases = [this.helm];
    this.ready = [this.helm.release];
  }
}

/** The read-only viewer: the built-in `view` role everywhere, plus reading nodes. */
function viewerAccess(): KubernetesObject[] {
  const ns = PlatformNamespace.CONSOLE;
  const subject = { kind: 'ServiceAccount', name: CONSOLE_VIEWER, namespace: ns };
  return [
    // Tokens only through TokenRequest (short-lived): no `kubernetes.io/service-account-token` Secret.
    k8s.KubeServiceAccount.manifest({
      metadata: { name: CONSOLE_VIEWER, namespace: ns },
      automountServiceAccountToken: false,
    }),
    k8s.KubeClusterRole.manifest({
      metadata: { name: 'berth-console-nodes' },
      rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] }],
    }),
    k8s.KubeClusterRoleBinding.manifest({
      metadata: { name: `${CONSOLE_VIEWER}-view` },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [subject],
    }),
    k8s.KubeClusterRoleBinding.manifest({
      metadata: { name: `${CONSOLE_VIEWER}-nodes` },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'berth-console-nodes' },
      subjects: [subject],
    }),
  ];
}
