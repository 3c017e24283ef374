import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { prepareNodeScript } from '../../../constructs/cluster/node-prepare-script';
import { bash } from '../../support/node-script-samples';

describe('prepareNodeScript', () => {
  test('the packages come from the configured pkgs.k8s.io repository, keyring in /etc/apt/keyrings, and are held', () => {
    const script = prepareNodeScript();
    expect(script).toContain('"${BERTH_PACKAGE_REPOSITORY}Release.key" | gpg --dearmor');
    expect(script).toContain('keyring=/etc/apt/keyrings/kubernetes-apt-keyring.gpg');
    expect(script).toContain(`printf 'deb [signed-by=%s] %s /\\n' "$keyring" "$BERTH_PACKAGE_REPOSITORY"`);
    expect(script).toContain('apt-mark hold kubelet kubeadm kubectl');
    expect(script).not.toMatch(/apt\.kubernetes\.io|packages\.cloud\.google\.com/);
  });

  test('swap goes off now and stays off after reboots', () => {
    const script = prepareNodeScript();
    expect(script).toContain('swapoff -a');
    expect(script).toContain('systemctl mask swap.target');
    expect(script).toMatch(/sed -i .*swap.* \/etc\/fstab/);
  });

  test('the fstab edit comments out swap lines once, leaving other lines and re-runs alone', () => {
    const line = prepareNodeScript()
      .split('\n')
      .find((l) => l.includes('/etc/fstab'))!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-fstab-'));
    const fstab = path.join(dir, 'fstab');
    const original = 'LABEL=root / ext4 defaults 0 1\n/swap.img none swap sw 0 0\n# /old none swap sw 0 0\n';
    fs.writeFileSync(fstab, original);
    const edit = line.replace('/etc/fstab', fstab);
    bash(edit);
    const once = fs.readFileSync(fstab, 'utf8');
    bash(edit);
    expect(fs.readFileSync(fstab, 'utf8')).toBe(once);
    expect(once).toBe(
      'LABEL=root / ext4 defaults 0 1\n# disabled by berth: /swap.img none swap sw 0 0\n# /old none swap sw 0 0\n',
    );
  });
});
