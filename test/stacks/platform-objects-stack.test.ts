import * as os from 'os';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { RegistryStage, StateBackendKind } from '../../config';
import { resolvePlatform } from '../support/berth-platform';
import { objectKey } from '../../constructs/addons';
import { BerthApp } from '../../stacks/berth-app';
import { PlatformObjectsStack, hasPlatformObjects } from '../../stacks/platform-objects-stack';
import { PlatformStack } from '../../stacks/platform-stack';
import { ENDPOINTS } from '../support/cluster-endpoints';
import { schemaErrors } from '../support/kubernetes-schema';

type Json = Record<string, Record<string, Record<string, Record<string, unknown>>>>;

/**
 * The platform stack and its objects stack for one cluster. `withNetworkPolicies`: the platform
 * namespaces' policies are applied too (as the app does), for the tests about them.
 */
function stacks(addons: object = {}, withNetworkPolicies = false) {
  const platform = resolvePlatform({ clusters: [{ name: 'main', addons }] });
  const app = Testing.app() as App;
  const state = { kind: StateBackendKind.LOCAL } as const;
  const platformStack = new PlatformStack(app, 'main-platform', {
    platformName: platform.name,
    cluster: platform.clusters[0],
    endpoints: ENDPOINTS,
    state,
    environments: (withNetworkPolicies ? ['dev'] : ['dev', 'test', 'prod']).map((name) => ({
      name,
      registryStage: name === 'prod' ? RegistryStage.PROD : RegistryStage.DEV,
    })),
  });
  const objects = new PlatformObjectsStack(app, 'main-platform-objects', {
    state,
    endpoints: ENDPOINTS,
    addons: platformStack.addons,
    networkPolicies: withNetworkPolicies ? platformStack.networkPolicies.policies : undefined,
  });
  return { platformStack, objects, json: JSON.parse(Testing.synth(objects)) as Json };
}

function withPolicies(addons: object = {}) {
  return stacks(addons, true);
}

describe('PlatformObjectsStack', () => {
  test("applies every add-on's own objects, one kubernetes_manifest each, and nothing through Helm", () => {
    const { platformStack, json } = stacks();
    const expected = [...platformStack.addons.values()].flatMap((a) => a.objects);
    const manifests = Object.values(json.resource.kubernetes_manifest).map(
      (m) => m.manifest as unknown as Parameters<typeof objectKey>[0],
    );
    expect(manifests.map(objectKey).sort()).toEqual(expected.map(objectKey).sort());
    expect(Object.keys(json.resource)).toEqual(['kubernetes_manifest']);
    expect(Object.keys(json.provider)).toEqual(['kubernetes']);
    expect(json.provider.kubernetes[0 as unknown as string]).toEqual(
      expect.objectContaining({ host: ENDPOINTS.apiServerUrl, client_key: ENDPOINTS.adminClientKeyPem }),
    );
    expect(Object.keys(json.resource.kubernetes_manifest)).toEqual(
      expect.arrayContaining([
        'gateway_gateway_gateway_apps',
        'cert-manager_clusterissuer_berth',
        'registry_deployment_registry_registry',
        'monitoring_httproute_monitoring_grafana',
        'console_httproute_console_headlamp',
      ]),
    );
  });

  test("applies the platform namespaces' NetworkPolicies, each a kubernetes_manifest", () => {
    const { platformStack, json } = withPolicies();
    const policies = platformStack.networkPolicies.policies;
    expect(policies.length).toBeGreaterThan(5);
    const applied = Object.entries(json.resource.kubernetes_manifest).filter(([id]) =>
      id.startsWith('network-policies_networkpolicy_'),
    );
    expect(applied.map(([, m]) => objectKey(m.manifest as never)).sort()).toEqual(
      policies.map(objectKey).sort(),
    );
    expect(hasPlatformObjects(new Map(), policies)).toBe(true);
  });

  test('core objects are valid against the Kubernetes API schema', () => {
    const { platformStack } = stacks();
    const core = [...platformStack.addons.values()]
      .flatMap((a) => a.objects)
      .filter((o) => !o.apiVersion.includes('.') || o.apiVersion.startsWith('rbac.authorization.k8s.io'));
    expect(core.length).toBeGreaterThan(5);
    for (const object of core)
      expect([objectKey(object), schemaErrors(object as unknown as Record<string, unknown>)]).toEqual([
        objectKey(object),
        [],
      ]);
  });

  test('the objects stack is needed when an add-on has objects or there are NetworkPolicies', () => {
    const off = { enabled: false };
    const { platformStack } = stacks({});
    expect(hasPlatformObjects(platformStack.addons)).toBe(true);
    const bare = stacks({
      gateway: off,
      certManager: off,
      registry: off,
      monitoring: off,
      console: off,
      cloudProvider: off,
      storageClass: 'local-path',
    });
    expect(hasPlatformObjects(bare.platformStack.addons)).toBe(false);
    expect(hasPlatformObjects(bare.platformStack.addons, [])).toBe(false);
    expect(hasPlatformObjects(bare.platformStack.addons, bare.platformStack.networkPolicies.policies)).toBe(
      true,
    );
  });

  test('in the full app it is deployed after the platform stack and before the environments', () => {
    const app = new BerthApp({
      platform: resolvePlatform({}),
      outdir: path.join(os.tmpdir(), 'berth-objects-unsynthesized'),
    });
    const objects = app.platformObjectStacks.get('main')!;
    expect(objects.node.id).toBe('main-platform-objects');
    expect(objects.dependencies).toContain(app.platformStacks.get('main'));
    expect(app.environmentStacks.get('main')!.dependencies).toContain(objects);
  });
});
