/**
 * Which argument changes make Terraform replace a resource instead of updating it ("ForceNew" in the
 * provider's schema). `terraform providers schema -json` (and so providers/openstack.schema.json) does not
 * carry this flag, so it is recorded here, for the resource types Berth synthesizes:
 *
 * - OpenStack: read from terraform-provider-openstack v3.4.0 (`ForceNew: true` in
 *   openstack/resource_openstack_*.go, Berth pins `~> 3.4.0`). Notably `flavor_name` of a server is NOT
 *   ForceNew (the provider resizes the server in place, which reboots it), while `user_data`, `key_pair`,
 *   `availability_zone`, `network.*`, `scheduler_hints.group` and every `block_device.*` argument are.
 * - tls and random: every argument of their resources forces a new one (plugin framework
 *   `RequiresReplace` on each attribute), marked `ALL`.
 * - helm_release: `name` and `namespace` (`RequiresReplace` in terraform-provider-helm's
 *   helm/resource_helm_release.go); kubernetes_manifest: the object's identity
 *   (`apiVersion`, `kind`, `metadata.name`, `metadata.namespace`); kubernetes_*_v1: `metadata.name`,
 *   `metadata.namespace` (and a Secret's `type`).
 *
 * Paths are argument names joined with "." with list indexes left out (`block_device.volume_size`).
 */
export const ALL = '*';

export const FORCE_NEW: Readonly<Record<string, readonly string[]>> = {
  openstack_compute_instance_v2: [
    'region',
    'user_data',
    'availability_zone',
    'availability_zone_hints',
    'network_mode',
    'network',
    'network.uuid',
    'network.name',
    'network.port',
    'network.fixed_ip_v4',
    'network.fixed_ip_v6',
    'hypervisor_hostname',
    'config_drive',
    'key_pair',
    'block_device.source_type',
    'block_device.uuid',
    'block_device.volume_size',
    'block_device.destination_type',
    'block_device.boot_index',
    'block_device.delete_on_termination',
    'block_device.guest_format',
    'block_device.volume_type',
    'block_device.device_type',
    'block_device.disk_bus',
    'block_device.multiattach',
    'scheduler_hints.group',
    'scheduler_hints.different_host',
    'scheduler_hints.same_host',
    'scheduler_hints.query',
    'scheduler_hints.target_cell',
    'scheduler_hints.different_cell',
    'scheduler_hints.build_near_host_ip',
    'scheduler_hints.additional_properties',
  ],
  openstack_compute_servergroup_v2: ['name', 'policies', 'region', 'rules', 'value_specs'],
  openstack_compute_keypair_v2: ['name', 'public_key', 'region', 'user_id', 'value_specs'],
  openstack_compute_volume_attach_v2: ['instance_id', 'volume_id', 'multiattach', 'region', 'vendor_options'],
  openstack_blockstorage_volume_v3: [
    'region',
    'availability_zone',
    'image_id',
    'snapshot_id',
    'source_vol_id',
    'source_replica',
    'backup_id',
    'consistency_group_id',
    'scheduler_hints',
  ],
  openstack_networking_port_v2: [
    'network_id',
    'region',
    'tenant_id',
    'device_id',
    'device_owner',
    'mac_address',
    'value_specs',
  ],
  openstack_networking_floatingip_v2: [
    'pool',
    'address',
    'dns_name',
    'dns_domain',
    'region',
    'tenant_id',
    'value_specs',
  ],
  openstack_networking_floatingip_associate_v2: ['floating_ip', 'region'],
  openstack_networking_network_v2: [
    'region',
    'tenant_id',
    'availability_zone_hints',
    'transparent_vlan',
    'value_specs',
  ],
  openstack_networking_subnet_v2: [
    'network_id',
    'cidr',
    'prefix_length',
    'ip_version',
    'ipv6_address_mode',
    'ipv6_ra_mode',
    'subnetpool_id',
    'region',
    'tenant_id',
    'value_specs',
  ],
  openstack_networking_router_v2: [
    'region',
    'tenant_id',
    'distributed',
    'availability_zone_hints',
    'value_specs',
  ],
  openstack_networking_router_interface_v2: ['router_id', 'subnet_id', 'port_id', 'region'],
  openstack_networking_secgroup_v2: ['region', 'tenant_id', 'delete_default_rules'],
  openstack_networking_secgroup_rule_v2: [
    'direction',
    'ethertype',
    'protocol',
    'port_range_min',
    'port_range_max',
    'remote_ip_prefix',
    'remote_group_id',
    'remote_address_group_id',
    'security_group_id',
    'description',
    'region',
    'tenant_id',
  ],
  openstack_lb_loadbalancer_v2: [
    'vip_subnet_id',
    'vip_network_id',
    'vip_port_id',
    'vip_address',
    'flavor_id',
    'loadbalancer_provider',
    'availability_zone',
    'region',
    'tenant_id',
  ],
  openstack_lb_listener_v2: ['loadbalancer_id', 'protocol', 'protocol_port', 'region', 'tenant_id'],
  openstack_lb_pool_v2: ['listener_id', 'loadbalancer_id', 'protocol', 'region', 'tenant_id'],
  openstack_lb_member_v2: ['pool_id', 'address', 'protocol_port', 'subnet_id', 'region', 'tenant_id'],
  openstack_lb_monitor_v2: ['pool_id', 'type', 'region', 'tenant_id'],
  openstack_dns_zone_v2: ['name', 'type', 'attributes', 'project_id', 'region', 'value_specs'],
  openstack_dns_recordset_v2: ['zone_id', 'name', 'type', 'project_id', 'region', 'value_specs'],
  openstack_identity_application_credential_v3: [
    'name',
    'description',
    'unrestricted',
    'secret',
    'roles',
    'access_rules',
    'expires_at',
    'project_id',
    'region',
  ],
  openstack_objectstorage_container_v1: ['region', 'storage_policy', 'storage_class'],
  tls_private_key: [ALL],
  tls_self_signed_cert: [ALL],
  tls_locally_signed_cert: [ALL],
  tls_cert_request: [ALL],
  random_id: [ALL],
  random_string: [ALL],
  random_password: [ALL],
  terraform_data: ['triggers_replace'],
  helm_release: ['name', 'namespace'],
  kubernetes_manifest: [
    'manifest.apiVersion',
    'manifest.kind',
    'manifest.metadata.name',
    'manifest.metadata.namespace',
  ],
  kubernetes_namespace_v1: ['metadata.name'],
  kubernetes_secret_v1: ['metadata.name', 'metadata.namespace', 'type'],
  kubernetes_config_map_v1: ['metadata.name', 'metadata.namespace'],
  kubernetes_config_map_v1_data: ['metadata.name', 'metadata.namespace'],
  kubernetes_storage_class_v1: [
    'metadata.name',
    'storage_provisioner',
    'reclaim_policy',
    'parameters',
    'volume_binding_mode',
  ],
};

/**
 * Whether changing the argument at `path` (dotted, no list indexes) replaces a resource of `type`.
 * A change below a ForceNew argument (`network.port` under `network`) counts as well.
 */
export function forcesReplacement(type: string, path: string): boolean {
  const fields = FORCE_NEW[type] ?? [];
  if (fields.includes(ALL)) return true;
  return fields.some((field) => path === field || path.startsWith(`${field}.`));
}
