import { Construct } from 'constructs';
import {
  DefaultTokenResolver,
  StringConcat,
  TerraformProvider,
  TerraformResource,
  TerraformResourceLifecycle,
  TerraformStack,
  Tokenization,
} from 'cdktf';

type Json = Record<string, unknown>;

/** What the Terraform Kubernetes provider waits for after applying an object. */
export type ManifestWait =
  { readonly rollout: true } | { readonly condition: readonly { type: string; status: string }[] };

export interface KubernetesManifestProps {
  readonly provider: TerraformProvider;
  /**
   * The object, plain JSON with Terraform's template sequences already escaped. It holds no cdktf token:
   * a value of another resource cannot go into an object this way.
   */
  readonly manifest: Json;
  /**
   * What to wait for after applying.
   * @default nothing
   */
  readonly wait?: ManifestWait;
  /**
   * How long create, update and delete may take, a Terraform duration.
   * @default the provider's
   */
  readonly timeout?: string;
  /**
   * Lifecycle settings (`replace_triggered_by`).
   * @default none
   */
  readonly lifecycle?: TerraformResourceLifecycle;
}

/** Marks of cdktf tokens in JSON text: string, list and map tokens, and the doubles number tokens are. */
const TOKEN_MARK = /[$#&]\{TfToken\[|-\d(?:\.\d+)?e\+\d{3}/;

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** Stacks synthesizing through {@link withManifestsAside} now. */
const aside = new WeakSet<TerraformStack>();

/**
 * A `kubernetes_manifest` resource: the same Terraform JSON as the generated binding writes for the
 * attributes Berth uses, without the binding's per-resource bookkeeping (a token object with a captured
 * stack trace for every nested attribute). Its object is plain data, so a stack synthesizing through
 * {@link withManifestsAside} writes it as it is instead of resolving every value of it three times.
 */
export class KubernetesManifest extends TerraformResource {
  public static readonly tfResourceType = 'kubernetes_manifest';

  /** The object; shared, never change it. */
  public readonly manifest: Json;
  private readonly wait?: ManifestWait;
  private readonly timeout?: string;
  private withoutObject = false;

  constructor(scope: Construct, id: string, props: KubernetesManifestProps) {
    super(scope, id, {
      terraformResourceType: KubernetesManifest.tfResourceType,
      terraformGeneratorMetadata: { providerName: 'kubernetes' },
      provider: props.provider,
      lifecycle: props.lifecycle,
    });
    const token = TOKEN_MARK.exec(JSON.stringify(props.manifest));
    if (token) {
      throw new Error(
        `${this.node.path}: the object holds a cdktf token (${token[0]}…); a Kubernetes object is plain data, ` +
          'give values of other resources to a resource that takes them (e.g. kubernetes_secret_v1)',
      );
    }
    this.manifest = props.manifest;
    this.wait = props.wait;
    this.timeout = props.timeout;
  }

  public toTerraform(): Json {
    return aside.has(this.cdktfStack) && this.writtenAside() ? {} : super.toTerraform();
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    const timeouts = this.timeout && { create: this.timeout, delete: this.timeout, update: this.timeout };
    return { manifest: this.withoutObject ? undefined : this.manifest, wait: this.wait, timeouts };
  }

  /**
   * The entry written directly, as cdktf writes it, when it holds only what Berth gives (plain addresses in
   * `depends_on` and `replace_triggered_by`, the provider, what to wait for, timeouts); else `undefined`.
   */
  private plainEntry(): Json | undefined {
    const { lifecycle, dependsOn } = this;
    if (this.count !== undefined || this.forEach || this.provisioners || this.connection) return undefined;
    if (lifecycle && Object.keys(lifecycle).some((k) => k !== 'replaceTriggeredBy')) return undefined;
    const triggers = lifecycle?.replaceTriggeredBy;
    if (triggers?.some((t) => typeof t !== 'string')) return undefined;
    const provider = this.provider?.fqn;
    const strings = [...(dependsOn ?? []), ...((triggers ?? []) as string[]), provider ?? ''];
    if (strings.some((text) => TOKEN_MARK.test(text))) return undefined;
    const entry: Json = {
      '//': { metadata: { path: this.node.path, uniqueId: this.friendlyUniqueId } },
    };
    if (this.wait) entry.wait = this.wait;
    if (this.timeout) entry.timeouts = { create: this.timeout, delete: this.timeout, update: this.timeout };
    if (dependsOn) entry.depends_on = [...dependsOn];
    if (provider) entry.provider = provider;
    if (lifecycle) entry.lifecycle = triggers ? { replace_triggered_by: [...triggers] } : {};
    return entry;
  }

  /** Whether {@link withManifestsAside} writes this resource: not when it is moved or has overrides. */
  private writtenAside(): boolean {
    return !this.hasResourceMove() && Object.keys(this.rawOverrides).length === 0;
  }

  /**
   * This resource's entry in `resource.kubernetes_manifest`, resolved, without the object; `undefined`
   * when the stack writes it the usual way.
   */
  public entryWithoutObject(preparing: boolean): Json | undefined {
    if (!this.writtenAside()) return undefined;
    const plain = this.plainEntry();
    if (plain) return plain;
    this.withoutObject = true;
    let entry: Json;
    try {
      const written = super.toTerraform() as { resource: Record<string, Record<string, Json>> };
      entry = written.resource[KubernetesManifest.tfResourceType][this.friendlyUniqueId];
    } finally {
      this.withoutObject = false;
    }
    // Plain data (what Berth gives) needs no resolution; anything else gets cdktf's.
    const text = JSON.stringify(entry);
    if (!TOKEN_MARK.test(text)) return JSON.parse(text) as Json;
    return Tokenization.resolve(entry, { scope: this.cdktfStack, preparing, resolver: RESOLVER }) as Json;
  }
}

/**
 * Runs `synthesize`, one of `stack`'s synthesis steps (`prepareStack`, or `toTerraform` when `output` is
 * true), with its {@link KubernetesManifest}s left out, and writes each of them into the Terraform JSON
 * it returns: resolved on their own, their objects as they are. The output is what cdktf writes, without
 * walking every value of every object three times (cdktf resolves the whole stack in each step).
 */
export function withManifestsAside<T>(stack: TerraformStack, output: boolean, synthesize: () => T): T {
  aside.add(stack);
  let result: T;
  try {
    result = synthesize();
  } finally {
    aside.delete(stack);
  }
  const manifests = stack.node
    .findAll()
    .filter((c): c is KubernetesManifest => c instanceof KubernetesManifest);
  if (!output) {
    for (const manifest of manifests) manifest.entryWithoutObject(true);
    return result;
  }
  const tf = result as { resource?: Record<string, Record<string, Json>> };
  for (const manifest of manifests) {
    const entry = manifest.entryWithoutObject(false);
    if (!entry) continue;
    tf.resource ??= {};
    tf.resource[KubernetesManifest.tfResourceType] ??= {};
    tf.resource[KubernetesManifest.tfResourceType][manifest.friendlyUniqueId] = {
      ...entry,
      manifest: manifest.manifest,
    };
  }
  return result;
}
