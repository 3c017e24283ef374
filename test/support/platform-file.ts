/**
 * The cloud facts a platform file must give (config/required-facts.ts), as YAML lines, so that a test's
 * file differs from a real one only in what the test is about.
 */
export const CLOUD_FACTS_YAML = [
  'cloud:',
  '  externalNetwork: ext-net',
  '  image: ubuntu-24.04',
  '  authUrl: https://keystone.acme.internal:5000/v3',
  '  adminCidrs: [10.20.0.0/16]',
  '  flavors:',
  '    - { name: m1.medium, vcpus: 2, memory: 4Gi }',
  '    - { name: m1.large, vcpus: 4, memory: 8Gi }',
];

/** A whole valid platform file: the cloud facts, one cluster with its domain, then `extra` lines. */
export function platformYaml(...extra: string[]): string {
  return [...CLOUD_FACTS_YAML, ...extra].join('\n') + '\n';
}

/** The cluster lines of a valid platform file: `clusters:` with one cluster per name, each with a domain. */
export function clustersYaml(...names: string[]): string[] {
  return [
    'clusters:',
    ...names.flatMap((name, i) => [
      `  - name: ${name}`,
      `    domain: ${name}.paas.acme.internal`,
      ...(i > 0 ? [`    nodeCidr: 10.${i}.0.0/24`] : []),
    ]),
  ];
}
