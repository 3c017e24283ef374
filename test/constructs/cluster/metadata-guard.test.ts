import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  METADATA_GUARD_RULES_FILE,
  METADATA_GUARD_TABLE,
  METADATA_GUARD_UNIT,
  METADATA_SERVICE,
  NFT_BINARY,
  metadataGuardRuleset,
  metadataGuardUnit,
} from '../../../constructs/cluster/metadata-guard';
import { asRoot, withTool } from '../../support/real-tool';

const withNft = withTool('nft', 'nftables');
const withUnshare = withTool('unshare', 'util-linux');

function tempFile(name: string, content: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'berth-guard-')), name);
  fs.writeFileSync(file, content);
  return file;
}

/** Runs a bash script as root in a new, empty network namespace (the kernel's real netfilter). */
function inNetworkNamespace(script: string, ...args: string[]) {
  return spawnSync('unshare', ['--net', 'bash', '-c', script, 'netns', ...args], { encoding: 'utf8' });
}

describe('metadataGuardRuleset', () => {
  const rules = metadataGuardRuleset();

  test('drops forwarded (pod) traffic to the metadata service, IPv4 and IPv6', () => {
    const forward = /chain forward \{([^}]*)\}/.exec(rules)![1];
    expect(forward).toContain('type filter hook forward priority filter - 10; policy accept;');
    expect(forward).toContain(`ip daddr ${METADATA_SERVICE.ipv4} counter drop`);
    expect(forward).toContain(`ip6 daddr ${METADATA_SERVICE.ipv6} counter drop`);
  });

  test('drops node-local traffic to it unless the process runs as root', () => {
    const output = /chain output \{([^}]*)\}/.exec(rules)![1];
    expect(output).toContain('type filter hook output priority filter - 10; policy accept;');
    expect(output).toContain(`ip daddr ${METADATA_SERVICE.ipv4} meta skuid != 0 counter drop`);
  });

  test('replaces only its own table, so loading it twice is harmless and other tables stay', () => {
    expect(rules).not.toMatch(/flush ruleset/);
    const declare = `table inet ${METADATA_GUARD_TABLE}\ndelete table inet ${METADATA_GUARD_TABLE}\n`;
    expect(rules).toContain(declare);
  });

  const asRootNft = asRoot(withNft);
  const asRootUnshare = asRoot(withUnshare);

  withNft('the kernel accepts the ruleset (nft --check)', () => {
    const file = tempFile('guard.nft', rules);
    const result = spawnSync('unshare', ['-rn', 'nft', '--check', '-f', file], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  asRootNft('loads twice and lists back in a network namespace', () => {
    const file = tempFile('guard.nft', rules);
    const result = inNetworkNamespace('nft -f "$1" && nft -f "$1" && nft list ruleset', file);
    expect(result.stderr).toBe('');
    expect(result.stdout.match(new RegExp(`table inet ${METADATA_GUARD_TABLE}`, 'g'))).toHaveLength(1);
  });

  asRootUnshare(
    'an unprivileged process cannot connect to the metadata address; root can (real netfilter)',
    () => {
      const file = tempFile('guard.nft', rules);
      // The metadata address on loopback: nothing listens, so root's connection is refused at once, while
      // a dropped SYN from `nobody` gets no answer and times out.
      const connect = `timeout 1 bash -c 'echo > /dev/tcp/${METADATA_SERVICE.ipv4}/80' 2>/dev/null; echo $?`;
      const script = [
        'set -eu',
        'ip link set lo up',
        `ip addr add ${METADATA_SERVICE.ipv4}/32 dev lo`,
        'probe() { ' + connect + '; }',
        'echo "before nobody $(setpriv --reuid 65534 --regid 65534 --clear-groups bash -c "$(declare -f probe); probe")"',
        'nft -f "$1"',
        'echo "after nobody $(setpriv --reuid 65534 --regid 65534 --clear-groups bash -c "$(declare -f probe); probe")"',
        'echo "after root $(probe)"',
      ].join('\n');
      const result = inNetworkNamespace(script, file);
      expect(result.stderr).toBe('');
      // 1: refused (reached the address); 124: timed out (dropped).
      expect(result.stdout.trim().split('\n')).toEqual([
        'before nobody 1',
        'after nobody 124',
        'after root 1',
      ]);
    },
  );
});

describe('metadataGuardUnit', () => {
  const unit = metadataGuardUnit();

  test('loads the ruleset once per boot, before the network, containerd and the kubelet', () => {
    expect(unit).toContain(`ExecStart=${NFT_BINARY} -f ${METADATA_GUARD_RULES_FILE}`);
    expect(unit).toContain('Type=oneshot\nRemainAfterExit=yes');
    expect(unit).toMatch(/^Before=network-pre\.target containerd\.service kubelet\.service/m);
  });

  test('containerd and the kubelet require it: no pod runs on a node whose guard failed', () => {
    expect(unit).toMatch(/^RequiredBy=containerd\.service kubelet\.service$/m);
    expect(unit).toMatch(/^WantedBy=multi-user\.target$/m);
    expect(METADATA_GUARD_UNIT).toBe('berth-metadata-guard.service');
  });
});
