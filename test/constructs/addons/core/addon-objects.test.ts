import { App, TerraformStack, Testing } from 'cdktf';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Password } from '@cdktf/provider-random/lib/password';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { AddonObjects, KubernetesObject, addonObjectId } from '../../../../constructs/addons';

type Manifests = Record<
  string,
  { manifest: Record<string, unknown>; depends_on?: string[]; wait?: unknown; timeouts: unknown }
>;

function synth(objects: readonly KubernetesObject[], extra?: (stack: TerraformStack) => KubernetesObject[]) {
  const app = Testing.app() as App;
  const stack = new TerraformStack(app, 'objects');
  new KubernetesProvider(stack, 'kubernetes', {});
  const all = [...objects, ...(extra ? extra(stack) : [])];
  new AddonObjects(stack, 'registry', { objects: all });
  return (JSON.parse(Testing.synth(stack)) as { resource: { kubernetes_manifest: Manifests } }).resource
    .kubernetes_manifest;
}

const configMap = (name: string, data: Record<string, string> = {}): KubernetesObject & { data: object } => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'registry' },
  data,
});
const deployment: KubernetesObject & { spec: object } = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'registry', namespace: 'registry' },
  spec: { replicas: 1 },
};

describe('AddonObjects', () => {
  test('one kubernetes_manifest per object, named <add-on id>_<kind>_<name>, applied in the order given', () => {
    const manifests = synth([configMap('registry-config'), deployment]);
    expect(Object.keys(manifests)).toEqual([
      'registry_configmap_registry_registry-config',
      'registry_deployment_registry_registry',
    ]);
    expect(manifests['registry_configmap_registry_registry-config'].depends_on).toBeUndefined();
    expect(manifests.registry_deployment_registry_registry.depends_on).toEqual([
      'kubernetes_manifest.registry_configmap_registry_registry-config',
    ]);
    expect(manifests.registry_deployment_registry_registry.manifest).toEqual(deployment);
  });

  test('waits for Deployments to roll out, not for other kinds', () => {
    const manifests = synth([configMap('registry-config'), deployment]);
    expect(manifests.registry_deployment_registry_registry.wait).toEqual({ rollout: true });
    expect(manifests['registry_configmap_registry_registry-config'].wait).toBeUndefined();
    expect(manifests.registry_deployment_registry_registry.timeouts).toEqual({
      create: '10m',
      update: '10m',
      delete: '10m',
    });
  });

  test("escapes Terraform's ${ and %{ in literal strings and keys, keeps Terraform references", () => {
    const manifests = synth(
      [configMap('script', { 'run.sh': 'echo ${HOME} %{x}', '${key}': 'v' })],
      (stack) => {
        new RandomProvider(stack, 'random');
        const password = new Password(stack, 'password', { length: 8 });
        return [
          configMap('generated', {
            password: password.result,
            mixed: `echo \${HOME} ${password.result}`,
          }),
        ];
      },
    );
    expect(manifests.registry_configmap_registry_script.manifest.data).toEqual({
      'run.sh': 'echo $${HOME} %%{x}',
      '$${key}': 'v',
    });
    expect(manifests.registry_configmap_registry_generated.manifest.data).toEqual({
      password: '${random_password.password.result}',
      mixed: 'echo $${HOME} ${random_password.password.result}',
    });
  });

  test('two objects of one kind and name are an error', () => {
    expect(() => synth([configMap('same'), configMap('same')])).toThrow(
      'registry: two objects are named ConfigMap/registry/same',
    );
  });

  test('addonObjectId is valid in Terraform and tells namespaces apart', () => {
    expect(addonObjectId('p', configMap('x'))).toBe('p_configmap_registry_x');
    expect(
      addonObjectId('cert-manager', { apiVersion: 'v1', kind: 'ClusterIssuer', metadata: { name: 'a.b' } }),
    ).toBe('cert-manager_clusterissuer_a_b');
  });
});
