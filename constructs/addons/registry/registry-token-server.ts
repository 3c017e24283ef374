import { Construct } from 'constructs';
import { Fn, ITerraformDependable } from 'cdktf';
import { k8s } from 'cdk8s-plus-33';
import { Password } from '@cdktf/provider-random/lib/password';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { PrivateKey } from '@cdktf/provider-tls/lib/private-key';
import { SelfSignedCert } from '@cdktf/provider-tls/lib/self-signed-cert';
import { PlatformNamespace, RegistryStage } from '../../../config/platform-names';
import { KubernetesObject } from '../core/kubernetes-object';
import { RegistryCredentials } from './registry-pull-secret';
import { fixedResources, toCdk8sResources } from '../core/resources';
import { REGISTRY_TOKEN_SERVER } from './registry-images';
import { REGISTRY_LABELS } from './registry-pod';
import { recordedImageReference } from '../core/image-digests';

/**
 * cesanta/docker_auth, a small token server for Distribution's token authentication (the registry
 * itself only knows "authenticated or not"). 1.14.0 is the first release that writes the RFC 7638 key
 * ID Distribution v3 expects (`token.disable_legacy_key_id`); the repository's docker.yml publishes
 * every `x.y.z` tag to Docker Hub.
 */
export const TOKEN_SERVER_IMAGE = recordedImageReference(REGISTRY_TOKEN_SERVER);
/** Port of the token server (HTTP; TLS ends at the shared Gateway). */
export const TOKEN_SERVER_PORT = 5001;
/** Path of the token endpoint on the registry's host: the realm clients are sent to. */
export const TOKEN_PATH = '/auth';
/** Issuer and service names the registry checks in every token. */
export const TOKEN_ISSUER = 'berth-registry-token-server';
export const TOKEN_SERVICE = 'berth-registry';
/** How long a token lives; clients ask for a new one with their password. */
const TOKEN_SECONDS = 900;

export const TOKEN_SERVER_NAME = 'registry-token-server';
export const TOKEN_SERVER_LABELS = {
  ...REGISTRY_LABELS,
  'app.kubernetes.io/component': 'token-server',
} as const;
const CONFIG_DIR = '/config';
/** docker_auth is one small Go binary with static users: ~15 MiB resident. */
const RESOURCES = fixedResources('10m', '16Mi', '100m', '32Mi');
export const TOKEN_SERVER_RESOURCES = RESOURCES;

/** The CI user: pushes to `dev/…` and promotes to `prod/…`. */
export const PUSH_USER = 'push';
/** The pull-only user of one environment. */
export const pullUser = (environment: string) => `pull-${environment}`;

/** An environment that pulls from the registry, and the stage its images live in. */
export interface RegistryPuller {
  readonly environment: string;
  readonly stage: RegistryStage;
}

/** One rule of docker_auth's ACL (first match wins; no match denies). */
export interface TokenAclRule {
  readonly match: { readonly account: string; readonly type: 'repository'; readonly name: string };
  readonly actions: readonly ('pull' | 'push' | 'delete' | '*')[];
  readonly comment: string;
}

/**
 * Repositories of a stage, as a docker_auth regular expression (between slashes; its globs' `*` would
 * stop at the `/` inside repository names).
 */
const stageRepositories = (stage: RegistryStage) => `/^${stage}/.+$/`;

/**
 * Who may do what: CI pushes and deletes in every stage, each environment only pulls from its own
 * stage. Everything else (another stage, the catalog, push with a pull credential) is denied.
 */
export function tokenAcl(pullers: readonly RegistryPuller[]): TokenAclRule[] {
  return [
    ...Object.values(RegistryStage).map((stage): TokenAclRule => ({
      match: { account: PUSH_USER, type: 'repository', name: stageRepositories(stage) },
      actions: ['*'],
      comment: `CI pushes and promotes to ${stage}/`,
    })),
    ...pullers.map((p): TokenAclRule => ({
      match: { account: pullUser(p.environment), type: 'repository', name: stageRepositories(p.stage) },
      actions: ['pull'],
      comment: `${p.environment} pulls from ${p.stage}/ only`,
    })),
  ];
}

export interface RegistryTokenServerProps {
  /** Registry host; credentials name it. */
  readonly host: string;
  readonly pullers: readonly RegistryPuller[];
  /** What must exist first (the namespace). @default nothing */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * The token server's secrets, made at deploy time: one password per user (random provider; only bcrypt
 * hashes reach the server's configuration), the token signing key (tls provider) and its certificate,
 * which the registry trusts.
 */
export class RegistryTokenServer extends Construct {
  public readonly pushCredentials: RegistryCredentials;
  /** Pull-only credentials, by environment. */
  public readonly pullCredentials: ReadonlyMap<string, RegistryCredentials>;
  /** Certificate of the token signing key (not secret), for the registry's `rootcertbundle`. */
  public readonly signingCertificatePem: string;
  /** Secret holding the server's configuration and signing key. */
  public readonly secret: SecretV1;
  public readonly acl: readonly TokenAclRule[];

  constructor(scope: Construct, id: string, props: RegistryTokenServerProps) {
    super(scope, id);
    const users = [PUSH_USER, ...props.pullers.map((p) => pullUser(p.environment))];
    const passwords = new Map(
      // Letters and digits only: safe in URLs and JSON alike; 32 characters is ~190 bits.
      users.map((user) => [user, new Password(this, `${user}-password`, { length: 32, special: false })]),
    );
    const credentials = (user: string): RegistryCredentials => ({
      host: props.host,
      username: user,
      password: passwords.get(user)!.result,
    });
    this.pushCredentials = credentials(PUSH_USER);
    this.pullCredentials = new Map(
      props.pullers.map((p) => [p.environment, credentials(pullUser(p.environment))]),
    );

    const key = new PrivateKey(this, 'signing-key', { algorithm: 'ECDSA', ecdsaCurve: 'P256' });
    const certificate = new SelfSignedCert(this, 'signing-certificate', {
      privateKeyPem: key.privateKeyPem,
      subject: [{ commonName: TOKEN_ISSUER }],
      validityPeriodHours: 10 * 365 * 24,
      allowedUses: ['digital_signature'],
    });
    this.signingCertificatePem = certificate.certPem;
    this.acl = tokenAcl(props.pullers);
    const config = {
      server: { addr: `:${TOKEN_SERVER_PORT}`, path_prefix: '' },
      token: {
        issuer: TOKEN_ISSUER,
        expiration: TOKEN_SECONDS,
        certificate: `${CONFIG_DIR}/token.pem`,
        key: `${CONFIG_DIR}/token.key`,
        disable_legacy_key_id: true,
      },
      users: Object.fromEntries(users.map((u) => [u, { password: passwords.get(u)!.bcryptHash }])),
      acl: this.acl,
    };
    this.secret = new SecretV1(this, 'secret', {
      metadata: { name: TOKEN_SERVER_NAME, namespace: PlatformNamespace.REGISTRY },
      type: 'Opaque',
      // JSON is YAML: docker_auth reads it as its YAML configuration.
      data: {
        'auth_config.yml': Fn.jsonencode(config),
        'token.pem': certificate.certPem,
        'token.key': key.privateKeyPem,
      },
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });
  }
}

/** The token server's Deployment and Service (no secret in them: the Secret is Terraform's). */
export function tokenServerObjects(): KubernetesObject[] {
  const ns = PlatformNamespace.REGISTRY;
  return [
    k8s.KubeDeployment.manifest({
      metadata: { name: TOKEN_SERVER_NAME, namespace: ns, labels: TOKEN_SERVER_LABELS },
      spec: {
        replicas: 1,
        selector: { matchLabels: TOKEN_SERVER_LABELS },
        template: {
          metadata: { labels: TOKEN_SERVER_LABELS },
          spec: {
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: 65534,
              runAsGroup: 65534,
              seccompProfile: { type: 'RuntimeDefault' },
            },
            containers: [
              {
                name: 'token-server',
                image: TOKEN_SERVER_IMAGE,
                args: ['-logtostderr', `${CONFIG_DIR}/auth_config.yml`],
                ports: [{ name: 'http', containerPort: TOKEN_SERVER_PORT }],
                resources: toCdk8sResources(RESOURCES),
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ['ALL'] },
                },
                volumeMounts: [{ name: 'config', mountPath: CONFIG_DIR, readOnly: true }],
              },
            ],
            volumes: [{ name: 'config', secret: { secretName: TOKEN_SERVER_NAME } }],
          },
        },
      },
    }),
    k8s.KubeService.manifest({
      metadata: { name: TOKEN_SERVER_NAME, namespace: ns, labels: TOKEN_SERVER_LABELS },
      spec: {
        selector: TOKEN_SERVER_LABELS,
        ports: [{ name: 'http', port: TOKEN_SERVER_PORT, targetPort: k8s.IntOrString.fromString('http') }],
      },
    }),
  ];
}
