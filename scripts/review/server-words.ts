/** Servers in the review's words: role, pool, companions, node templates and argument changes. */
import { lineDiff, formatHunks } from './line-diff';
import { show } from './platform-change';
import { Json, TerraformBlock } from './synth-output';
import { AttributeChange, ResourcePlan, referencesIn } from './terraform-plan';
import { blockOf, describeResource } from './resource-words';

/** Node template files of one cluster by role folder (`init-master`, `pool-default`), then file path. */
export type NodeTemplates = ReadonlyMap<string, ReadonlyMap<string, string>>;

export function roleOf(config: Json): string {
  return String(((config.metadata ?? {}) as Json)['berth-role'] ?? 'server');
}

export function poolOf(config: Json): string {
  const pool = ((config.metadata ?? {}) as Json)['berth-pool'];
  return pool ? ` in pool ${pool}` : '';
}

export function companionWords(companions: readonly ResourcePlan[]): string {
  if (companions.length === 0) return '';
  const ports = companions.filter((p) => blockOf(p).type.includes('port')).length;
  const members = companions.length - ports;
  const parts = [
    ports ? `its port` : '',
    members ? `${members} load-balancer member${members > 1 ? 's' : ''}` : '',
  ].filter(Boolean);
  return `, with ${parts.join(' and ')}`;
}

/** Role folder of a server's node template, from the cloud-init data source its user_data reads. */
export function templateRoleOf(
  server: TerraformBlock,
  lookup: (a: string) => TerraformBlock | undefined,
): string | undefined {
  const source = referencesIn(server.config.user_data)
    .map(lookup)
    .find((b) => b?.type === 'cloudinit_config');
  const match = source ? /^bootstrap-([^/]+)\//.exec(source.path) : null;
  return match ? match[1] : undefined;
}

export function changedTemplateRoles(templates: { before?: NodeTemplates; after?: NodeTemplates }): string[] {
  const roles = new Set([...(templates.before?.keys() ?? []), ...(templates.after?.keys() ?? [])]);
  return [...roles].filter((role) => {
    const a = templates.before?.get(role);
    const b = templates.after?.get(role);
    if (!a || !b) return templates.before !== undefined && templates.after !== undefined;
    return JSON.stringify([...a]) !== JSON.stringify([...b]);
  });
}

export function templateDetails(
  before?: ReadonlyMap<string, string>,
  after?: ReadonlyMap<string, string>,
): string[] {
  const files = [...new Set([...(before?.keys() ?? []), ...(after?.keys() ?? [])])].sort();
  // A whole new or removed role: its files by name (cdktf.out/nodes has them to read).
  if (!before || !after) return files.map((file) => `${before ? 'removed' : 'new'} file ${file}`);
  const lines: string[] = [];
  // The whole cloud-config repeats every file: show the files, and the cloud-config only when no file changed.
  const fileChanges = files.filter((f) => f !== 'cloud-config.yaml' && before?.get(f) !== after?.get(f));
  for (const file of fileChanges.length > 0
    ? fileChanges
    : files.filter((f) => before?.get(f) !== after?.get(f))) {
    const a = before?.get(file);
    const b = after?.get(file);
    lines.push(`${a === undefined ? 'new file' : b === undefined ? 'removed file' : 'file'} ${file}`);
    lines.push(...formatHunks(lineDiff(a ?? '', b ?? '')));
  }
  return lines;
}

/** A server argument change in words. */
export function serverReason(
  c: AttributeChange,
  lookup?: (a: string) => TerraformBlock | undefined,
  ignored = false,
): string {
  const via = c.viaReference ? lookup?.(c.viaReference) : undefined;
  const by = via ? ` (${describeResource(via, lookup ?? (() => undefined)).subject} is replaced)` : '';
  if (c.path === 'flavor_name' || c.path === 'flavor_id')
    return `flavor ${show(c.before)} -> ${show(c.after)}${ignored ? '' : ' (Nova resizes the server in place: it reboots)'}`;
  if (c.path === 'user_data') return 'node template (user_data)';
  if (c.path === 'block_device.uuid' && via?.mode === 'data') return 'image (a new server image)';
  if (c.path === 'block_device.uuid') return `image${by || ` ${show(c.before)} -> ${show(c.after)}`}`;
  if (c.path === 'block_device') return 'boot volume';
  if (c.path.startsWith('block_device.'))
    return `boot volume ${c.path.slice(13).replace(/_/g, ' ')} ${show(c.before)} -> ${show(c.after)}`;
  if (c.path.startsWith('scheduler_hints'))
    return `server group${by || ` ${show(c.before)} -> ${show(c.after)}`}`;
  if (c.path.startsWith('network')) return `network port${by}`;
  if (c.path === 'key_pair') return `SSH key pair${by || ` ${show(c.before)} -> ${show(c.after)}`}`;
  if (c.path === 'availability_zone') return `availability zone ${show(c.before)} -> ${show(c.after)}`;
  return `${c.path} ${show(c.before)} -> ${show(c.after)}${by}`;
}
