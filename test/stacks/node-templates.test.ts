import * as fs from 'fs';
import * as path from 'path';
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

test('files: text as written, base64 decoded, Terraform-encoded PEM blocks named by their source', () => {
  const cloudConfig = [
    '#cloud-config',
    'write_files:',
    '  - path: /etc/berth/bootstrap.env',
    "    content: |\n      A='${openstack_networking_port_v2.p.id}'\n      B=$${HOME}",
    '  - path: /etc/motd',
    `    content: ${Buffer.from('hello\n').toString('base64')}`,
    '    encoding: b64',
    '  - path: /etc/ca.crt',
    '    content: ${base64encode(tls_self_signed_cert.ca.cert_pem)}',
    '    encoding: b64',
    '',
  ].join('\n');
  expect(nodeTemplateFiles(cloudConfig).slice(1)).toEqual([
    {
      path: 'files/etc/berth/bootstrap.env',
      content: "A='<apply-time:openstack_networking_port_v2.p.id>'\nB=${HOME}\n",
    },
    { path: 'files/etc/motd', content: 'hello\n' },
    { path: 'files/etc/ca.crt', content: '<apply-time:tls_self_signed_cert.ca.cert_pem>\n' },
  ]);
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
