import { DEFAULT_CLOUD, defaultDomain } from './default-platform';
import { Problems } from './problems';

/** What a platform file must say about its cloud, for messages. */
export const REQUIRED_FACTS =
  'A platform file describes your cloud: at least cloud.externalNetwork, cloud.image, cloud.flavors, cloud.authUrl and each cluster\'s domain (README "Configuring the platform").';

/** What a platform file must say about its cloud, in the words of an error message. */
export const REQUIRED_FACTS_HINT =
  'a platform file describes your cloud: give at least cloud.externalNetwork, cloud.image, cloud.flavors, cloud.authUrl, cloud.adminCidrs and each cluster\'s domain (README "Configuring the platform"); run without --config/BERTH_CONFIG for the built-in demo';

/**
 * The facts only the deployer knows. The embedded demo fills them with placeholders (`example.com`
 * names, an `m1.*` flavor set); a platform file must give each of them, so that a placeholder never
 * reaches a deploy.
 */
const CLOUD_FACTS: readonly {
  readonly field: string;
  readonly what: string;
  readonly placeholder?: unknown;
}[] = [
  { field: 'externalNetwork', what: "the name or UUID of your cloud's external (floating IP) network" },
  { field: 'image', what: 'the Glance image the nodes boot (Ubuntu 24.04)' },
  { field: 'flavors', what: 'the Nova flavors the nodes may use, each {name, vcpus, memory}' },
  {
    field: 'authUrl',
    what: 'your Keystone URL, e.g. https://keystone.example.org:5000/v3',
    placeholder: DEFAULT_CLOUD.authUrl,
  },
  {
    field: 'adminCidrs',
    what: 'the networks allowed to reach SSH and the Kubernetes API, including the one the machine running cdktf deploy connects from (Terraform talks to the API floating IP from there), e.g. ["198.51.100.7/32"]',
    placeholder: DEFAULT_CLOUD.adminCidrs,
  },
];

/** Records a problem for every cloud fact a platform file leaves out or leaves at its placeholder. */
export function checkRequiredFacts(problems: Problems, input: unknown): void {
  const root = (input !== null && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const cloud = root.cloud;
  const cloudRecord =
    cloud !== null && typeof cloud === 'object' && !Array.isArray(cloud)
      ? (cloud as Record<string, unknown>)
      : {};
  for (const fact of CLOUD_FACTS) {
    const value = cloudRecord[fact.field];
    if (value === undefined || value === null) {
      problems.add(`cloud.${fact.field}`, undefined, `is required in a platform file: ${fact.what}`);
    } else if (fact.placeholder !== undefined && JSON.stringify(value) === JSON.stringify(fact.placeholder)) {
      problems.add(`cloud.${fact.field}`, value, `is the demo's placeholder; give ${fact.what}`);
    }
  }
  if (root.clusters === undefined || root.clusters === null) {
    problems.add(
      'clusters',
      undefined,
      'is required in a platform file: at least one cluster with its domain, e.g. [{ name: main, domain: paas.acme.internal }]',
    );
    return;
  }
  if (!Array.isArray(root.clusters)) return; // reported by the cluster rules
  root.clusters.forEach((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return;
    const cluster = item as Record<string, unknown>;
    if (cluster.domain === undefined || cluster.domain === null) {
      problems.add(
        `clusters[${i}].domain`,
        undefined,
        'is required in a platform file: the DNS domain the cluster serves, e.g. "paas.acme.internal"',
      );
    } else if (typeof cluster.name === 'string' && cluster.domain === defaultDomain(cluster.name)) {
      problems.add(
        `clusters[${i}].domain`,
        cluster.domain,
        "is the demo's placeholder; give your own domain",
      );
    }
  });
}
