import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { AddonName, ResolvedResources, DataSize } from '../../../config';
import { PlatformAddon } from '../core/addon';
import { AddonNamespace, PodSecurityLevel } from '../core/addon-namespace';
import { AddonFootprint, WorkloadKind, container, scheduled } from '../core/footprint';
import { HelmAddonRelease } from '../core/helm-chart';
import { KubernetesObject } from '../core/kubernetes-object';
import { PlatformNamespace, registryHost } from '../../../config/platform-names';
import { DistributionConfig, distributionConfig } from './distribution-config';
import { registryObjects } from './registry-objects';
import { REGISTRY_TOKEN_CERT_CONFIG_MAP } from './registry-pod';
import { RegistryCredentials } from './registry-pull-secret';
import {
  RegistryPuller,
  RegistryTokenServer,
  TOKEN_SERVER_NAME,
  TOKEN_SERVER_RESOURCES,
} from './registry-token-server';

// The registry's port and server labels, where registry-addon.ts (NetworkPolicies) reads them.
export { REGISTRY_PORT } from './distribution-config';
export { REGISTRY_SERVER_LABELS } from './registry-pod';

export interface RegistryProps {
  /** The cluster's domain; the registry is `registry.apps.<domain>`. */
  readonly domain: string;
  /** StorageClass of the image volume. */
  readonly storageClass: string;
  readonly storageSize: DataSize;
  /** Cron schedule of garbage collection. */
  readonly garbageCollectionSchedule: string;
  readonly resources: ResolvedResources;
  /**
   * Environments that pull, each with its own pull-only credential for its own stage.
   * @default none
   */
  readonly pullers?: readonly RegistryPuller[];
}

/**
 * The private image registry: CNCF Distribution v3 on a Cinder volume, behind the shared Gateway at
 * `registry.apps.<domain>` (TLS with the platform CA's wildcard certificate, which every node trusts).
 *
 * Storage: Distribution v3 dropped its Swift driver, so images live on a Cinder volume (one replica,
 * `Recreate` updates). Swift's S3 API would work with the `s3` driver and EC2-style credentials, which
 * the cluster stack does not create today.
 *
 * Authentication and authorization: Distribution's token authentication with a token server
 * (cesanta/docker_auth, `registry-token-server.ts`) at `registry.apps.<domain>/auth`. CI's `push` user
 * pushes and deletes in `dev/…` and `prod/…`; each environment has its own `pull-<env>` user that may
 * only pull from its stage (`prod/…` for production, `dev/…` otherwise). The registry verifies every
 * request's token (signed by a key the tls provider makes, whose certificate it trusts), so a pull
 * credential cannot push, delete or read another stage. (htpasswd, used before, lets every user do
 * everything.) Passwords come from the random provider; only bcrypt hashes reach the token server.
 *
 * Repositories and promotion: CI pushes `registry.apps.<domain>/dev/<app>:<git-sha>`; dev and test run
 * that image by digest; promotion copies the tested manifest, unchanged, to `prod/<app>:<version>`
 * (`crane copy` or `regctl image copy`, which keep the digest), and prod references
 * `prod/<app>@sha256:<digest>`. Nothing is rebuilt between test and prod.
 *
 * Garbage collection: a CronJob runs `registry garbage-collect --delete-untagged` on the node that
 * holds the volume (pod affinity), at a quiet hour; pushes during the run may fail and are retried.
 */
export class Registry extends Construct implements PlatformAddon {
  public readonly addonName = AddonName.REGISTRY;
  public readonly footprint: AddonFootprint;
  public readonly releases: readonly HelmAddonRelease<object>[];
  public readonly ready: readonly ITerraformDependable[];
  public readonly objects: readonly KubernetesObject[];
  /** Host name of the registry. */
  public readonly host: string;
  /** Credentials for CI (push and promotion). */
  public readonly pushCredentials: RegistryCredentials;
  /** Pull-only credentials, by environment (the environments' pull secrets). */
  public readonly pullCredentials: ReadonlyMap<string, RegistryCredentials>;
  public readonly tokenServer: RegistryTokenServer;
  /** The registry's configuration file. */
  public readonly config: DistributionConfig;

  constructor(scope: Construct, id: string, props: RegistryProps) {
    super(scope, id);
    this.host = registryHost(props.domain);
    const namespace = new AddonNamespace(this, 'namespace', {
      name: PlatformNamespace.REGISTRY,
      podSecurity: PodSecurityLevel.RESTRICTED,
    });

    this.tokenServer = new RegistryTokenServer(this, 'token-server', {
      host: this.host,
      pullers: props.pullers ?? [],
      dependsOn: [namespace.namespace],
    });
    this.pushCredentials = this.tokenServer.pushCredentials;
    this.pullCredentials = this.tokenServer.pullCredentials;
    const tokenCertificate = new ConfigMapV1(this, 'token-certificate', {
      metadata: { name: REGISTRY_TOKEN_CERT_CONFIG_MAP, namespace: PlatformNamespace.REGISTRY },
      data: { 'token.pem': this.tokenServer.signingCertificatePem },
      dependsOn: [namespace.namespace],
    });

    this.config = distributionConfig(this.host);
    this.footprint = {
      addon: this.addonName,
      workloads: [
        scheduled(WorkloadKind.DEPLOYMENT, 'registry', 1, [container('registry', props.resources)]),
        scheduled(WorkloadKind.DEPLOYMENT, TOKEN_SERVER_NAME, 1, [
          container('token-server', TOKEN_SERVER_RESOURCES),
        ]),
      ],
    };
    this.objects = registryObjects(props, this.host, this.config);
    this.releases = [];
    this.ready = [namespace.namespace, this.tokenServer.secret, tokenCertificate];
  }
}
