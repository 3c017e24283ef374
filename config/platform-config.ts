import { AddonsConfig, AddonsSectionOutput } from './addons-config';
import { clusterSchemaWith } from './cluster-config';
import { cloudSchema } from './cloud-config';
import { DEFAULT_CLUSTER, DEFAULT_ENVIRONMENT_NAMES, DEFAULT_PLATFORM_NAME } from './default-platform';
import { environmentSchema } from './environment-config';
import { list, name, section, withDefault, z } from './schema';
import type { DeepReadonly } from './schema';
import { stateSchema } from './state-config';

/**
 * The platform description a user writes (YAML, JSON or TypeScript), as one schema composed of its
 * sections (`cloud-config.ts`, `cluster-config.ts`, `environment-config.ts`, `state-config.ts`): the
 * TypeScript types here and beside each section, the validation and defaults of `resolvePlatform()`,
 * and `schema/platform.schema.json` all come from it. Every field is optional: what is left out takes the documented default, and the embedded
 * default platform is what `npm run synth` builds when no file is given. Arrays given in a file replace
 * the default array as a whole.
 *
 * `resolvePlatform()` validates it and turns it into a {@link ResolvedPlatform}, the only shape the
 * stacks and charts read; checks across fields (a flavor named in `cloud.flavors`, disjoint networks) live
 * there and in `check-platform.ts`.
 */

/** The whole platform file, with the add-on section's schema handed in. */
export function platformSchemaWith<A extends z.ZodMiniType>(parts: { readonly addons: A }) {
  return section({
    name: withDefault(
      name(
        'Short name of the platform; prefixes OpenStack resource names so that several platforms can share one project.',
      ),
      DEFAULT_PLATFORM_NAME,
    ),
    cloud: withDefault(cloudSchema, {}),
    clusters: withDefault(
      list(
        clusterSchemaWith(parts.addons),
        undefined,
        'Kubernetes clusters; each gets its own `<cluster>-infra` stack.',
      ).check(
        z.minLength(1, { error: 'must list at least one cluster (or be left out for the default "main")' }),
      ),
      [DEFAULT_CLUSTER],
    ),
    environments: withDefault(
      list(
        environmentSchema,
        undefined,
        'Environments teams deploy to; each is a namespace on one cluster.',
      ).check(
        z.minLength(1, { error: 'must list at least one environment (or be left out for dev, test, prod)' }),
      ),
      DEFAULT_ENVIRONMENT_NAMES.map((environment) => ({ name: environment })),
    ),
    state: withDefault(stateSchema, {}),
  });
}

/**
 * The `addons` section as config/ types it: the schema itself is composed from the add-ons' own sections
 * by the layer that knows them (`platformSchemaFor(registry.sections)`, config/resolve-addons.ts).
 */
type AddonsSchema = z.ZodMiniType<AddonsSectionOutput, AddonsConfig>;
/** The platform schema's type, whatever add-ons it was composed with. */
type PlatformSchema = ReturnType<typeof platformSchemaWith<AddonsSchema>>;

/** The platform description a user writes (every field optional). */
export type PlatformConfig = DeepReadonly<z.input<PlatformSchema>>;
/** The platform after its schema: defaults applied (those that depend on other fields still to come). */
export type PlatformSchemaOutput = z.output<PlatformSchema>;
export type ClusterConfig = DeepReadonly<z.input<ReturnType<typeof clusterSchemaWith<AddonsSchema>>>>;
