import { Testing } from 'cdktf';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import * as YAML from 'yaml';
import {
  CertManager,
  CertManagerChartValues,
  ClusterIssuer,
  certificate,
} from '../../../../constructs/addons';
import { at, environmentChart, find, objectsOf } from '../../../support/environments';

function build(acme?: { email: string; server: string }) {
  let certManager: CertManager | undefined;
  const json = JSON.parse(
    Testing.synthScope((scope) => {
      certManager = new CertManager(scope, 'cert-manager', {
        platformCaCertificatePem: 'ca-pem',
        platformCaPrivateKeyPem: 'ca-key',
        acme,
      });
    }),
  );
  const releases = Object.values(json.resource.helm_release) as {
    name: string;
    values: string[];
    depends_on: string[];
  }[];
  const values = YAML.parse(
    releases.find((r) => r.name === 'cert-manager')!.values[0],
  ) as CertManagerChartValues;
  const issuers = JSON.parse(JSON.stringify(certManager!.objects)) as ClusterIssuer[];
  return { certManager: certManager!, json, releases, values, issuers };
}

describe('CertManager', () => {
  test('installs and keeps its CRDs, with resources on every component', () => {
    const { values } = build();
    expect(values.crds).toEqual({ enabled: true, keep: true });
    for (const r of [values.resources, values.webhook.resources, values.cainjector.resources]) {
      expect(r.limits.memory).toMatch(/Mi$/);
    }
    expect(values.config.enableGatewayAPI).toBe(false);
  });

  test('keeps certificate issuing out of the team roles: no aggregation into admin, edit or view', () => {
    // The chart aggregates its Certificate/CertificateRequest/Issuer rights into `edit` unless told not
    // to; a team with `edit` could then have the platform CA sign any name.
    const { values } = build();
    expect(values.global.rbac.aggregateClusterRoles).toBe(false);
  });

  test('by default both issuers sign with the platform CA from the cluster stack', () => {
    const { issuers, json } = build();
    expect(issuers.map((i) => [i.metadata.name, i.spec])).toEqual([
      ['berth-ca', { ca: { secretName: 'berth-ca' } }],
      ['berth', { ca: { secretName: 'berth-ca' } }],
    ]);
    const secret = Object.values(json.resource.kubernetes_secret_v1)[0] as {
      type: string;
      data: Record<string, string>;
    };
    expect(secret.type).toBe('kubernetes.io/tls');
    expect(secret.data).toEqual({ 'tls.crt': 'ca-pem', 'tls.key': 'ca-key' });
  });

  test('ACME, when configured, answers HTTP-01 through the shared Gateway', () => {
    const { issuers, values } = build({ email: 'ops@example.com', server: 'https://acme.example.com/dir' });
    expect(values.config.enableGatewayAPI).toBe(true);
    const berth = issuers.find((i) => i.metadata.name === 'berth')!;
    expect(berth.spec).toEqual({
      acme: expect.objectContaining({
        email: 'ops@example.com',
        server: 'https://acme.example.com/dir',
        solvers: [
          {
            http01: {
              gatewayHTTPRoute: {
                parentRefs: [{ name: 'apps', namespace: 'gateway', kind: 'Gateway', sectionName: 'http' }],
                podTemplate: { metadata: { labels: { 'berth.dev/gateway': 'true' } } },
              },
            },
          },
        ],
      }),
    });
    expect(issuers.find((i) => i.metadata.name === 'berth-ca')!.spec).toEqual({
      ca: { secretName: 'berth-ca' },
    });
  });

  test("HTTP-01 solver pods are admitted by every environment's allow-gateway policy", () => {
    const { issuers } = build({ email: 'ops@example.com', server: 'https://acme.example.com/dir' });
    const spec = issuers.find((i) => i.metadata.name === 'berth')!.spec;
    if (!('acme' in spec)) throw new Error('expected an ACME issuer');
    const solverLabels = spec.acme.solvers[0].http01.gatewayHTTPRoute.podTemplate.metadata.labels;
    for (const env of ['dev', 'test', 'prod'] as const) {
      const policy = find(objectsOf(environmentChart([], env)), 'NetworkPolicy', 'allow-gateway');
      const selector = at(policy, 'spec', 'podSelector', 'matchLabels') as Record<string, string>;
      expect(Object.keys(selector).length).toBeGreaterThan(0);
      expect(solverLabels).toMatchObject(selector);
    }
  });

  test('the issuers are objects of their own; what waits for cert-manager waits for its CA secret too', () => {
    const { certManager, releases } = build();
    expect(releases.map((r) => r.name)).toEqual(['cert-manager']);
    expect(certManager.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ClusterIssuer/berth-ca',
      'ClusterIssuer/berth',
    ]);
    expect(certManager.ready).toEqual([certManager.helm.release, expect.any(SecretV1)]);
  });

  test('certificate() renews a 90-day ECDSA certificate 15 days early', () => {
    const c = certificate({
      name: 'x',
      namespace: 'y',
      secretName: 'x-tls',
      dnsNames: ['x.example.com'],
      issuer: 'berth',
    });
    expect(c.spec).toEqual(
      expect.objectContaining({
        duration: '2160h',
        renewBefore: '360h',
        privateKey: expect.objectContaining({ algorithm: 'ECDSA' }),
      }),
    );
  });
});
