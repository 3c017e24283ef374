import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { encryptionKeyScript } from '../../../constructs/cluster/encryption-key-script';
import { encryptionConfiguration } from '../../../constructs/cluster/api-server-config';
import { renderDocuments } from '../../../constructs/cluster/kubeadm-api';

const FIRST = Buffer.alloc(32, 1).toString('base64');
const SECOND = Buffer.alloc(32, 2).toString('base64');

/** A master's API server directory in a scratch folder, with the configuration cloud-init writes. */
function scratch() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-enc-'));
  const config = path.join(root, 'encryption-configuration.yaml');
  fs.writeFileSync(config, renderDocuments([encryptionConfiguration(FIRST)]));
  const script = path.join(root, 'berth-encryption-key');
  fs.writeFileSync(script, encryptionKeyScript(), { mode: 0o700 });
  const bin = path.join(root, 'bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(
    path.join(bin, 'kubectl'),
    `#!/bin/bash\necho "kubectl $*" >>${root}/calls\ncat >/dev/null\n`,
    {
      mode: 0o755,
    },
  );
  const run = (args: string[], input = '') =>
    spawnSync('bash', [script, ...args], {
      input,
      encoding: 'utf8',
      env: {
        PATH: `${bin}:/usr/bin:/bin`,
        BERTH_ENCRYPTION_CONFIG: config,
        BERTH_ENCRYPTION_KEYS_DIR: path.join(root, 'keys'),
      },
    });
  const keys = () =>
    (
      YAML.parse(fs.readFileSync(config, 'utf8')) as ReturnType<typeof encryptionConfiguration>
    ).resources[0].providers.flatMap((p) => ('secretbox' in p ? p.secretbox.keys : []));
  return { root, config, run, keys };
}

describe('berth-encryption-key', () => {
  test('rotates: add (decrypts only), use (encrypts), rewrite, remove the old key', () => {
    const { run, keys, config, root } = scratch();
    const initialName = keys()[0].name;

    expect(run(['add', 'second'], `${SECOND}\n`).status).toBe(0);
    expect(keys()).toEqual([
      { name: initialName, secret: FIRST },
      { name: 'second', secret: SECOND },
    ]);

    expect(run(['use', 'second']).status).toBe(0);
    expect(keys().map((k) => k.name)).toEqual(['second', initialName]);
    expect(run(['list']).stdout).toBe(`second\n${initialName}\n`);

    expect(run(['rewrite']).status).toBe(0);
    // Both ends of the pipeline (they start together, so in either order).
    expect(fs.readFileSync(path.join(root, 'calls'), 'utf8').trim().split('\n').sort()).toEqual([
      'kubectl --kubeconfig /etc/kubernetes/admin.conf get secrets --all-namespaces -o json',
      'kubectl --kubeconfig /etc/kubernetes/admin.conf replace -f -',
    ]);

    expect(run(['remove', initialName]).status).toBe(0);
    expect(keys()).toEqual([{ name: 'second', secret: SECOND }]);
    // identity stays last: Secrets written before encryption remain readable.
    const doc = YAML.parse(fs.readFileSync(config, 'utf8'));
    expect(doc.resources[0].providers.at(-1)).toEqual({ identity: {} });
    expect(doc.kind).toBe('EncryptionConfiguration');
  });

  test('the configuration it writes for the initial key is the one cloud-init wrote', () => {
    const { run, config } = scratch();
    const before = YAML.parse(fs.readFileSync(config, 'utf8'));
    expect(run(['add', 'second'], SECOND).status).toBe(0);
    expect(run(['remove', 'second']).status).toBe(0);
    expect(YAML.parse(fs.readFileSync(config, 'utf8'))).toEqual(before);
  });

  test.each([
    ['a key that is not 32 bytes', ['add', 'short'], 'c2hvcnQ=', 'base64 of 32 bytes'],
    ['a name with odd characters', ['add', 'Bad Name'], SECOND, 'key names are'],
    ['using a key never added', ['use', 'nowhere'], '', 'add it first'],
    ['removing the key that encrypts', ['remove', 'berth-1'], '', 'use another key first'],
    ['an unknown command', ['rotate'], '', 'usage:'],
  ])('refuses %s, leaving the configuration alone', (_, args, input, message) => {
    const { run, config } = scratch();
    const before = fs.readFileSync(config, 'utf8');
    const result = run(args, input);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(message);
    expect(fs.readFileSync(config, 'utf8')).toBe(before);
  });
});
