/**
 * Every container image a synthesized platform names, wherever it is written: Kubernetes objects of the
 * platform stacks (`kubernetes_*` resources, `kubernetes_manifest`), the values Berth gives Helm charts,
 * the environments' manifests and the node templates (containerd's sandbox image). A reviewer (and a test)
 * can then see which registries a cluster pulls from.
 */
import * as YAML from 'yaml';
import { Json, SynthOutput } from './synth-output';

/** The registry Docker and containerd use for a name without a registry host. */
export const DOCKER_HUB = 'docker.io';

export interface ImageReference {
  /** The image as written (`registry.k8s.io/pause:3.10`). */
  readonly image: string;
  /** Where it is written: `<stack> <address>`, `manifests/<cluster>/<env>` or `nodes/<cluster>/<role>/<file>`. */
  readonly source: string;
}

/**
 * The registry host of an image reference, as Docker's reference grammar reads it: the first path
 * component is a host only when it contains `.` or `:` or is `localhost`; otherwise the image is on
 * Docker Hub (`nginx`, `team/shop`) and `implicit` is true.
 */
export function registryOf(image: string): { host: string; implicit: boolean } {
  const slash = image.indexOf('/');
  const first = slash < 0 ? '' : image.slice(0, slash);
  if (first && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    return { host: first, implicit: false };
  }
  return { host: DOCKER_HUB, implicit: true };
}

/** Every image of the output, in a stable order (stacks, then manifests, then node templates). */
export function imageReferences(output: SynthOutput): ImageReference[] {
  const found: ImageReference[] = [];
  for (const [name, stack] of output.stacks) {
    for (const block of stack.blocks.values()) {
      const source = `${name} ${block.address}`;
      collect(block.config, source, found);
      if (block.type === 'helm_release') {
        for (const values of (block.config.values as unknown[] | undefined) ?? []) {
          if (typeof values !== 'string') continue;
          for (const doc of YAML.parseAllDocuments(values)) collect(doc.toJSON(), `${source} values`, found);
        }
      }
    }
  }
  for (const [cluster, envs] of output.manifests) {
    for (const [env, objects] of envs) {
      for (const object of objects) collect(object, `manifests/${cluster}/${env}`, found);
    }
  }
  for (const [cluster, roles] of output.nodes) {
    for (const [role, files] of roles) {
      for (const [file, text] of files) {
        for (const match of text.matchAll(/sandbox_image\s*=\s*"([^"]+)"/g)) {
          found.push({ image: match[1], source: `nodes/${cluster}/${role}/${file}` });
        }
      }
    }
  }
  return found;
}

/**
 * Images in a JSON tree: a string under a key `image`, and Helm's `image: {registry?, repository, tag?}`
 * maps (a chart value Berth sets). Strings with Terraform interpolations are skipped (not an image).
 */
function collect(value: unknown, source: string, found: ImageReference[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, source, found);
    return;
  }
  if (!value || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value as Json)) {
    if (key === 'image' && typeof child === 'string' && !child.includes('${')) {
      found.push({ image: child, source });
    } else if (key === 'image' && child && typeof child === 'object' && !Array.isArray(child)) {
      const { registry, repository, tag } = child as Json;
      if (typeof repository === 'string') {
        const name = typeof registry === 'string' && registry ? `${registry}/${repository}` : repository;
        found.push({ image: typeof tag === 'string' && tag ? `${name}:${tag}` : name, source });
      }
      collect(child, source, found);
    } else {
      collect(child, source, found);
    }
  }
}
