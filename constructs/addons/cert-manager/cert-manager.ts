import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { AddonName } from '../../../config';
import { WorkloadLabel } from '../../core/workload-labels';
import { PlatformAddon } from '../core/addon';
import { AddonNamespace, PodSecurityLevel } from '../core/addon-namespace';
import { AddonFootprint, WorkloadKind, container, scheduled } from '../core/footprint';
import { HelmAddonRelease, HelmChartRef } from '../core/helm-chart';
import { KubernetesObject } from '../core/kubernetes-object';
import {
  CLUSTER_ISSUER_NAME,
  PLATFORM_CA_ISSUER_NAME,
  PlatformNamespace,
  SHARED_GATEWAY,
} from '../../../config/platform-names';
import { KubernetesResources, fixedResources, toKubernetesResources } from '../core/resources';
import { CERT_MANAGER_IMAGES } from './cert-manager-images';

export const CERT_MANAGER_CHART: HelmChartRef = {
  repository: 'https://charts.jetstack.io',
  chart: 'cert-manager',
  version: 'v1.20.2',
  confirmedAt: 'tag v1.20.2 of cert-manager/cert-manager (the chart version is the release tag)',
  images: CERT_MANAGER_IMAGES,
};

/** Secret (in the cert-manager namespace) with the platform CA the internal issuer signs with. */
export const PLATFORM_CA_SECRET_NAME = 'berth-ca';

const CERT_MANAGER_API = 'cert-manager.io/v1';

const RESOURCES = {
  controller: fixedResources('10m', '64Mi', '200m', '128Mi'),
  webhook: fixedResources('10m', '32Mi', '100m', '64Mi'),
  cainjector: fixedResources('10m', '64Mi', '100m', '128Mi'),
  startupapicheck: fixedResources('10m', '32Mi', '100m', '64Mi'),
};

/** Values of the cert-manager chart that Berth sets. */
export interface CertManagerChartValues {
  /**
   * `aggregateClusterRoles: false`: the chart's `cert-manager-edit`/`-view` ClusterRoles are not
   * aggregated into Kubernetes' `admin`, `edit` and `view`, so a team bound to `edit` cannot create
   * Certificates, CertificateRequests or Issuers and have the platform CA sign any name it likes.
   */
  readonly global: { readonly rbac: { readonly aggregateClusterRoles: false } };
  /** CRDs installed and kept on uninstall (deleting them would delete every certificate). */
  readonly crds: { readonly enabled: true; readonly keep: true };
  readonly replicaCount: number;
  readonly resources: KubernetesResources;
  readonly webhook: { readonly resources: KubernetesResources };
  readonly cainjector: { readonly resources: KubernetesResources };
  readonly startupapicheck: { readonly resources: KubernetesResources };
  readonly config: {
    readonly apiVersion: 'controller.config.cert-manager.io/v1alpha1';
    readonly kind: 'ControllerConfiguration';
    /** Needed for HTTP-01 challenges answered through the Gateway. */
    readonly enableGatewayAPI: boolean;
  };
}

/** A cert-manager ClusterIssuer: the platform CA or ACME with HTTP-01 on the shared Gateway. */
export interface ClusterIssuer extends KubernetesObject {
  readonly kind: 'ClusterIssuer';
  readonly spec:
    | { readonly ca: { readonly secretName: string } }
    | {
        readonly acme: {
          readonly email: string;
          readonly server: string;
          readonly privateKeySecretRef: { readonly name: string };
          readonly solvers: readonly {
            readonly http01: {
              readonly gatewayHTTPRoute: {
                readonly parentRefs: readonly {
                  readonly name: string;
                  readonly namespace: string;
                  readonly kind: 'Gateway';
                  readonly sectionName: string;
                }[];
                /** The solver pods' template: only `metadata.labels`/`annotations` may be set. */
                readonly podTemplate: {
                  readonly metadata: { readonly labels: Readonly<Record<string, string>> };
                };
              };
            };
          }[];
        };
      };
}

/** A cert-manager Certificate. */
export interface Certificate extends KubernetesObject {
  readonly kind: 'Certificate';
  readonly spec: {
    readonly secretName: string;
    readonly dnsNames: readonly string[];
    readonly issuerRef: {
      readonly kind: 'ClusterIssuer';
      readonly name: string;
      readonly group: 'cert-manager.io';
    };
    /** Go durations, e.g. `2160h`. */
    readonly duration: string;
    readonly renewBefore: string;
    readonly privateKey: {
      readonly algorithm: 'ECDSA';
      readonly size: 256;
      readonly rotationPolicy: 'Always';
    };
  };
}

/** A Certificate signed by a ClusterIssuer: 90 days, renewed 15 days before expiry, fresh ECDSA key. */
export function certificate(props: {
  readonly name: string;
  readonly namespace: string;
  readonly secretName: string;
  readonly dnsNames: readonly string[];
  readonly issuer: string;
}): Certificate {
  return {
    apiVersion: CERT_MANAGER_API,
    kind: 'Certificate',
    metadata: { name: props.name, namespace: props.namespace },
    spec: {
      secretName: props.secretName,
      dnsNames: props.dnsNames,
      issuerRef: { kind: 'ClusterIssuer', name: props.issuer, group: 'cert-manager.io' },
      duration: '2160h',
      renewBefore: '360h',
      privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
    },
  };
}

export interface CertManagerProps {
  /** PEM of the platform CA (from the cluster stack). */
  readonly platformCaCertificatePem: string;
  /** Its private key (sensitive, a reference). */
  readonly platformCaPrivateKeyPem: string;
  /** ACME account for apps' own host names. @default none: the platform CA signs everything */
  readonly acme?: { readonly email: string; readonly server: string };
  /** What must exist first (the CNI; Envoy Gateway's CRDs when ACME answers through the Gateway). */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * cert-manager with two ClusterIssuers: `berth-ca` signs with the platform CA from the cluster stack
 * (every node trusts it, so the registry behind the Gateway is trusted from first boot), and `berth`,
 * the issuer apps use, which is the same CA or, when configured, ACME.
 */
export class CertManager extends Construct implements PlatformAddon {
  public readonly addonName = AddonName.CERT_MANAGER;
  public readonly footprint: AddonFootprint;
  public readonly releases: readonly HelmAddonRelease<object>[];
  public readonly ready: readonly ITerraformDependable[];
  public readonly helm: HelmAddonRelease<CertManagerChartValues>;
  public readonly objects: readonly KubernetesObject[];
  /** The ClusterIssuers: the platform CA's and the one apps use. */
  public readonly issuers: readonly ClusterIssuer[];

  constructor(scope: Construct, id: string, props: CertManagerProps) {
    super(scope, id);
    const namespace = new AddonNamespace(this, 'namespace', {
      name: PlatformNamespace.CERT_MANAGER,
      podSecurity: PodSecurityLevel.RESTRICTED,
    });
    this.footprint = {
      addon: this.addonName,
      workloads: [
        scheduled(WorkloadKind.DEPLOYMENT, 'cert-manager', 1, [
          container('cert-manager-controller', RESOURCES.controller),
        ]),
        scheduled(WorkloadKind.DEPLOYMENT, 'cert-manager-webhook', 1, [
          container('cert-manager-webhook', RESOURCES.webhook),
        ]),
        scheduled(WorkloadKind.DEPLOYMENT, 'cert-manager-cainjector', 1, [
          container('cert-manager-cainjector', RESOURCES.cainjector),
        ]),
      ],
    };
    this.helm = new HelmAddonRelease<CertManagerChartValues>(this, 'cert-manager', {
      chart: CERT_MANAGER_CHART,
      releaseName: 'cert-manager',
      namespace: PlatformNamespace.CERT_MANAGER,
      values: {
        global: { rbac: { aggregateClusterRoles: false } },
        crds: { enabled: true, keep: true },
        replicaCount: 1,
        resources: toKubernetesResources(RESOURCES.controller),
        webhook: { resources: toKubernetesResources(RESOURCES.webhook) },
        cainjector: { resources: toKubernetesResources(RESOURCES.cainjector) },
        startupapicheck: { resources: toKubernetesResources(RESOURCES.startupapicheck) },
        config: {
          apiVersion: 'controller.config.cert-manager.io/v1alpha1',
          kind: 'ControllerConfiguration',
          enableGatewayAPI: props.acme !== undefined,
        },
      },
      dependsOn: [namespace.namespace, ...(props.dependsOn ?? [])],
    });

    const caSecret = new SecretV1(this, 'platform-ca', {
      metadata: { name: PLATFORM_CA_SECRET_NAME, namespace: PlatformNamespace.CERT_MANAGER },
      type: 'kubernetes.io/tls',
      data: { 'tls.crt': props.platformCaCertificatePem, 'tls.key': props.platformCaPrivateKeyPem },
      dependsOn: [namespace.namespace],
    });

    const caIssuer = (name: string): ClusterIssuer => ({
      apiVersion: CERT_MANAGER_API,
      kind: 'ClusterIssuer',
      metadata: { name },
      spec: { ca: { secretName: PLATFORM_CA_SECRET_NAME } },
    });
    const appIssuer: ClusterIssuer = props.acme
      ? {
          apiVersion: CERT_MANAGER_API,
          kind: 'ClusterIssuer',
          metadata: { name: CLUSTER_ISSUER_NAME },
          spec: {
            acme: {
              email: props.acme.email,
              server: props.acme.server,
              privateKeySecretRef: { name: 'berth-acme-account' },
              solvers: [
                {
                  http01: {
                    gatewayHTTPRoute: {
                      parentRefs: [
                        {
                          name: SHARED_GATEWAY.name,
                          namespace: SHARED_GATEWAY.namespace,
                          kind: 'Gateway',
                          sectionName: SHARED_GATEWAY.httpListener,
                        },
                      ],
                      // Solver pods run in the Certificate's namespace, whose default-deny admits the
                      // Gateway's proxies only to pods carrying this label.
                      podTemplate: { metadata: { labels: { [WorkloadLabel.GATEWAY]: 'true' } } },
                    },
                  },
                },
              ],
            },
          },
        }
      : caIssuer(CLUSTER_ISSUER_NAME);

    this.issuers = [caIssuer(PLATFORM_CA_ISSUER_NAME), appIssuer];
    this.objects = this.issuers;
    this.releases = [this.helm];
    this.ready = [this.helm.release, caSecret];
  }
}
