/**
 * The one place that knows the layout of a synthesized output folder (`cdktf.out/`): every review tool
 * (plan diff, report) reads it through here, so a change of the layout or format needs one fix.
 *
 *   stacks/<stack>/cdk.tf.json           Terraform JSON (cdktf), stacks named `<cluster>-<layer>`
 *   manifests/<cluster>/<env>.k8s.yaml   Kubernetes objects of each environment
 *   nodes/<cluster>/<role>/**            readable node templates (cloud-config, files, scripts)
 */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { MANIFESTS_DIR } from '../../charts/manifest-yaml';
import { Json } from '../../constructs/core/pod-manifest';
import { NODE_TEMPLATES_DIR } from '../../stacks/node-templates';

export type { Json };

/** The layers of a cluster, by the suffix of their stack names. */
export enum StackLayer {
  INFRA = 'infra',
  PLATFORM = 'platform',
  /** The add-ons' own objects (kubernetes_manifest), grouped with the add-ons in a diff. */
  PLATFORM_OBJECTS = 'platform-objects',
  ENVIRONMENTS = 'environments',
}

/** One `resource` or `data` block of a stack. */
export interface TerraformBlock {
  /** Terraform address: `type.name` or `data.type.name`. */
  readonly address: string;
  readonly mode: 'resource' | 'data';
  readonly type: string;
  readonly name: string;
  /** Construct path below the stack (`masters/server-1`), or the name when cdktf recorded none. */
  readonly path: string;
  /** The block's arguments, without cdktf's `//` metadata. */
  readonly config: Json;
}

export interface StackOutput {
  readonly name: string;
  readonly cluster: string;
  readonly layer: StackLayer | undefined;
  /** Resources and data sources by address, in file order. */
  readonly blocks: ReadonlyMap<string, TerraformBlock>;
  readonly outputs: Json;
}

export interface SynthOutput {
  readonly dir: string;
  /** Stacks by name, sorted. */
  readonly stacks: ReadonlyMap<string, StackOutput>;
  /** Kubernetes objects by cluster, then environment. */
  readonly manifests: ReadonlyMap<string, ReadonlyMap<string, readonly Json[]>>;
  /** Node template files by cluster, then role, then path below the role's folder. */
  readonly nodes: ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, string>>>;
}

/** Reads an output folder; throws an Error naming the file when one cannot be read. */
export function readSynthOutput(dir: string): SynthOutput {
  const stacksDir = path.join(dir, 'stacks');
  if (!fs.existsSync(stacksDir)) throw new Error(`${stacksDir} does not exist: nothing was synthesized`);
  const stacks = new Map<string, StackOutput>();
  for (const name of sortedEntries(stacksDir)) {
    const file = path.join(stacksDir, name, 'cdk.tf.json');
    if (fs.existsSync(file)) stacks.set(name, parseStack(name, readJson(file)));
  }
  const manifests = new Map<string, Map<string, Json[]>>();
  const manifestsDir = path.join(dir, MANIFESTS_DIR);
  for (const cluster of sortedEntries(manifestsDir)) {
    const envs = new Map<string, Json[]>();
    for (const file of sortedEntries(path.join(manifestsDir, cluster))) {
      const match = /^(.+)\.k8s\.yaml$/.exec(file);
      if (!match) continue;
      const text = fs.readFileSync(path.join(manifestsDir, cluster, file), 'utf8');
      envs.set(
        match[1],
        YAML.parseAllDocuments(text)
          .map((doc) => doc.toJSON() as Json)
          .filter((o) => o && typeof o === 'object'),
      );
    }
    manifests.set(cluster, envs);
  }
  const nodes = new Map<string, Map<string, Map<string, string>>>();
  const nodesDir = path.join(dir, NODE_TEMPLATES_DIR);
  for (const cluster of sortedEntries(nodesDir)) {
    const roles = new Map<string, Map<string, string>>();
    for (const role of sortedEntries(path.join(nodesDir, cluster))) {
      roles.set(role, readTree(path.join(nodesDir, cluster, role)));
    }
    nodes.set(cluster, roles);
  }
  return { dir, stacks, manifests, nodes };
}

/** Cluster and layer of a stack from its name (`main-infra` is the infra layer of cluster `main`). */
export function stackIdentity(name: string): { cluster: string; layer: StackLayer | undefined } {
  for (const layer of Object.values(StackLayer)) {
    if (name.endsWith(`-${layer}`)) return { cluster: name.slice(0, -layer.length - 1), layer };
  }
  return { cluster: name, layer: undefined };
}

/** The stack of a cluster's layer, if synthesized. */
export function stackOf(output: SynthOutput, cluster: string, layer: StackLayer): StackOutput | undefined {
  return [...output.stacks.values()].find((s) => s.cluster === cluster && s.layer === layer);
}

/** Every cluster named by a stack, manifest folder or node folder, sorted. */
export function clustersOf(output: SynthOutput): string[] {
  const names = new Set<string>([...output.manifests.keys(), ...output.nodes.keys()]);
  for (const stack of output.stacks.values()) names.add(stack.cluster);
  return [...names].sort();
}

function parseStack(name: string, json: Json): StackOutput {
  const blocks = new Map<string, TerraformBlock>();
  for (const mode of ['resource', 'data'] as const) {
    const byType = (json[mode] ?? {}) as Record<string, Record<string, Json>>;
    for (const [type, byName] of Object.entries(byType)) {
      for (const [blockName, raw] of Object.entries(byName)) {
        const { ['//']: meta, ...config } = raw;
        const recorded = ((meta as Json | undefined)?.metadata as Json | undefined)?.path;
        const constructPath =
          typeof recorded === 'string' ? recorded.split('/').slice(1).join('/') || blockName : blockName;
        const address = mode === 'data' ? `data.${type}.${blockName}` : `${type}.${blockName}`;
        blocks.set(address, { address, mode, type, name: blockName, path: constructPath, config });
      }
    }
  }
  return { name, ...stackIdentity(name), blocks, outputs: (json.output ?? {}) as Json };
}

function readJson(file: string): Json {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`);
  }
}

function sortedEntries(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

function readTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (rel: string) => {
    for (const entry of sortedEntries(path.join(root, rel))) {
      const sub = rel ? `${rel}/${entry}` : entry;
      if (fs.statSync(path.join(root, sub)).isDirectory()) walk(sub);
      else files.set(sub, fs.readFileSync(path.join(root, sub), 'utf8'));
    }
  };
  walk('');
  return files;
}
