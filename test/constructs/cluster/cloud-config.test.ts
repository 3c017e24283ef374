import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import {
  CloudInitConfig,
  FileEncoding,
  FilePermissions,
  renderYaml,
} from '../../../constructs/cluster/cloud-config';
import { withTool } from '../../support/real-tool';

/** `cloud-init schema` on a document: the real validator, as on the nodes. */
function cloudInitSchema(document: string): { readonly ok: boolean; readonly output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-cloud-config-'));
  const file = path.join(dir, 'user-data.yaml');
  fs.writeFileSync(file, document);
  const result = spawnSync('cloud-init', ['schema', '--config-file', file], { encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

const withCloudInit = withTool('cloud-init');

/** A document using every feature of the builder. */
function everything(): CloudInitConfig {
  return new CloudInitConfig()
    .updatePackages({ upgrade: true })
    .addPackages('curl', 'containerd', 'curl')
    .addBootCommand(['modprobe', 'overlay'])
    .addFile({
      path: '/etc/example.conf',
      content: 'a = 1\n  indented\n\nlast\n',
      permissions: FilePermissions.WORLD_READABLE,
    })
    .addFile({ path: '/etc/secret', content: 'c2VjcmV0', encoding: FileEncoding.BASE64 })
    .addFile({
      path: '/opt/late',
      content: 'x',
      owner: 'nobody:nogroup',
      defer: true,
      permissions: FilePermissions.of(0o640),
    })
    .addRunCommand(['/usr/local/sbin/step', 'one two'])
    .addRunCommand('echo "$HOME" && true');
}

describe('CloudInitConfig', () => {
  test('renders a #cloud-config document with sections in a fixed order', () => {
    const text = everything().render();
    expect(text.startsWith('#cloud-config\n')).toBe(true);
    const keys = Object.keys(YAML.parse(text) as object);
    expect(keys).toEqual([
      'bootcmd',
      'package_update',
      'package_upgrade',
      'packages',
      'write_files',
      'runcmd',
    ]);
  });

  test('the rendered YAML reads back as exactly the data, multi-line contents included', () => {
    const config = everything();
    expect(YAML.parse(config.render(), { version: '1.1' })).toEqual(config.toJSON());
    const file = (YAML.parse(config.render()) as { write_files: { content: string }[] }).write_files[0];
    expect(file.content).toBe('a = 1\n  indented\n\nlast\n');
  });

  test('multi-line contents are literal blocks, readable in a diff', () => {
    expect(everything().render()).toContain('    content: |\n      a = 1\n        indented\n\n      last\n');
  });

  test('renders the same text for the same calls', () => {
    expect(everything().render()).toBe(everything().render());
  });

  test('files default to root-owned, owner-only (0600), plain text', () => {
    const doc = new CloudInitConfig().addFile({ path: '/etc/x', content: 'x' }).toJSON();
    expect(doc.write_files).toEqual([
      { path: '/etc/x', content: 'x', owner: 'root:root', permissions: '0600' },
    ]);
  });

  test('writes encoding and defer only when they differ from the defaults', () => {
    const files = everything().toJSON().write_files as Record<string, unknown>[];
    expect(files.map((f) => f.encoding)).toEqual([undefined, 'b64', undefined]);
    expect(files.map((f) => f.defer)).toEqual([undefined, undefined, true]);
    expect(files[2]).toMatchObject({ owner: 'nobody:nogroup', permissions: '0640' });
  });

  test('strings YAML 1.1 would read as something else stay strings for cloud-init', () => {
    const text = new CloudInitConfig()
      .addRunCommand(['systemctl', 'on'])
      .addRunCommand(['echo', '0755'])
      .render();
    expect(text).toContain('- "on"');
    expect(text).toContain('- "0755"');
  });

  test('list commands stay argument vectors, string commands stay shell lines', () => {
    expect(everything().toJSON().runcmd).toEqual([
      ['/usr/local/sbin/step', 'one two'],
      'echo "$HOME" && true',
    ]);
  });

  test('lists packages once each', () => {
    expect(everything().toJSON().packages).toEqual(['curl', 'containerd']);
  });

  test('leaves out empty sections', () => {
    expect(new CloudInitConfig().render()).toBe('#cloud-config\n{}\n');
    expect(new CloudInitConfig().addRunCommand('true').toJSON()).toEqual({ runcmd: ['true'] });
  });

  test('refuses the same path twice', () => {
    const config = new CloudInitConfig().addFile({ path: '/etc/x', content: '' });
    expect(() => config.addFile({ path: '/etc/x', content: 'again' })).toThrow(
      'write_files already has /etc/x; each path may be written once',
    );
  });

  test('refuses relative paths, empty commands and non-package names', () => {
    expect(() => new CloudInitConfig().addFile({ path: 'etc/x', content: '' })).toThrow('must be absolute');
    expect(() => new CloudInitConfig().addRunCommand('  ')).toThrow('must not be empty');
    expect(() => new CloudInitConfig().addBootCommand([])).toThrow('must not be empty');
    expect(() => new CloudInitConfig().addPackages('curl; rm -rf /')).toThrow('not a Debian package name');
  });

  test('accepts pinned package versions', () => {
    expect(new CloudInitConfig().addPackages('kubelet=1.35.2-1.1').toJSON().packages).toEqual([
      'kubelet=1.35.2-1.1',
    ]);
  });

  withCloudInit('cloud-init accepts a document using every feature', () => {
    const result = cloudInitSchema(everything().render());
    expect(result.output).toContain('Valid cloud-config');
    expect(result.ok).toBe(true);
  });

  withCloudInit('cloud-init rejects what the builder prevents (so the check above can fail)', () => {
    const broken = '#cloud-config\nwrite_files:\n  - path: /x\n    permissions: 0600\n    mode: 1\n';
    const result = cloudInitSchema(broken);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/permissions|mode/);
  });
});

describe('FilePermissions', () => {
  test('renders the octal string cloud-init expects', () => {
    expect(FilePermissions.OWNER_ONLY.toString()).toBe('0600');
    expect(FilePermissions.WORLD_READABLE.toString()).toBe('0644');
    expect(FilePermissions.OWNER_EXECUTABLE.toString()).toBe('0700');
    expect(FilePermissions.EXECUTABLE.toString()).toBe('0755');
    expect(FilePermissions.of(0o4755).toString()).toBe('04755');
  });

  test('knows whether others may read', () => {
    expect(FilePermissions.OWNER_ONLY.readableByOthers).toBe(false);
    expect(FilePermissions.OWNER_EXECUTABLE.readableByOthers).toBe(false);
    expect(FilePermissions.WORLD_READABLE.readableByOthers).toBe(true);
    expect(FilePermissions.of(0o640).readableByOthers).toBe(true);
  });

  test.each([-1, 0o10000, 1.5])('rejects mode %p', (mode) => {
    expect(() => FilePermissions.of(mode)).toThrow('octal mode from 0 to 0o7777');
  });
});

describe('renderYaml', () => {
  test('never uses anchors for repeated objects', () => {
    const shared = { a: 1 };
    expect(renderYaml({ x: shared, y: shared })).not.toMatch(/[&*]a\d/);
  });

  test('quotes every string when asked, keys excepted', () => {
    expect(renderYaml({ token: '123456.1234567890123456', count: 1 }, { quoteStrings: true })).toBe(
      'token: "123456.1234567890123456"\ncount: 1\n',
    );
  });

  test('does not fold long lines', () => {
    const long = 'x '.repeat(200).trim();
    expect(renderYaml({ long })).toBe(`long: ${long}\n`);
  });
});
