import { TerraformOutput, TerraformProvider, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { CloudinitProvider } from '@cdktf/provider-cloudinit/lib/provider';
import { NodeBootstrap } from '../../../constructs/cluster/node-bootstrap';
import { NodeBootstrapProps, NodeRole } from '../../../constructs/cluster/node-bootstrap-props';
import { renderCloudConfig } from '../../../constructs/cluster/node-cloud-config';
import { COMPACT, ROLES, SECRETS, pem, sampleProps } from '../../support/node-bootstrap-samples';

/** Terraform variables standing for the references the stack will pass (tls, random, floating IP). */
const VARIABLES = {
  api_address: '203.0.113.5',
  bootstrap_token: SECRETS.bootstrapToken,
  ca_certificate_pem: pem('CERTIFICATE', COMPACT.certificate, 'cluster-ca'),
  ca_private_key_pem: pem('RSA PRIVATE KEY', COMPACT.key, 'cluster-ca-key'),
  certificate_key: SECRETS.certificateKey,
  secrets_encryption_key: SECRETS.secretsEncryptionKey,
  registry_ca_pem: pem('CERTIFICATE', COMPACT.certificate, 'platform-ca'),
} as const;
type VariableName = keyof typeof VARIABLES;

function synthBootstrap(role: NodeRole) {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new CloudinitProvider(stack, 'cloudinit');
  const variables = new Map<VariableName, string>();
  const v = (name: VariableName) => {
    if (!variables.has(name)) {
      variables.set(
        name,
        new TerraformVariable(stack, name, { type: 'string', sensitive: true }).stringValue,
      );
    }
    return variables.get(name)!;
  };
  const sample = sampleProps(role);
  const props: NodeBootstrapProps = {
    ...sample,
    controlPlaneEndpoint: `${v('api_address')}:6443`,
    apiServerCertSans: ['api.main.berth.example.com', v('api_address')],
    bootstrapToken: v('bootstrap_token'),
    caCertificatePem: v('ca_certificate_pem'),
    caPrivateKeyPem: sample.caPrivateKeyPem === undefined ? undefined : v('ca_private_key_pem'),
    certificateKey: sample.certificateKey === undefined ? undefined : v('certificate_key'),
    secretsEncryptionKey: sample.secretsEncryptionKey === undefined ? undefined : v('secrets_encryption_key'),
    registryCaPem: v('registry_ca_pem'),
  };
  const bootstrap = new NodeBootstrap(stack, 'node', props);
  new TerraformOutput(stack, 'user_data', { value: bootstrap.userData, sensitive: true });
  const synthesized = JSON.parse(Testing.synth(stack)) as {
    data: {
      cloudinit_config: Record<
        string,
        { gzip: boolean; base64_encode: boolean; part: Record<string, string>[] }
      >;
    };
    output: Record<string, { value: string }>;
  };
  const [[name, config]] = Object.entries(synthesized.data.cloudinit_config);
  return {
    stack,
    bootstrap,
    name,
    config,
    content: config.part[0].content,
    output: synthesized.output.user_data.value,
  };
}

/** Every `${...}` Terraform would interpolate (not `$${`, which it turns into a literal `${`). */
function interpolations(text: string): string[] {
  return text.match(/(?<!\$)\$\{[^}]*\}/g) ?? [];
}

/** The text Terraform produces: references replaced by the variables' values, escapes undone. */
function asTerraformRenders(text: string): string {
  const value = (expression: string): string => {
    const plain = /^var\.(\w+)$/.exec(expression);
    if (plain) return VARIABLES[plain[1] as VariableName];
    const encoded = /^base64encode\(var\.(\w+)\)$/.exec(expression);
    if (encoded) return Buffer.from(VARIABLES[encoded[1] as VariableName]).toString('base64');
    throw new Error(`unexpected Terraform expression: ${expression}`);
  };
  return text
    .replace(/(?<!\$)\$\{([^}]*)\}/g, (_, expression: string) => value(expression))
    .replace(/\$\$\{/g, '${')
    .replace(/%%\{/g, '%{');
}

describe.each(ROLES)('NodeBootstrap for a %s', (role) => {
  const synth = synthBootstrap(role);

  test('renders through cloudinit_config: gzip and base64, one text/cloud-config part', () => {
    expect(synth.config.gzip).toBe(true);
    expect(synth.config.base64_encode).toBe(true);
    expect(synth.config.part).toHaveLength(1);
    expect(synth.config.part[0].content_type).toBe('text/cloud-config');
  });

  test('userData is the data source’s rendered output, a Terraform reference', () => {
    expect(synth.output).toBe(`\${data.cloudinit_config.${synth.name}.rendered}`);
  });

  test('leaves the cloudinit provider to the stack', () => {
    const providers = synth.bootstrap.node.findAll().filter((c) => c instanceof TerraformProvider);
    expect(providers).toEqual([]);
  });

  test('Terraform interpolates only the intended references; everything else is escaped', () => {
    const allowed = new Set([
      '${var.api_address}',
      '${var.bootstrap_token}',
      '${var.certificate_key}',
      '${var.secrets_encryption_key}',
      '${base64encode(var.ca_certificate_pem)}',
      '${base64encode(var.ca_private_key_pem)}',
      '${base64encode(var.registry_ca_pem)}',
    ]);
    const found = interpolations(synth.content);
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((ref) => !allowed.has(ref))).toEqual([]);
    expect(synth.content).not.toMatch(/(?<!%)%\{/);
    expect(synth.content).not.toContain('berth-terraform-reference');
    // The scripts' own ${...} survive as escapes.
    expect(synth.content).toContain('"$${BERTH_PACKAGE_REPOSITORY}Release.key"');
  });

  test('PEM blocks reach the node base64-encoded by Terraform, so their line breaks never meet YAML', () => {
    expect(synth.content).toContain('content: ${base64encode(var.ca_certificate_pem)}');
    expect(synth.content).not.toMatch(
      /(?<!base64encode\()var\.(ca_certificate_pem|ca_private_key_pem|registry_ca_pem)/,
    );
  });

  test('once Terraform resolves it, the node gets exactly what renderCloudConfig renders', () => {
    expect(asTerraformRenders(synth.content)).toBe(renderCloudConfig(sampleProps(role)));
  });
});

describe('NodeBootstrap', () => {
  test('wrong-role inputs fail the synth with the construct path and the field', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    expect(
      () => new NodeBootstrap(stack, 'minion-0', { ...sampleProps(NodeRole.MINION), caPrivateKeyPem: 'x' }),
    ).toThrow(
      /in NodeBootstrap test\/minion-0: 1 problem\n {2}- caPrivateKeyPem: got "<secret, 1 characters, not shown>"; must not be given/,
    );
  });

  test('a Terraform reference is checked for presence, not form', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const key = new TerraformVariable(stack, 'k', { type: 'string' }).stringValue;
    expect(
      () => new NodeBootstrap(stack, 'ok', { ...sampleProps(NodeRole.JOIN_MASTER), certificateKey: key }),
    ).not.toThrow();
    expect(
      () => new NodeBootstrap(stack, 'bad', { ...sampleProps(NodeRole.MINION), caPrivateKeyPem: key }),
    ).toThrow('caPrivateKeyPem');
  });

  test('exposes its role', () => {
    expect(synthBootstrap(NodeRole.MINION).bootstrap.role).toBe(NodeRole.MINION);
  });
});
