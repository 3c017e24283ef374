import { AddonSection, AddonSettings } from './addon-section';
import { AddonName, AddonsSectionOutput, ResolvedAddons } from './addons-config';
import { platformSchemaWith } from './platform-config';
import { Problems } from './problems';
import { ResolvedCloud } from './resolved-platform';
import { optional, section, text, withDefault } from './schema';

/** The StorageClass every volume uses unless `addons.storageClass` names another (Cinder CSI creates it). */
export const DEFAULT_STORAGE_CLASS = 'cinder';

const DNS_DOMAIN_OR_LABEL = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/**
 * The `addons` section of a cluster, composed from the add-ons' own sections (their registry's
 * `sections`, each under its name, in the documented order of Berth's add-ons, then the others) and
 * `storageClass`, the only field config/ declares itself.
 */
export function addonsSchema(sections: readonly AddonSection[]) {
  const names = ['storageClass', ...sections.map((s) => s.name)];
  const taken = names.find((name, i) => names.indexOf(name) < i);
  if (taken) throw new Error(`two add-on sections are named ${taken}: register each add-on once`);
  const berth = Object.values(AddonName) as string[];
  const rank = (name: string) => (berth.includes(name) ? berth.indexOf(name) : berth.length);
  const ordered = [...sections].sort((a, b) => rank(a.name) - rank(b.name));
  return section(
    {
      storageClass: optional(
        text({
          pattern: DNS_DOMAIN_OR_LABEL,
          allowed: 'a StorageClass name (lower-case letters, digits, "-" and ".")',
          doc: `StorageClass of every volume on the cluster: the platform's (Prometheus, Loki, registry), apps' and databases'. With \`cloudProvider\` on, Cinder CSI creates it under this name; with it off, name a class the cluster already has. Default: "${DEFAULT_STORAGE_CLASS}".`,
        }),
      ),
      ...Object.fromEntries(ordered.map((s) => [s.name, withDefault(s.schema, {})])),
    },
    'Platform add-ons of the cluster, each under its name: switched off with `enabled: false`, tuned with its fields.',
  );
}

/** The platform schema composed with an `addons` section. */
type ComposedSchema = ReturnType<typeof platformSchemaWith<ReturnType<typeof addonsSchema>>>;

const composed = new WeakMap<readonly AddonSection[], ComposedSchema>();

/**
 * The platform schema with the `addons` section of `sections` (`addonsSchema`): what the config loader
 * reads with, and what `npm run schema` publishes. The same array of sections gives the same schema.
 */
export function platformSchemaFor(sections: readonly AddonSection[]): ComposedSchema {
  let schema = composed.get(sections);
  if (schema === undefined) {
    schema = platformSchemaWith({ addons: addonsSchema(sections) });
    composed.set(sections, schema);
  }
  return schema;
}

/** What the add-on resolver needs from the rest of the platform. */
export interface AddonsContext {
  /** The cloud, resolved (a section's default may come from it). */
  readonly cloud: ResolvedCloud;
  /** The sections the `addons` schema was composed from (`addonsSchema`). */
  readonly sections: readonly AddonSection[];
}

/**
 * Resolves a cluster's `addons` section as its schema read it (every field checked, every default
 * applied): each add-on's resolver, then the checks across sections. Problems go to `problems` under
 * `path` (e.g. `clusters[0].addons`), all at once.
 */
export function resolveAddons(
  problems: Problems,
  path: string,
  value: AddonsSectionOutput,
  context: AddonsContext,
): ResolvedAddons {
  const read = (name: string) => value[name] as AddonSettings;
  const isEnabled = (name: string): boolean => (value[name] as AddonSettings | undefined)?.enabled ?? false;
  const sections = new Map(
    context.sections.map((s): [string, AddonSettings] => {
      const own = read(s.name);
      const at = { path: `${path}.${s.name}`, problems, cloud: context.cloud, isEnabled };
      return [s.name, s.resolve ? { ...s.resolve(own, at), enabled: own.enabled } : own];
    }),
  );
  const storageClass = value.storageClass as string | undefined;
  checkDependencies(problems, path, sections, storageClass !== undefined, context.sections);
  return { sections, storageClass: storageClass ?? DEFAULT_STORAGE_CLASS };
}

/**
 * The checks of every add-on's requirements (`AddonSection.requires`, declared once by each add-on), and
 * the only checks across several sections, kept here in one place: `certManager.acme` answers HTTP-01
 * through the gateway, and `storageClass` must be named when the cloud provider (which creates the
 * default class) is off and an add-on with volumes (`AddonSection.usesVolumes`: Berth's registry,
 * monitoring and logging) is on.
 */
function checkDependencies(
  problems: Problems,
  path: string,
  sections: ReadonlyMap<string, AddonSettings>,
  storageClassGiven: boolean,
  declared: readonly AddonSection[],
) {
  const isEnabled = (name: string): boolean => sections.get(name)?.enabled ?? false;
  const rules = declared.flatMap((s) =>
    (s.requires ?? []).map((r) => ({ addon: s.name, needs: r.addon, why: r.why })),
  );
  for (const rule of rules) {
    if (isEnabled(rule.addon) && !isEnabled(rule.needs)) {
      problems.add(
        `${path}.${rule.addon}.enabled`,
        true,
        `needs ${path}.${rule.needs} enabled (${rule.why}); turn both off or leave ${rule.needs} on`,
      );
    }
  }
  const acme = (sections.get(AddonName.CERT_MANAGER) as { acme?: { email: string } } | undefined)?.acme;
  if (acme && !isEnabled(AddonName.GATEWAY)) {
    problems.add(
      `${path}.certManager.acme`,
      acme.email,
      `needs ${path}.gateway enabled (HTTP-01 challenges are answered through the shared Gateway)`,
    );
  }
  const volumeUsers = declared.filter((s) => s.usesVolumes && isEnabled(s.name)).map((s) => s.name);
  if (!isEnabled(AddonName.CLOUD_PROVIDER) && !storageClassGiven && volumeUsers.length > 0) {
    problems.add(
      `${path}.storageClass`,
      undefined,
      `must name an existing StorageClass when ${path}.cloudProvider is off: ${volumeUsers.join(', ')} need volumes and the default "${DEFAULT_STORAGE_CLASS}" class comes from Cinder CSI`,
    );
  }
}
