import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { Manifest, ManifestWait } from '@cdktf/provider-kubernetes/lib/manifest';
import { escapeTerraformValue } from '../../core/terraform-escape';
import { KubernetesObject, objectKey } from './kubernetes-object';

/** Kinds whose pods the delivery waits for: a deploy fails when the new version does not come up. */
const ROLLOUT_KINDS: readonly string[] = ['Deployment', 'StatefulSet', 'DaemonSet'];

export interface AddonObjectsProps {
  /** The objects, in apply order. */
  readonly objects: readonly KubernetesObject[];
  /** The Kubernetes provider of the cluster. @default the stack's only Kubernetes provider */
  readonly provider?: TerraformProvider;
  /**
   * How long to wait for a rollout, a Terraform duration.
   * @default "10m"
   */
  readonly timeout?: string;
}

/**
 * An add-on's own objects (the Gateway, ClusterIssuers, HTTPRoutes, the registry's workload), each
 * applied as one typed `kubernetes_manifest`: the one way Berth applies plain objects (the environments
 * use the same resource). Each object waits for the one before it, Deployments and StatefulSets for
 * their rollout. Resources are named `<id>_<kind>_<namespace>_<name>` (the add-on's construct ID),
 * stable and readable in plans.
 *
 * `kubernetes_manifest` reads the cluster's API (and the CRDs) when it plans, so these objects live in
 * the `<cluster>-platform-objects` stack, planned after the platform stack has installed the CRDs.
 */
export class AddonObjects extends Construct {
  /** Terraform resources by `Kind/namespace/name`, in apply order. */
  public readonly manifests: ReadonlyMap<string, Manifest>;

  constructor(scope: Construct, id: string, props: AddonObjectsProps) {
    super(scope, id);
    const timeout = props.timeout ?? '10m';
    const manifests = new Map<string, Manifest>();
    const ids = new Set<string>();
    let previous: Manifest | undefined;
    for (const object of props.objects) {
      const key = objectKey(object);
      const logicalId = addonObjectId(id, object);
      if (manifests.has(key) || ids.has(logicalId)) {
        throw new Error(`${id}: two objects are named ${key}`);
      }
      const manifest = new Manifest(this, key.replace(/\//g, '-'), {
        provider: props.provider,
        manifest: escapeTerraformValue(object) as Record<string, unknown>,
        wait: waitFor(object.kind),
        timeouts: { create: timeout, update: timeout, delete: timeout },
      });
      manifest.overrideLogicalId(logicalId);
      // A plain address: cdktf writes a dependable here as "${...}", which Terraform rejects.
      if (previous) manifest.dependsOn = [`kubernetes_manifest.${previous.friendlyUniqueId}`];
      manifests.set(key, manifest);
      ids.add(logicalId);
      previous = manifest;
    }
    this.manifests = manifests;
  }
}

/**
 * `cert-manager_clusterissuer_berth`, `gateway_gateway_gateway_apps` (prefix, kind, namespace when the
 * object has one, name): unique per add-on, valid in Terraform.
 */
export function addonObjectId(prefix: string, object: KubernetesObject): string {
  const { namespace, name } = object.metadata;
  return [prefix, object.kind, ...(namespace ? [namespace] : []), name]
    .join('_')
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '_');
}

function waitFor(kind: string): ManifestWait | undefined {
  return ROLLOUT_KINDS.includes(kind) ? { rollout: true } : undefined;
}
