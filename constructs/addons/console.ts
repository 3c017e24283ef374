import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { k8s } from 'cdk8s-plus-33';
import { AddonName } from '../../config';
import { PlatformAddon } from './addon';
import { AddonNamespace, PodSecurityLevel } from './addon-namespace';
import { AddonFootprint, WorkloadKind, container, scheduled } from './footprint';
import { sharedGatewayRoute } from './gateway-api';
import { HelmAddonRelease, HelmChartRef } from './helm-chart';
import { KubernetesObject, ManifestsRelease } from './manifests';
import { PlatformNamespace, consoleHost } from '../../config/platform-names';
import { KubernetesResources, fixedResources, toKubernetesResources } from './resources';

/** Headlamp, the Kubernetes SIG UI project's web console (the Kubernetes Dashboard is archived). */
export const HEADLAMP_CHART: HelmChartRef = {
  repository: 'https://kubernetes-sigs.github.io/headlamp/',
  chart: 'headlamp',
  version: '0.43.0',
};

/** ServiceAccount whose token lets people look around the cluster read-only in the console. */
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
}

export interface WebConsoleProps {
  /** The cluster's domain; the console is `console.apps.<domain>`. */
  readonly domain: string;
  /** Releases the route waits for (the shared Gateway). */
  readonly gatewayReady: readonly ITerraformDependable[];
  /** What must exist first. @default nothing */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * The web console: Headlamp at `console.apps.<domain>`, where people who do not know Kubernetes see
 * nodes, pods and their images, logs, and create or delete workloads, within the rights of the token
 * they sign in with. Headlamp itself has no rights. A read-only `console-viewer` token (nodes and the
 * built-in `view` role) is created for looking around:
 * `kubectl -n console get secret console-viewer-token -o jsonpath='{.data.token}' | base64 -d`.
 * Tokens that may change workloads come from the environments' RBAC (edit in dev and test).
 */
export class WebConsole extends Construct implements PlatformAddon {
  public readonly addonName = AddonName.CONSOLE;
  public readonly footprint: AddonFootprint;
  public readonly releases: readonly HelmAddonRelease<object>[];
  public readonly ready: readonly ITerraformDependable[];
  public readonly helm: HelmAddonRelease<HeadlampChartValues>;
  public readonly access: ManifestsRelease;

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
        service: { type: 'ClusterIP', port: 80 },
      },
      dependsOn: [namespace.namespace, ...(props.dependsOn ?? [])],
    });
    this.access = new ManifestsRelease(this, 'access', {
      releaseName: 'console-access',
      namespace: PlatformNamespace.CONSOLE,
      objects: [
        ...viewerAccess(),
        sharedGatewayRoute({
          name: 'headlamp',
          namespace: PlatformNamespace.CONSOLE,
          hostname: consoleHost(props.domain),
          service: 'headlamp',
          port: 80,
          // The console streams logs and exec sessions over long-lived connections.
          requestTimeout: '0s',
        }),
      ],
      dependsOn: [this.helm.release, ...props.gatewayReady],
    });
    this.releases = [this.helm, this.access.helm];
    this.ready = [this.helm.release];
  }
}

/** The read-only viewer: the built-in `view` role everywhere, plus reading nodes. */
function viewerAccess(): KubernetesObject[] {
  const ns = PlatformNamespace.CONSOLE;
  const subject = { kind: 'ServiceAccount', name: CONSOLE_VIEWER, namespace: ns };
  return [
    k8s.KubeServiceAccount.manifest({ metadata: { name: CONSOLE_VIEWER, namespace: ns } }),
    // Kubernetes fills in the token; nothing secret is written here.
    k8s.KubeSecret.manifest({
      metadata: {
        name: `${CONSOLE_VIEWER}-token`,
        namespace: ns,
        annotations: { 'kubernetes.io/service-account.name': CONSOLE_VIEWER },
      },
      type: 'kubernetes.io/service-account-token',
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
