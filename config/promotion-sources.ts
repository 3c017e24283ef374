import { ResolvedEnvironment } from './resolved-platform';

/**
 * The environments an app's image may be promoted from into `target`, nearest first: `target`'s
 * `promotesFrom`, then that environment's own source (its `promotesFrom`, else the nearest earlier
 * non-production environment in the list), and so on. An app is checked against the first of them it
 * runs in, so the platform team can add an environment (staging before prod) without breaking any
 * app: a team opts in by running its app there, and from then on prod must run what staging runs.
 */
export function promotionSources(
  target: ResolvedEnvironment,
  environments: readonly ResolvedEnvironment[],
): readonly string[] {
  const sources: string[] = [];
  let next = target.promotesFrom;
  while (next !== undefined && next !== target.name && !sources.includes(next)) {
    sources.push(next);
    const index = environments.findIndex((e) => e.name === next);
    if (index < 0) break;
    const current = environments[index];
    next =
      current.promotesFrom ??
      environments
        .slice(0, index)
        .reverse()
        .find((e) => !e.production)?.name;
  }
  return sources;
}
