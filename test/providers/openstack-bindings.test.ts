import * as fs from 'fs';
import * as path from 'path';
import { TerraformStack, Testing } from 'cdktf';
import * as openstack from '../../.gen/providers/openstack';

const ROOT = path.join(__dirname, '..', '..');
const FQPN = 'registry.terraform.io/terraform-provider-openstack/openstack';

interface SchemaAttribute {
  readonly type: unknown;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
}
interface SchemaBlock {
  readonly attributes: Record<string, SchemaAttribute>;
  readonly block_types?: Record<
    string,
    { readonly nesting_mode: string; readonly min_items?: number; readonly block: SchemaBlock }
  >;
}
interface ProviderSchema {
  readonly provider: { readonly block: SchemaBlock };
  readonly resource_schemas: Record<string, { readonly block: SchemaBlock }>;
  readonly data_source_schemas: Record<string, { readonly block: SchemaBlock }>;
}

const schemaFile = JSON.parse(fs.readFileSync(path.join(ROOT, 'providers', 'openstack.schema.json'), 'utf8'));
const schema: ProviderSchema = schemaFile.provider_schemas[FQPN];

/** What issue 2 asks the bindings to cover. */
const RESOURCES = [
  'openstack_compute_instance_v2',
  'openstack_compute_keypair_v2',
  'openstack_compute_servergroup_v2',
  'openstack_compute_volume_attach_v2',
  'openstack_networking_network_v2',
  'openstack_networking_subnet_v2',
  'openstack_networking_router_v2',
  'openstack_networking_router_interface_v2',
  'openstack_networking_port_v2',
  'openstack_networking_secgroup_v2',
  'openstack_networking_secgroup_rule_v2',
  'openstack_networking_floatingip_v2',
  'openstack_networking_floatingip_associate_v2',
  'openstack_blockstorage_volume_v3',
  'openstack_lb_loadbalancer_v2',
  'openstack_lb_listener_v2',
  'openstack_lb_pool_v2',
  'openstack_lb_member_v2',
  'openstack_lb_monitor_v2',
  'openstack_dns_zone_v2',
  'openstack_dns_recordset_v2',
  'openstack_objectstorage_container_v1',
  'openstack_identity_application_credential_v3',
  'openstack_images_image_v2',
];
const DATA_SOURCES = [
  'openstack_images_image_v2',
  'openstack_compute_flavor_v2',
  'openstack_networking_network_v2',
  'openstack_networking_subnet_v2',
  'openstack_dns_zone_v2',
];

const camel = (snake: string) => snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const pascal = (snake: string) => camel(snake).replace(/^./, (c) => c.toUpperCase());

/** A sample value of a schema type, for required attributes. */
function sample(type: unknown): unknown {
  if (type === 'string') return 'sample';
  if (type === 'number') return 1;
  if (type === 'bool') return true;
  if (Array.isArray(type) && (type[0] === 'list' || type[0] === 'set')) return [sample(type[1])];
  if (Array.isArray(type) && type[0] === 'map') return { key: sample(type[1]) };
  throw new Error(`no sample for ${JSON.stringify(type)}`);
}

/** A config with every required attribute and required block, keyed as the bindings expect (camelCase). */
function requiredConfig(block: SchemaBlock): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(block.attributes)) {
    if (attribute.required) config[camel(name)] = sample(attribute.type);
  }
  for (const [name, nested] of Object.entries(block.block_types ?? {})) {
    if ((nested.min_items ?? 0) > 0) {
      const value = requiredConfig(nested.block);
      config[camel(name)] = nested.nesting_mode === 'single' ? value : [value];
    }
  }
  return config;
}

type Constructor = new (scope: TerraformStack, id: string, config: Record<string, unknown>) => unknown;

function bindingClass(namespace: string, className: string): Constructor {
  const module = (openstack as unknown as Record<string, Record<string, Constructor>>)[namespace];
  if (!module?.[className]) throw new Error(`no binding ${namespace}.${className}`);
  return module[className];
}

describe('OpenStack provider schema', () => {
  test('is in the format of `terraform providers schema -json`', () => {
    expect(schemaFile.format_version).toBe('1.0');
    expect(Object.keys(schemaFile.provider_schemas)).toEqual([FQPN]);
  });

  test('covers exactly the resources and data sources Berth needs', () => {
    expect(Object.keys(schema.resource_schemas).sort()).toEqual([...RESOURCES].sort());
    expect(Object.keys(schema.data_source_schemas).sort()).toEqual([...DATA_SOURCES].sort());
  });

  test('declares the implicit id on every resource and data source', () => {
    for (const entry of [
      ...Object.values(schema.resource_schemas),
      ...Object.values(schema.data_source_schemas),
    ]) {
      expect(entry.block.attributes.id).toMatchObject({ type: 'string', computed: true });
    }
  });

  test('declares the provider arguments users authenticate with', () => {
    const args = Object.keys(schema.provider.block.attributes);
    expect(args).toEqual(
      expect.arrayContaining([
        'auth_url',
        'cloud',
        'region',
        'application_credential_id',
        'application_credential_name',
        'application_credential_secret',
        'insecure',
        'cacert_file',
        'endpoint_overrides',
      ]),
    );
    expect(schema.provider.block.attributes.password.sensitive).toBe(true);
  });

  // Read from terraform-provider-openstack v3.4.0's Go sources (the schema maps of each resource and data
  // source we keep); these are the places an earlier copy of the schema had wrong.
  test('matches the v3.4.0 sources where values are computed by the cloud', () => {
    const resources = schema.resource_schemas;
    const network = resources.openstack_networking_network_v2.block;
    expect(network.attributes.dns_domain).toMatchObject({ optional: true, computed: true });
    expect(network.block_types!.segments.block.attributes.segmentation_id).toMatchObject({ computed: true });
    const port = resources.openstack_networking_port_v2.block;
    expect(port.block_types!.binding.block.attributes.host_id).toMatchObject({ computed: true });
    expect(resources.openstack_networking_router_v2.block.attributes.flavor_id).toBeUndefined();
  });

  test('matches the v3.4.0 sources in the data sources', () => {
    const network = schema.data_source_schemas.openstack_networking_network_v2.block;
    expect((network.attributes.segments.type as unknown[])[0]).toBe('set');
    const subnet = schema.data_source_schemas.openstack_networking_subnet_v2.block.attributes;
    expect(subnet.dns_publish_fixed_ip).toEqual(expect.objectContaining({ optional: true }));
    expect(subnet.dns_publish_fixed_ip.computed).toBeUndefined();
    expect(subnet.segment_id).toMatchObject({ type: 'string', optional: true, computed: true });
  });

  test('marks secrets sensitive', () => {
    expect(schema.resource_schemas.openstack_compute_instance_v2.block.attributes.admin_pass.sensitive).toBe(
      true,
    );
    expect(
      schema.resource_schemas.openstack_identity_application_credential_v3.block.attributes.secret.sensitive,
    ).toBe(true);
    expect(schema.resource_schemas.openstack_compute_keypair_v2.block.attributes.private_key.sensitive).toBe(
      true,
    );
  });
});

describe('generated OpenStack bindings', () => {
  test('record the provider source and version constraint from cdktf.json', () => {
    const cdktfJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8'));
    expect(cdktfJson.terraformProviders).toContain('terraform-provider-openstack/openstack@~> 3.4.0');
    const synth = Testing.synthScope((scope) => {
      new openstack.provider.OpenstackProvider(scope, 'openstack', { cloud: 'openstack' });
    });
    expect(JSON.parse(synth).provider.openstack).toEqual([{ cloud: 'openstack' }]);
    const stack = new TerraformStack(Testing.app(), 'bindings');
    new openstack.provider.OpenstackProvider(stack, 'openstack', {});
    const outdir = Testing.fullSynth(stack);
    const full = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'bindings', 'cdk.tf.json'), 'utf8'));
    expect(full.terraform.required_providers.openstack).toEqual({
      source: 'terraform-provider-openstack/openstack',
      version: '3.4.0',
    });
  });

  test.each(RESOURCES)(
    'resource %s synthesizes under its Terraform name with its required arguments',
    (type) => {
      const name = type.replace(/^openstack_/, '');
      const Binding = bindingClass(camel(name), pascal(name));
      const config = requiredConfig(schema.resource_schemas[type].block);
      const synth = JSON.parse(
        Testing.synthScope((scope) => {
          new Binding(scope as TerraformStack, 'subject', config);
        }),
      );
      expect(Object.keys(synth.resource)).toEqual([type]);
      const [rendered] = Object.values(synth.resource[type]) as Record<string, unknown>[];
      for (const attribute of Object.keys(schema.resource_schemas[type].block.attributes)) {
        if (schema.resource_schemas[type].block.attributes[attribute].required)
          expect(rendered).toHaveProperty(attribute);
      }
    },
  );

  test.each(DATA_SOURCES)('data source %s synthesizes under its Terraform name', (type) => {
    const name = type.replace(/^openstack_/, '');
    const Binding = bindingClass(`dataOpenstack${pascal(name)}`, `DataOpenstack${pascal(name)}`);
    const synth = JSON.parse(
      Testing.synthScope((scope) => {
        new Binding(
          scope as TerraformStack,
          'subject',
          requiredConfig(schema.data_source_schemas[type].block),
        );
      }),
    );
    expect(Object.keys(synth.data)).toEqual([type]);
  });
});
