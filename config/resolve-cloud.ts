import { Cidr } from './cidr';
import { DataSize } from './data-size';
import { resolveLoadBalancing } from './load-balancer';
import type { PlatformSchemaOutput } from './platform-config';
import { Problems } from './problems';
import { ResolvedCloud, ResolvedFlavor } from './resolved-platform';
import { checkUniqueNames } from './unique-names';

type CloudOutput = PlatformSchemaOutput['cloud'];

/** The cloud section resolved: flavors with their sizes (names unique), networks, load balancing. */
export function resolveCloud(problems: Problems, cloud: CloudOutput): ResolvedCloud {
  const flavors: ResolvedFlavor[] = cloud.flavors.map((f) => ({
    name: f.name,
    vcpus: f.vcpus,
    memory: DataSize.tryParse(f.memory)!,
  }));
  checkUniqueNames(
    problems,
    'cloud.flavors',
    flavors.map((f) => f.name),
    'Flavor',
  );
  return {
    cloudName: cloud.cloudName,
    authUrl: cloud.authUrl,
    applicationCredential: {
      roles: cloud.applicationCredential.roles,
      expiresAt: cloud.applicationCredential.expiresAt,
    },
    region: cloud.region,
    externalNetwork: cloud.externalNetwork,
    image: cloud.image,
    flavors,
    sshPublicKey: cloud.sshPublicKey,
    adminCidrs: cloud.adminCidrs.map((text) => Cidr.of(text)),
    dnsNameservers: cloud.dnsNameservers,
    caCertificatePem: cloud.caCertificate,
    loadBalancing: resolveLoadBalancing(problems, 'cloud.loadBalancer', cloud.loadBalancer),
  };
}

/** The flavor `name` of `cloud.flavors`; if the cloud lists none such, a problem at `path` and a stand-in. */
export function flavorRef(
  problems: Problems,
  path: string,
  name: string,
  cloud: ResolvedCloud,
): ResolvedFlavor {
  const flavor = cloud.flavors.find((f) => f.name === name);
  if (flavor) return flavor;
  problems.add(
    path,
    name,
    `must name a flavor listed in cloud.flavors (${cloud.flavors.map((f) => f.name).join(', ') || 'none listed'}); add it there with its vcpus and memory`,
  );
  return { name, vcpus: 1, memory: DataSize.gibibytes(1) };
}
