import { Construct } from 'constructs';
import { Fn, ITerraformDependable } from 'cdktf';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { MANAGED_BY_BERTH_LABEL, REGISTRY_PULL_SECRET_NAME } from '../../../config/platform-names';

/** Credentials of the private registry; the password is a reference generated at deploy time. */
export interface RegistryCredentials {
  /** Registry host, `registry.apps.<domain>`. */
  readonly host: string;
  readonly username: string;
  /** A Terraform reference (random provider), never a literal. */
  readonly password: string;
}

/**
 * `.dockerconfigjson` for the credentials, assembled by Terraform's `jsonencode` at deploy time so the
 * password is never part of a synthesized file.
 */
export function dockerConfigJson(credentials: RegistryCredentials): string {
  return Fn.jsonencode({
    auths: {
      [credentials.host]: {
        username: credentials.username,
        password: credentials.password,
        auth: Fn.base64encode(Fn.join(':', [credentials.username, credentials.password])),
      },
    },
  });
}

export interface RegistryPullSecretProps {
  /** Namespace that pulls from the registry (an environment). */
  readonly namespace: string;
  /** The registry's pull credentials (`PlatformStack.registryPullCredentials`). */
  readonly credentials: RegistryCredentials;
  /**
   * Secret name, referenced by pods' `imagePullSecrets`.
   * @default REGISTRY_PULL_SECRET_NAME
   */
  readonly name?: string;
  /** The namespace resource, when Terraform creates it. @default nothing */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * The image pull secret of one namespace, written through the Kubernetes provider by the stack that
 * owns the namespace (the credentials cross over from the platform stack as references).
 */
export class RegistryPullSecret extends Construct {
  public readonly secret: SecretV1;

  constructor(scope: Construct, id: string, props: RegistryPullSecretProps) {
    super(scope, id);
    this.secret = new SecretV1(this, 'secret', {
      metadata: {
        name: props.name ?? REGISTRY_PULL_SECRET_NAME,
        namespace: props.namespace,
        labels: { ...MANAGED_BY_BERTH_LABEL, 'app.kubernetes.io/part-of': 'registry' },
      },
      type: 'kubernetes.io/dockerconfigjson',
      data: { '.dockerconfigjson': dockerConfigJson(props.credentials) },
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });
  }
}
