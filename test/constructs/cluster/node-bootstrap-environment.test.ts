import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  BOOTSTRAP_ENV_FILE,
  BootstrapEnvironment,
  renderBootstrapEnvironment,
} from '../../../constructs/cluster/node-bootstrap-environment';
import { KubeadmAction, kubeadmScript } from '../../../constructs/cluster/node-kubeadm-script';
import { prepareNodeScript } from '../../../constructs/cluster/node-prepare-script';
import { ENV, REJOIN, bash } from '../../support/node-script-samples';

describe('renderBootstrapEnvironment', () => {
  test('bash sourcing the file gets every value back, empty ones included', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-env-'));
    const file = path.join(dir, 'bootstrap.env');
    const env = { ...ENV, BERTH_API_ENDPOINT: "odd'value:6443" };
    fs.writeFileSync(file, renderBootstrapEnvironment(env));
    const names = Object.keys(env) as (keyof BootstrapEnvironment)[];
    const out = bash(`. ${file}; ${names.map((n) => `printf '%s\\n' "$${n}"`).join('; ')}`);
    expect(out.split('\n').slice(0, -1)).toEqual(names.map((n) => env[n]));
  });

  test('writes the parameters in a fixed order, whatever the order of the object', () => {
    const reversed = Object.fromEntries(Object.entries(ENV).reverse()) as unknown as BootstrapEnvironment;
    expect(renderBootstrapEnvironment(reversed)).toBe(renderBootstrapEnvironment(ENV));
  });

  test('rejects a value spanning lines (it would break out of the assignment)', () => {
    expect(() => renderBootstrapEnvironment({ ...ENV, BERTH_API_ENDPOINT: 'a\nrm -rf /' })).toThrow(
      'BERTH_API_ENDPOINT must be a single line',
    );
  });

  test('rejects an empty required value', () => {
    expect(() => renderBootstrapEnvironment({ ...ENV, BERTH_CLUSTER_CA_FILE: '' })).toThrow(
      'BERTH_CLUSTER_CA_FILE must not be empty',
    );
  });
});

describe("the scripts' shared header", () => {
  const all = [prepareNodeScript(), ...Object.values(KubeadmAction).map((a) => kubeadmScript(a, REJOIN))];

  test('every script is strict bash that reads the environment file and checks it', () => {
    for (const script of all) {
      expect(script.startsWith('#!/usr/bin/env bash\n')).toBe(true);
      expect(script).toContain('\nset -euo pipefail\n');
      expect(script).toContain(`\n. ${BOOTSTRAP_ENV_FILE}\n`);
      expect(script).toContain(`: "\${BERTH_API_ENDPOINT:?is missing from ${BOOTSTRAP_ENV_FILE}}"`);
      // May be empty (no MTU check), but must be defined.
      expect(script).toContain(`: "\${BERTH_POD_NETWORK_MTU?is missing from ${BOOTSTRAP_ENV_FILE}}"`);
    }
  });

  test('a script stops when the environment file lacks a parameter', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-env-'));
    const file = path.join(dir, 'bootstrap.env');
    fs.writeFileSync(file, renderBootstrapEnvironment(ENV).replace(/^BERTH_API_ENDPOINT=.*$/m, ''));
    const header = prepareNodeScript()
      .split('\n')
      .filter((line) => line.startsWith(': "${') || line.startsWith('. '))
      .join('\n')
      .replace(BOOTSTRAP_ENV_FILE, file);
    const result = spawnSync('bash', ['-euc', `${header}\necho reached`], { encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stdout).not.toContain('reached');
    expect(result.stderr).toContain(`BERTH_API_ENDPOINT: is missing from ${BOOTSTRAP_ENV_FILE}`);
  });
});
