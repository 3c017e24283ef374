/** The vocabulary of a plan diff: one change, said in the platform's words. */

/** How much a change can hurt a running platform. */
export enum Risk {
  /** Applied without disturbing what runs. */
  SAFE = 'safe',
  /** Restarts, reboots or briefly interrupts something, and recovers by itself. */
  DISRUPTIVE = 'disruptive',
  /** Replaces or removes something that holds state or an address (masters, volumes, floating IPs, StatefulSets, the CA): data or identity is lost. */
  DANGEROUS = 'dangerous',
}

export enum ChangeKind {
  ADDED = 'added',
  REMOVED = 'removed',
  REPLACED = 'replaced',
  CHANGED = 'changed',
  /** Changed in the configuration, but a lifecycle rule keeps Terraform from acting on running resources. */
  IGNORED = 'ignored',
}

/** What a change is about, for grouping and pictures. */
export enum Area {
  VM = 'vm',
  NODE_TEMPLATE = 'node-template',
  LOAD_BALANCER = 'load-balancer',
  FLOATING_IP = 'floating-ip',
  SECURITY_RULE = 'security-rule',
  NETWORK = 'network',
  DNS = 'dns',
  STORAGE = 'storage',
  SECRET = 'secret',
  ADDON = 'addon',
  ENVIRONMENT = 'environment',
  APP = 'app',
  OBJECT = 'object',
  OTHER = 'other',
}

/** Scope of a change inside a cluster. */
export const INFRASTRUCTURE = 'infrastructure';
export const ADDONS = 'add-ons';
export function environmentScope(environment: string): string {
  return `environment ${environment}`;
}

export interface PlatformChange {
  readonly cluster: string;
  /** `infrastructure`, `add-ons` or `environment <name>`. */
  readonly scope: string;
  readonly area: Area;
  readonly kind: ChangeKind;
  /** What changes, e.g. `VM berth-main-master-1`, `app petclinic`. */
  readonly subject: string;
  /** Verb shown instead of the kind's (`opened`, `resized`). @default the kind */
  readonly verb?: string;
  /** Why and how, in words: `flavor m1.medium -> m1.large`. */
  readonly reasons: readonly string[];
  readonly risk: Risk;
  /** Lines to show under the change (a template's line diff). */
  readonly details: readonly string[];
  /** Subjects of other things it touches, e.g. the VMs a node template change is ignored on. @default none */
  readonly affects?: readonly string[];
  /** Terraform addresses or Kubernetes objects behind it, for who wants to look deeper. */
  readonly sources: readonly string[];
}

export interface PlatformDiff {
  /** Every scope of either side, `cluster` then `scope`, so that unchanged ones can say "no change". */
  readonly scopes: readonly { readonly cluster: string; readonly scope: string }[];
  readonly changes: readonly PlatformChange[];
}

/** Compact rendering of a value in a reason. */
export function show(value: unknown): string {
  if (value === undefined || value === null) return '(none)';
  if (typeof value === 'string') return value.length > 80 ? `${value.slice(0, 77)}...` : value;
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
