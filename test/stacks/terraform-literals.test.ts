import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ConfigError } from '../../config';
import { resolvePlatform } from '../support/berth-platform';
import { BerthApp } from '../../stacks/berth-app';
import { escapeLiterals } from '../../stacks/terraform-literals';

describe('escapeLiterals', () => {
  test.each([
    ['${var.x}', '$${var.x}'],
    ['%{ if true }x%{ endif }', '%%{ if true }x%%{ endif }'],
    ['a${b}${c}%{d}', 'a$${b}$${c}%%{d}'],
    ['${${x}}', '$${$${x}}'],
    ['already $${x} and %%{y}', 'already $${x} and %%{y}'],
    ['$$${x}', '$$${x}'],
    ['no braces $ % {', 'no braces $ % {'],
    ['${TfToken[TOKEN.12]}-${user}', '${TfToken[TOKEN.12]}-$${user}'],
  ])('%p becomes %p', (text, expected) => {
    expect(escapeLiterals(text)).toBe(expected);
  });

  test('walks lists and mappings, keys too, and leaves other objects to cdktf', () => {
    const token = { resolve: () => '${x}' };
    expect(escapeLiterals({ '${k}': ['${v}', 3, true, null, token] })).toEqual({
      '$${k}': ['$${v}', 3, true, null, token],
    });
  });

  test('what needs no escaping comes back as it is; the rest is copied, in order, the input untouched', () => {
    const plain = { a: ['x', { b: 'y' }], c: 'already $${x}' };
    expect(escapeLiterals(plain)).toBe(plain);
    const inner = { keep: ['z'] };
    const mixed = JSON.parse(
      '{"first":1,"__proto__":"p","${k}":"v","inner":{"keep":["z"]},"list":["a","${b}"]}',
    );
    mixed.inner = inner;
    const escaped = escapeLiterals(mixed) as Record<string, unknown>;
    expect(Object.keys(escaped)).toEqual(['first', '__proto__', '$${k}', 'inner', 'list']);
    expect(Object.getPrototypeOf(escaped)).toBe(Object.prototype);
    expect(escaped.inner).toBe(inner);
    expect(escaped.list).toEqual(['a', '$${b}']);
    expect(mixed.list).toEqual(['a', '${b}']);
  });
});

/**
 * Every string field of a platform file given `${evil}` and `%{evil}`: those the rules refuse are
 * dropped (one at a time, by the path of their problem), the rest are synthesized, and no sequence may
 * reach any cdk.tf.json unescaped.
 */
describe('no user value is ever evaluated by Terraform', () => {
  const EVIL = '${evil}%{evil}';
  const candidates: [string[], unknown][] = [
    [['name'], `acme${EVIL}`],
    [['cloud', 'region'], `Region${EVIL}`],
    [['cloud', 'externalNetwork'], `ext${EVIL}`],
    [['cloud', 'image'], `ubuntu${EVIL}`],
    [['cloud', 'cloudName'], `cloud${EVIL}`],
    [['cloud', 'authUrl'], `https://keystone.acme.internal/v3/${EVIL}`],
    [['cloud', 'sshPublicKey'], `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAb ops ${EVIL}`],
    [
      ['cloud', 'flavors'],
      [
        { name: `m1.large${EVIL}`, vcpus: 4, memory: '8Gi' },
        { name: 'm1.medium', vcpus: 2, memory: '4Gi' },
      ],
    ],
    [
      ['cloud', 'applicationCredential', 'roles'],
      ['member', `load-balancer_member${EVIL}`],
    ],
    [['cloud', 'applicationCredential', 'expiresAt'], `2030-01-01T00:00:00Z${EVIL}`],
    [['cloud', 'caCertificate'], `-----BEGIN CERTIFICATE-----\n${EVIL}\n-----END CERTIFICATE-----\n`],
    [['cloud', 'dnsNameservers'], [`9.9.9.9${EVIL}`]],
    [
      ['clusters'],
      [
        {
          name: 'main',
          domain: 'paas.acme.internal',
          dns: { email: `ops${EVIL}@acme.internal`, zoneId: `zone${EVIL}` },
          minionPools: [
            {
              name: 'default',
              count: 2,
              flavor: `m1.large${EVIL}`,
              volumeType: `ssd${EVIL}`,
              availabilityZones: [`az${EVIL}`],
              labels: { tier: `web${EVIL}` },
              taints: [`k=v${EVIL}:NoSchedule`],
            },
          ],
          addons: {
            cloudProvider: { volumeType: `ssd${EVIL}` },
            certManager: {
              acme: { email: `ops${EVIL}@acme.internal`, server: `https://acme.internal/${EVIL}` },
            },
            registry: { garbageCollectionSchedule: `30 3 * * ${EVIL}` },
            monitoring: {
              receivers: [
                {
                  name: 'ops',
                  webhookUrl: `https://hooks.acme.internal/${EVIL}`,
                  email: `ops${EVIL}@acme.internal`,
                },
              ],
              smtp: { smarthost: `mail${EVIL}:25`, from: `alerts${EVIL}@acme.internal` },
            },
            coreDns: { stubDomains: { 'corp.internal': [`10.1.1.1${EVIL}`] } },
          },
        },
      ],
    ],
    [
      ['environments'],
      [
        { name: 'dev', config: { GREETING: `hello ${EVIL}` } },
        { name: 'test' },
        { name: 'prod', teams: [`team${EVIL}`] },
      ],
    ],
  ];

  function withPath(root: Record<string, unknown>, keys: string[], value: unknown): void {
    let cursor = root;
    for (const key of keys.slice(0, -1)) cursor = (cursor[key] ??= {}) as Record<string, unknown>;
    cursor[keys[keys.length - 1]] = value;
  }

  test('a platform full of ${...} and %{...}: every one escaped in every cdk.tf.json', () => {
    let input: Record<string, unknown> = {};
    for (const [keys, value] of candidates) withPath(input, keys, value);
    let platform;
    const refused = new Set<string>();
    for (let attempt = 0; platform === undefined; attempt++) {
      try {
        platform = resolvePlatform(input);
      } catch (err) {
        if (!(err instanceof ConfigError) || attempt > 50) throw err;
        // Drop each refused value (by replacing its string with a clean one) and try again.
        const text = JSON.stringify(input);
        for (const p of err.problems) refused.add(p.path);
        const clean = JSON.parse(text, function (this: unknown, _key, value: unknown) {
          return value;
        }) as Record<string, unknown>;
        input = stripRefused(
          clean,
          err.problems.map((p) => p.path),
        );
      }
    }
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-literals-'));
    new BerthApp({ platform, outdir }).synth();
    let seen = 0;
    for (const stack of fs.readdirSync(path.join(outdir, 'stacks'))) {
      const text = fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8');
      for (const match of text.matchAll(/([$%]+)\{evil\}/g)) {
        seen++;
        expect([stack, match[1]]).toEqual([stack, match[1][0] === '$' ? '$$' : '%%']);
      }
    }
    // The test means something only if many values got through the rules into the output.
    expect(seen).toBeGreaterThan(10);
    expect(refused.size).toBeLessThan(candidates.length * 2);
  }, 60000);
});

/** Cleans the value at each problem's path: strips the evil part of a string, or removes the value. */
function stripRefused(input: Record<string, unknown>, paths: readonly string[]): Record<string, unknown> {
  const EVIL = '${evil}%{evil}';
  for (const p of paths) {
    const keys = [...p.matchAll(/\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g)].map(
      (m) => m[1] ?? m[2] ?? (JSON.parse(m[3]) as string),
    );
    let holder: unknown = input;
    for (const key of keys.slice(0, -1)) holder = (holder as Record<string, unknown>)?.[key];
    const last = keys[keys.length - 1];
    if (holder === undefined || holder === null) continue;
    const record = holder as Record<string, unknown>;
    const value = record[last];
    if (typeof value === 'string' && value.includes(EVIL)) record[last] = value.split(EVIL).join('');
    else if (Array.isArray(holder)) holder.splice(Number(last), 1);
    else delete record[last];
  }
  return input;
}
