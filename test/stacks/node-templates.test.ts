import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { nodeTemplateFiles, readableTemplate } from '../../stacks/node-templates';
import { synthPlatform } from '../support/synth-platform';

test('a Terraform string reads as the node sees it, deploy-time values as placeholders', () => {
  expect(readableTemplate('echo "$${HOME}" %%{x} ${openstack_lb_loadbalancer_v2.api.vip_address}:6443')).toBe(
    'echo "${HOME}" %{x} <apply-time:openstack_lb_loadbalancer_v2.api.vip_address>:6443',
  );
  expect(readableTemplate('${base64encode(lookup({a = 1}, "a"))}!')).toBe(
    '<apply-time:base64encode(lookup({a = 1}, "a"))>!',
  );
});

test.each([
  ['lone signs stay', 'a $ b % c $$ %% d', 'a $ b % c $$ %% d'],
  ['a sign before an escape', '$$${x}', '$${x}'],
  ['directives Terraform evaluates stay', '%{if x}y%{endif}', '%{if x}y%{endif}'],
  ['a sign at the end', 'end $ %', 'end $ %'],
  ['an expression never closed runs to the end', 'open ${never closed', 'open <apply-time:never closed>'],
  ['expressions side by side', '${c}${d}', '<apply-time:c><apply-time:d>'],
  ['nothing to read', 'plain text', 'plain text'],
])('a Terraform string: %s', (_name, terraform, readable) => {
  expect(readableTemplate(terraform)).toBe(readable);
});

test('files: text as written, base64 decoded, Terraform-encoded PEM blocks named by their source', () => {
  const files = nodeTemplateFiles('#cloud-config\n', [
    {
      path: '/etc/berth/${openstack_networking_port_v2.p.name}.env',
      content: "A='${openstack_networking_port_v2.p.id}'\nB=$${HOME} %%{x}\n",
    },
    { path: '/etc/motd', content: Buffer.from('hello\n').toString('base64'), encoding: 'b64' },
    { path: '/etc/ca.crt', content: '${base64encode(tls_self_signed_cert.ca.cert_pem)}', encoding: 'b64' },
    { path: '/etc/key.pem', content: '${tls_private_key.k.private_key_pem}', encoding: 'b64' },
  ]);
  expect(files.slice(1)).toEqual([
    {
      path: 'files/etc/berth/<apply-time:openstack_networking_port_v2.p.name>.env',
      content: "A='<apply-time:openstack_networking_port_v2.p.id>'\nB=${HOME} %{x}\n",
    },
    { path: 'files/etc/motd', content: 'hello\n' },
    { path: 'files/etc/ca.crt', content: '<apply-time:tls_self_signed_cert.ca.cert_pem>\n' },
    { path: 'files/etc/key.pem', content: '<apply-time:tls_private_key.k.private_key_pem>\n' },
  ]);
});

/**
 * The files of a synthesized cloud-config, read by parsing its YAML (how the node reads it), with inert
 * stand-ins for the Terraform expressions.
 */
function filesByParsing(cloudConfig: string): Map<string, string> {
  const expressions: string[] = [];
  const parsable = readableTemplate(cloudConfig, (e) => `stand-in-${expressions.push(e) - 1}-end`);
  const restore = (text: string) =>
    text.replace(/stand-in-(\d+)-end/g, (_, i: string) => `<apply-time:${expressions[Number(i)]}>`);
  const config = YAML.parse(parsable) as {
    write_files: { path: string; content: string; encoding?: string }[];
  };
  const files = new Map<string, string>();
  for (const file of config.write_files) {
    const whole = /^stand-in-(\d+)-end$/.exec(file.content.trim());
    const content =
      file.encoding !== 'b64'
        ? restore(file.content)
        : whole
          ? `<apply-time:${expressions[Number(whole[1])].replace(/^base64encode\((.*)\)$/, '$1')}>\n`
          : Buffer.from(file.content, 'base64').toString('utf8');
    files.set(`files/${restore(file.path).replace(/^\/+/, '')}`, content);
  }
  return files;
}

test('the files written are those the synthesized cloud-config holds, for every role', () => {
  const out = synthPlatform({ clusters: [{ name: 'main', masters: { count: 3 } }] }, []);
  const infra = JSON.parse(
    fs.readFileSync(path.join(out.dir, 'stacks', 'main-infra', 'cdk.tf.json'), 'utf8'),
  ) as {
    data: { cloudinit_config: Record<string, { part: { content: string }[] }> };
  };
  const roles = out.nodes.get('main')!;
  const configs = Object.entries(infra.data.cloudinit_config);
  expect(configs.map(([id]) => id.replace(/^bootstrap-(.*)_user-data_.*$/, '$1')).sort()).toEqual(
    [...roles.keys()].sort(),
  );
  for (const [id, block] of configs) {
    const written = roles.get(id.replace(/^bootstrap-(.*)_user-data_.*$/, '$1'))!;
    const expected = filesByParsing(block.part[0].content);
    expect(expected.size).toBeGreaterThan(10);
    expect(new Map([...written].filter(([file]) => file !== 'cloud-config.yaml'))).toEqual(expected);
  }
});

test('synth writes every node role, readable, with no Terraform interpolation left', () => {
  const out = synthPlatform({ clusters: [{ name: 'main', masters: { count: 3 } }] }, []);
  const roles = out.nodes.get('main')!;
  expect([...roles.keys()]).toEqual(['init-master', 'join-master', 'pool-default']);
  const env = roles.get('pool-default')!.get('files/etc/berth/bootstrap.env')!;
  expect(env).toMatch(/^BERTH_KUBERNETES_MINOR='1\.35'$/m);
  expect(env).toMatch(
    /^BERTH_API_ENDPOINT='<apply-time:openstack_lb_loadbalancer_v2\.[^>]+\.vip_address>:6443'$/m,
  );
  for (const files of roles.values()) {
    expect(files.get('cloud-config.yaml')).toMatch(/^#cloud-config\n/);
    for (const [file, content] of files) {
      expect([
        file,
        content.includes('$${') || content.includes('%%{') || /TfToken|\$\{TOKEN/.test(content),
      ]).toEqual([file, false]);
    }
  }
  // Only the first master receives the CA key; its copy names where it comes from, never the key.
  expect(roles.get('init-master')!.get('files/etc/kubernetes/pki/ca.key')).toMatch(
    /^<apply-time:tls_private_key\.[^>]+>\n$/,
  );
  expect(roles.get('join-master')!.has('files/etc/kubernetes/pki/ca.key')).toBe(false);
  expect(
    fs.existsSync(
      path.join(out.dir, 'nodes', 'main', 'pool-default', 'files', 'usr', 'local', 'sbin', 'berth-kubeadm'),
    ),
  ).toBe(true);
});
