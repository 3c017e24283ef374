import { App, Testing } from 'cdktf';
import { resolvePlatform } from './berth-platform';
import { ClusterInfraStack } from '../../stacks/cluster-infra-stack';

export type Json = Record<string, Record<string, Record<string, Record<string, unknown>>>>;

/** Synthesizes the `<cluster>-infra` stack of a platform description. */
export function synthInfra(input: object = {}, environmentNames?: readonly string[]): Json {
  const platform = resolvePlatform(input);
  const cluster = platform.clusters[0];
  const stack = new ClusterInfraStack(Testing.app() as App, `${cluster.name}-infra`, {
    platformName: platform.name,
    cloud: platform.cloud,
    cluster,
    state: platform.state,
    environmentNames,
  });
  return JSON.parse(Testing.synth(stack));
}

/** A platform description with one cluster `main` of the given fields. */
export const cluster = (fields: object) => ({ clusters: [{ name: 'main', ...fields }] });

/** Resource addresses (`type.name`) of a synthesized stack. */
export function addresses(json: Json): string[] {
  return Object.entries(json.resource).flatMap(([type, resources]) =>
    Object.keys(resources).map((name) => `${type}.${name}`),
  );
}

/** The resources of one type in a synthesized stack. */
export function resources<T = Record<string, unknown>>(json: Json, type: string): T[] {
  return Object.values(json.resource[type] ?? {}) as T[];
}
