import { ApiObject, App, Chart, JsonPatch, Lazy, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-33';
import { apiObjectJson, withFastApiObjectJson } from '../../../constructs/core/api-object-json';
import { BerthApp } from '../../../stacks/berth-app';
import { appsScenario } from '../../../scripts/bench-scenarios';
import { loadPlatform, resolvePlatform } from '../../support/berth-platform';

/** cdk8s's own rendering, whatever stands in for it. */
const libraryJson = ApiObject.prototype.toJson;

/** The same JSON, with the same keys in the same order and the same `undefined` entries. */
function expectSame(fast: unknown, library: unknown): void {
  expect(fast).toStrictEqual(library);
  expect(JSON.stringify(fast)).toBe(JSON.stringify(library));
}

/** Both renderings of `object`: cdk8s's part, and the whole of its class's `toJson` with either. */
function expectRenderedAlike(object: ApiObject): void {
  expectSame(apiObjectJson.call(object), libraryJson.call(object));
  const classJson = Object.getPrototypeOf(object) as { toJson: () => unknown };
  expectSame(
    withFastApiObjectJson(() => classJson.toJson.call(object)),
    classJson.toJson.call(object),
  );
}

function apiObjectsOf(berth: BerthApp): ApiObject[] {
  return [...berth.manifests.values()].flatMap((app) =>
    app.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject),
  );
}

describe('apiObjectJson renders what cdk8s renders', () => {
  test('every object of the demo platform', () => {
    const objects = apiObjectsOf(new BerthApp({ platform: loadPlatform([], {}) }));
    expect(objects.length).toBeGreaterThan(50);
    objects.forEach(expectRenderedAlike);
  });

  test('every object of the bench scenario of 10 apps (every fifth with a database)', () => {
    const scenario = appsScenario(10);
    const berth = new BerthApp({ platform: resolvePlatform(scenario.platform), apps: scenario.apps });
    const objects = apiObjectsOf(berth);
    expect(objects.length).toBeGreaterThan(100);
    objects.forEach(expectRenderedAlike);
  });

  test('quantities, int-or-strings, nulls, undefined, empty and integer-like keys', () => {
    const chart = new Chart(Testing.app(), 'test');
    const object = new k8s.KubeDeployment(chart, 'd', {
      metadata: { name: 'd', labels: { b: 'x', a: 'y' }, annotations: {} },
      spec: {
        selector: { matchLabels: { app: 'd' } },
        strategy: {
          rollingUpdate: {
            maxSurge: k8s.IntOrString.fromString('25%'),
            maxUnavailable: k8s.IntOrString.fromNumber(0),
          },
        },
        template: {
          spec: {
            containers: [
              {
                name: 'c',
                args: [],
                env: [{ name: 'X', value: undefined }],
                resources: {
                  limits: { memory: k8s.Quantity.fromString('1Gi'), cpu: k8s.Quantity.fromNumber(2) },
                },
              },
            ],
            nodeSelector: { '10': 'a', '2': 'b', z: 'c' },
          },
        },
      },
    });
    object.metadata.add('extra', { nested: [null, undefined, 1], empty: {} });
    expectRenderedAlike(object);
  });

  test('leaves to cdk8s what is not plain data, and gets what cdk8s gets', () => {
    const chart = new Chart(Testing.app(), 'test');
    const lazy = new k8s.KubeConfigMap(chart, 'lazy', {
      data: { a: Lazy.any({ produce: () => 'produced' }) as unknown as string },
    });
    const token = new k8s.KubeConfigMap(chart, 'token', {
      data: { a: { resolve: () => 'resolved' } as unknown as string },
    });
    for (const object of [lazy, token]) expectRenderedAlike(object);
    expect(apiObjectJson.call(lazy).data).toEqual({ a: 'produced' });
    expect(apiObjectJson.call(token).data).toEqual({ a: 'resolved' });
  });

  test('applies JSON patches as cdk8s does: after sorting, in order, on a copy of the rendering', () => {
    const chart = new Chart(Testing.app(), 'test');
    const patched = new k8s.KubeConfigMap(chart, 'patched', { data: { b: 'x' } });
    patched.addJsonPatch(
      JsonPatch.add('/data/a', 'y'),
      JsonPatch.replace('/data/b', 'z'),
      JsonPatch.add('/immutable', true),
      JsonPatch.remove('/metadata/name'),
    );
    expectRenderedAlike(patched);
    const json = apiObjectJson.call(patched);
    expect(json.data).toEqual({ b: 'z', a: 'y' });
    expect(Object.keys(json.data as object)).toEqual(['b', 'a']);
    expect(json.immutable).toBe(true);
    // The props stay as given: a second rendering patches afresh.
    expect(apiObjectJson.call(patched)).toStrictEqual(json);
  });

  test('a JSON patch that cannot apply fails as it fails in cdk8s', () => {
    const object = new k8s.KubeConfigMap(new Chart(Testing.app(), 'test'), 'm', { data: { a: 'x' } });
    object.addJsonPatch(JsonPatch.replace('/nothing/here', 'y'));
    expect(() => libraryJson.call(object)).toThrow(/Failed serializing/);
    expect(() => apiObjectJson.call(object)).toThrow(/Failed serializing/);
  });

  test('an App with resolvers of its own resolves through them', () => {
    const app = new App({ resolvers: [{ resolve: (c) => c.value === 'x' && c.replaceValue('replaced') }] });
    const object = new k8s.KubeConfigMap(new Chart(app, 'test'), 'm', { data: { a: 'x' } });
    expectRenderedAlike(object);
    expect(apiObjectJson.call(object).data).toEqual({ a: 'replaced' });
  });

  test('CDK8S_DISABLE_SORT keeps the keys in their order', () => {
    const object = new k8s.KubeConfigMap(new Chart(Testing.app(), 'test'), 'm', { data: { b: '1', a: '2' } });
    process.env.CDK8S_DISABLE_SORT = '1';
    try {
      expectRenderedAlike(object);
      expect(Object.keys(apiObjectJson.call(object).data as object)).toEqual(['b', 'a']);
    } finally {
      delete process.env.CDK8S_DISABLE_SORT;
    }
  });

  test("errors are cdk8s's errors", () => {
    class Box {
      public readonly x = 1;
    }
    const chart = new Chart(Testing.app(), 'test');
    const object = new k8s.KubeConfigMap(chart, 'm', { data: { a: new Box() as unknown as string } });
    expect(() => libraryJson.call(object)).toThrow(/non-simple object of type 'Box'/);
    expect(() => apiObjectJson.call(object)).toThrow(/non-simple object of type 'Box'/);
  });

  test('withFastApiObjectJson puts back cdk8s rendering, also after an error', () => {
    expect(() =>
      withFastApiObjectJson(() => {
        expect(ApiObject.prototype.toJson).toBe(apiObjectJson);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(ApiObject.prototype.toJson).toBe(libraryJson);
  });
});
