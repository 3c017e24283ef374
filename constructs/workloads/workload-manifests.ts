import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { createHash } from 'crypto';
import { TerraformProvider, TerraformResource } from 'cdktf';
import { ReplaceTrigger } from '../core/replace-trigger';
import { escapeTerraformText, escapeTerraformValue } from '../core/terraform-escape';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { Password } from '@cdktf/provider-random/lib/password';
import { GeneratedSecret } from './workload-generated-secret';
import { KubernetesManifest, ManifestWait } from '../core/kubernetes-manifest';
import { renderedObjects } from '../core/rendered-objects';

type Json = Record<string, unknown>;

/** Kinds whose pods the delivery waits for: a deploy fails when the new version does not come up. */
const ROLLOUT_KINDS = ['Deployment', 'StatefulSet'];

/** Length of generated passwords: letters and digits only, so they go into URLs as they are. */
export const GENERATED_PASSWORD_LENGTH = 32;

export interface WorkloadManifestsProps {
  /** The chart to apply, one environment. */
  readonly chart: Chart;
  /** The Kubernetes provider of the cluster. */
  readonly provider: TerraformProvider;
  /**
   * How long to wait for a rollout or a release Job, a Terraform duration.
   * @default "10m"
   */
  readonly timeout?: string;
}

/**
 * Applies one chart's objects with the Terraform Kubernetes provider, one `kubernetes_manifest` per
 * object, so a plan shows exactly which object changes. Like cdktf-cdk8s it converts every object, and
 * beyond it:
 *  - orders them: the Namespace first, the generated Secrets next, then everything in dependency order
 *    (a release Job before the Deployments it releases, a database before the Job that migrates it);
 *  - waits for Deployments and StatefulSets to roll out and for release Jobs to complete;
 *  - keeps strings intact: `${` and `%{` are escaped for Terraform, new lines stay new lines;
 *  - generates each {@link GeneratedSecret} at deploy time (`random_password` into `kubernetes_secret_v1`);
 *  - names resources `<env>_<kind>_<name>`, stable and readable in plans.
 */
export class WorkloadManifests extends Construct {
  /** Terraform resources by `<Kind>/<name>`. */
  public readonly manifests: ReadonlyMap<string, KubernetesManifest>;
  /** Generated Secrets by name. */
  public readonly secrets: ReadonlyMap<string, SecretV1>;
  /** The Namespace's manifest, when the chart has one. */
  public readonly namespace?: KubernetesManifest;
  /** Names of the Secrets each manifest's pods use (env, envFrom, volumes, image pull). */
  private readonly secretUsers = new Map<KubernetesManifest, ReadonlySet<string>>();

  constructor(scope: Construct, id: string, props: WorkloadManifestsProps) {
    super(scope, id);
    const chartId = props.chart.node.id;
    const timeout = props.timeout ?? '10m';
    const rendered = renderedObjects(props.chart);
    const objects = [...rendered.keys()];
    const manifests = new Map<string, KubernetesManifest>();
    const byObject = new Map<ApiObject, KubernetesManifest>();

    const namespaceObject = objects.find((o) => o.kind === 'Namespace');
    let namespace: KubernetesManifest | undefined;
    const create = (object: ApiObject): KubernetesManifest => {
      const json = escapeTerraformValue(rendered.get(object)) as Json;
      const key = `${object.kind}/${object.name}`;
      if (manifests.has(key)) throw new Error(`${chartId}: two objects are named ${key}`);
      const id = logicalId(chartId, object.kind, object.name);
      // A Job's template is immutable: a changed Job (same version, new settings) is replaced, and so runs again.
      const changes =
        object.kind === 'Job'
          ? new ReplaceTrigger(this, `${key.replace('/', '-')}-template`, {
              sha256: createHash('sha256').update(JSON.stringify(json)).digest('hex'),
            })
          : undefined;
      changes?.overrideLogicalId(`${id}_template`);
      const manifest = new KubernetesManifest(this, key.replace('/', '-'), {
        provider: props.provider,
        manifest: json,
        wait: waitFor(object.kind),
        timeout,
        // A plain address: cdktf writes a dependable here as "${...}", which Terraform rejects.
        lifecycle: changes ? { replaceTriggeredBy: [reference(changes)] } : undefined,
      });
      manifest.overrideLogicalId(id);
      manifests.set(key, manifest);
      byObject.set(object, manifest);
      return manifest;
    };
    if (namespaceObject) namespace = create(namespaceObject);

    const secrets = new Map<string, SecretV1>();
    for (const generated of GeneratedSecret.within(props.chart)) {
      const values: Record<string, string> = {};
      for (const key of generated.passwordKeys) {
        const password = new Password(this, `${generated.secretName}-${key}`, {
          length: GENERATED_PASSWORD_LENGTH,
          special: false,
          minLower: 1,
          minUpper: 1,
          minNumeric: 1,
        });
        password.overrideLogicalId(logicalId(chartId, 'password', `${generated.secretName}-${key}`));
        values[key] = password.result;
      }
      const data: Record<string, string> = { ...values };
      for (const [key, template] of Object.entries(generated.derivedKeys)) {
        data[key] = GeneratedSecret.render(escapeTerraformText(template), values);
      }
      const secret = new SecretV1(this, `Secret-${generated.secretName}`, {
        provider: props.provider,
        metadata: {
          name: generated.secretName,
          namespace: generated.namespace,
          labels: { ...generated.labels },
        },
        type: 'Opaque',
        data,
        dependsOn: namespace ? [namespace] : undefined,
      });
      secret.overrideLogicalId(logicalId(chartId, 'secret', generated.secretName));
      secrets.set(generated.secretName, secret);
    }

    for (const object of objects) {
      if (object !== namespaceObject) create(object);
    }
    // Dependencies: the Namespace, the Secrets the pods use, and what the chart declares.
    for (const object of objects) {
      if (object === namespaceObject) continue;
      const manifest = byObject.get(object) as KubernetesManifest;
      const deps = new Set<TerraformResource>(namespace ? [namespace] : []);
      const used = secretsUsedBy(rendered.get(object));
      this.secretUsers.set(manifest, used);
      for (const name of used) {
        const secret = secrets.get(name);
        if (secret) deps.add(secret);
      }
      for (const dependency of object.node.dependencies) {
        for (const target of apiObjectsOf(dependency)) {
          const other = byObject.get(target);
          if (other && other !== manifest) deps.add(other);
        }
        for (const generated of GeneratedSecret.within(dependency as Construct)) {
          const secret = secrets.get(generated.secretName);
          if (secret) deps.add(secret);
        }
      }
      manifest.dependsOn = [...deps].map(reference);
    }
    this.manifests = manifests;
    this.secrets = secrets;
    this.namespace = namespace;
  }

  /**
   * Makes every object whose pods use the Secret `name` wait for `secret`, a Secret created outside the
   * chart (the registry pull secret).
   */
  public addSecret(name: string, secret: TerraformResource): void {
    for (const [manifest, used] of this.secretUsers) {
      if (used.has(name)) manifest.dependsOn = [...(manifest.dependsOn ?? []), reference(secret)];
    }
  }
}

/** `kubernetes_manifest.dev_namespace_dev`: how `depends_on` names a resource. */
function reference(resource: TerraformResource): string {
  return `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
}

/** Names of the Secrets a manifest refers to: env values, envFrom, volumes, image pull secrets. */
export function secretsUsedBy(value: unknown, found: Set<string> = new Set()): Set<string> {
  if (value === null || typeof value !== 'object') return found;
  if (Array.isArray(value)) {
    for (const item of value) secretsUsedBy(item, found);
  } else {
    const object = value as Json;
    for (const key of Object.keys(object)) {
      const item = object[key];
      // A name or a number names no Secret and holds nothing: most values of an object.
      if (item === null || typeof item !== 'object') continue;
      const named = item as Json;
      if ((key === 'secretKeyRef' || key === 'secretRef') && typeof named.name === 'string') {
        found.add(named.name);
      } else if (key === 'secret' && typeof named.secretName === 'string') {
        found.add(named.secretName);
      } else if (key === 'imagePullSecrets' && Array.isArray(item)) {
        for (const ref of item as Json[]) if (typeof ref.name === 'string') found.add(ref.name);
      } else {
        secretsUsedBy(item, found);
      }
    }
  }
  return found;
}

/** `dev_deployment_wordpress`: unique per stack (one chart per environment), valid in Terraform. */
export function logicalId(chart: string, kind: string, name: string): string {
  return `${chart}_${kind.toLowerCase()}_${name}`.replace(/[^A-Za-z0-9_-]/g, '_');
}

function waitFor(kind: string): ManifestWait | undefined {
  if (ROLLOUT_KINDS.includes(kind)) return { rollout: true };
  if (kind === 'Job') return { condition: [{ type: 'Complete', status: 'True' }] };
  return undefined;
}

function apiObjectsOf(construct: IConstruct): ApiObject[] {
  if (construct instanceof ApiObject) return [construct];
  return construct.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
}
