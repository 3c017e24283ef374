import { DEFAULT_CLOUD, DEFAULT_FLAVORS } from './default-platform';
import { INPUT_LIMITS } from './input-limits';
import { DEFAULT_LOAD_BALANCER_PROVIDER, LoadBalancerAlgorithm, LoadBalancerProvider } from './load-balancer';
import { cidrField, SIZE_ALLOWED } from './platform-fields';
import { integer, list, oneOf, optional, parsed, section, text, url, withDefault, z } from './schema';
import type { DeepReadonly } from './schema';
import { DataSize } from './data-size';

/** Keystone role names: printable, no spaces at either end. */
const KEYSTONE_ROLE = /^[A-Za-z0-9_][-A-Za-z0-9_.:]*$/;
/** Roles that administer the cloud or a service; Keystone compares role names case-insensitively. */
export const ADMIN_ROLES: readonly string[] = [
  'admin',
  'service',
  'load-balancer_admin',
  'load-balancer_quota_admin',
];
/** One or more PEM certificates, nothing else (linear: each block is a run of base64 lines). */
const PEM_CERTIFICATES =
  /^(-----BEGIN CERTIFICATE-----\r?\n([A-Za-z0-9+/=]{1,76}\r?\n)+-----END CERTIFICATE-----\s*)+$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** A Nova flavor the platform may use. */
export const flavorSchema = section(
  {
    name: text({ required: 'the Nova flavor name', doc: 'Flavor name as Nova knows it.' }),
    vcpus: integer(1, 1024, 'Virtual CPUs.', 'the number of vCPUs'),
    memory: parsed(DataSize.tryParse, SIZE_ALLOWED, {
      required: SIZE_ALLOWED,
      doc: 'Memory as a quantity, e.g. `8Gi`.',
    }),
  },
  'A Nova flavor the platform may use.',
);

/** How the cloud's Octavia balances load. */
export const loadBalancerSchema = section(
  {
    provider: withDefault(
      oneOf(
        Object.values(LoadBalancerProvider) as [LoadBalancerProvider, ...LoadBalancerProvider[]],
        'the Octavia provider driver of your cloud (openstack loadbalancer provider list)',
        "Octavia provider driver: `amphora` (Octavia's default) or `ovn` (`openstack loadbalancer provider list` shows what your cloud offers). Decides the algorithm and how access is restricted: amphora listeners take `allowed_cidrs`; OVN rejects them and passes the client's address to the members, whose security groups then admit exactly the allowed networks.",
      ),
      DEFAULT_LOAD_BALANCER_PROVIDER,
    ),
    algorithm: optional(
      text({
        doc: 'Pool algorithm, one the provider accepts: amphora ROUND_ROBIN, LEAST_CONNECTIONS or SOURCE_IP; ovn SOURCE_IP_PORT. Default: LEAST_CONNECTIONS for amphora, SOURCE_IP_PORT for ovn.',
      }).check(z.meta({ enum: Object.values(LoadBalancerAlgorithm) })),
    ),
  },
  "How the cloud's Octavia balances load: for the API and ingress load balancers and those of `LoadBalancer` Services.",
);

/** The cluster's own OpenStack credential: restricted roles, optional expiry. */
export const applicationCredentialSchema = section(
  {
    roles: withDefault(
      list(
        text({
          pattern: KEYSTONE_ROLE,
          allowed: 'a Keystone role name such as "member"',
          maxLength: 255,
        }).check(
          z.refine((role: string) => !ADMIN_ROLES.includes(role.toLowerCase()), {
            error: `must not be an administrative role (${ADMIN_ROLES.join(', ')}, in any case): the credential lives in the cluster; grant only what it needs`,
          }),
        ),
        20,
        'Roles delegated to the credential: enough for volumes, load balancers and Swift, nothing more.',
      ).check(
        z.minLength(1, {
          error:
            'must name at least one role: Keystone gives a credential without roles every role of its creator; e.g. [member, load-balancer_member]',
        }),
      ),
      DEFAULT_CLOUD.applicationCredential.roles,
    ),
    expiresAt: optional(
      text({
        pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/,
        allowed: 'an RFC 3339 UTC time such as "2027-12-31T00:00:00Z"',
        doc: 'Expiry as an RFC 3339 UTC time (`2027-12-31T00:00:00Z`); rotate by changing it and re-deploying. Default: no expiry.',
      }),
    ),
  },
  'The application credential Berth creates for in-cluster OpenStack access.',
);

/** The OpenStack cloud: what exists before Berth, and who may administer what Berth builds. */
export const cloudSchema = section(
  {
    cloudName: optional(
      text({
        doc: 'Entry in `clouds.yaml` used by the provider. Unset, the provider follows the usual OpenStack environment: `OS_CLOUD` names a `clouds.yaml` entry, or `OS_AUTH_URL` and friends from an openrc.',
      }),
    ),
    region: withDefault(text({ doc: 'OpenStack region.' }), DEFAULT_CLOUD.region),
    externalNetwork: withDefault(
      text({ doc: 'Name of the external (provider) network that routers and floating IPs attach to.' }),
      DEFAULT_CLOUD.externalNetwork,
    ),
    image: withDefault(
      text({ doc: 'Glance image name for every node (Ubuntu 24.04 or a derivative with cloud-init).' }),
      DEFAULT_CLOUD.image,
    ),
    flavors: withDefault(
      list(
        flavorSchema,
        undefined,
        'Flavors that clusters may use, with their capacity (needed at synth time to size the platform).',
      ),
      DEFAULT_FLAVORS,
    ),
    sshPublicKey: optional(
      text({
        pattern: /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/=]+( .*)?$/,
        allowed: 'an OpenSSH public key line, e.g. "ssh-ed25519 AAAA... you@example.com"',
        doc: 'OpenSSH public key installed for the `ubuntu` user on every node. When unset, Berth generates an ED25519 key pair at deploy time and exports the private key as a sensitive output.',
      }),
    ),
    adminCidrs: withDefault(
      list(
        cidrField('A network allowed to administer the platform.'),
        undefined,
        "Networks allowed to reach SSH (22), the Kubernetes API (6443) and the management UIs (8443). Required in a platform file: include the network of the machine that runs `cdktf deploy` (as seen by the cloud, after any NAT). Never the cluster's own node, pod or service networks, never `0.0.0.0/0`.",
      ),
      DEFAULT_CLOUD.adminCidrs,
    ),
    authUrl: withDefault(
      url({
        allowed:
          'the Keystone URL, e.g. "https://keystone.example.com:5000/v3" (credentials travel to it: never http://)',
        doc: "Keystone v3 URL, given to the in-cluster cloud controller, Cinder CSI and the registry's Swift driver. Set it to your cloud's.",
      }),
      DEFAULT_CLOUD.authUrl,
    ),
    applicationCredential: withDefault(applicationCredentialSchema, {}),
    dnsNameservers: withDefault(
      list(
        text({ pattern: IPV4, allowed: 'an IPv4 address' }),
        undefined,
        "DNS servers handed to nodes by the subnet's DHCP, and CoreDNS's default upstream. Leave it out inside a private cloud: Neutron's DHCP then hands out the cloud's own resolvers.",
      ),
      DEFAULT_CLOUD.dnsNameservers,
    ),
    caCertificate: optional(
      text({
        pattern: PEM_CERTIFICATES,
        allowed:
          'PEM certificates: one or more "-----BEGIN CERTIFICATE-----" ... "-----END CERTIFICATE-----" blocks (a YAML block scalar, "caCertificate: |")',
        // A CA bundle is a few kilobytes: the bound is the file's own string limit.
        maxLength: INPUT_LIMITS.stringLength,
        doc: "PEM of the CA (one or more certificates) that signed your OpenStack API endpoints, when it is a private CA. The in-cluster cloud controller and Cinder CSI verify the cloud with it. Default: the system's public CAs.",
      }),
    ),
    loadBalancer: withDefault(loadBalancerSchema, {}),
  },
  'The OpenStack cloud: what exists before Berth, and who may administer what Berth builds.',
);

export type CloudConfig = DeepReadonly<z.input<typeof cloudSchema>>;
export type FlavorConfig = DeepReadonly<z.input<typeof flavorSchema>>;
export type LoadBalancerConfig = DeepReadonly<z.input<typeof loadBalancerSchema>>;
export type ApplicationCredentialConfig = DeepReadonly<z.input<typeof applicationCredentialSchema>>;
