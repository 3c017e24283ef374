import { App, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { resolvePlatform } from '../../support/berth-platform';
import { KubernetesManifest, withManifestsAside } from '../../../constructs/core/kubernetes-manifest';
import { ReplaceTrigger } from '../../../constructs/core/replace-trigger';
import { BerthStack } from '../../../stacks/berth-stack';

type Json = Record<string, unknown>;

const OBJECT = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'scripts', namespace: 'dev', labels: { 'app.kubernetes.io/name': 'x' } },
  data: { 'run.sh': 'echo $${HOME} %%{x}\nexit 0', empty: '', list: '[1, 2]' },
};

/** The manifests every stack of these tests holds, built the same way in each. */
function populate(stack: TerraformStack): void {
  const provider = new KubernetesProvider(stack, 'kubernetes', {});
  const trigger = new ReplaceTrigger(stack, 'trigger', { sha256: 'abc' });
  const plain = new KubernetesManifest(stack, 'plain', { provider, manifest: OBJECT });
  const rollout = new KubernetesManifest(stack, 'rollout', {
    provider,
    manifest: { ...OBJECT, kind: 'Deployment', spec: { replicas: 2, paused: false, list: [] } },
    wait: { rollout: true },
    timeout: '10m',
  });
  rollout.dependsOn = [`kubernetes_manifest.${plain.friendlyUniqueId}`];
  new KubernetesManifest(stack, 'job', {
    provider,
    manifest: { ...OBJECT, kind: 'Job' },
    wait: { condition: [{ type: 'Complete', status: 'True' }] },
    // A token (the trigger's address): this one is resolved by cdktf, the others are not.
    lifecycle: { replaceTriggeredBy: [trigger] },
  });
  new KubernetesManifest(stack, 'replaced', {
    provider,
    manifest: OBJECT,
    lifecycle: { replaceTriggeredBy: ['terraform_data.trigger'] },
  });
  new KubernetesManifest(stack, 'kept', {
    provider,
    manifest: OBJECT,
    lifecycle: { createBeforeDestroy: true, ignoreChanges: ['manifest'] },
  });
  new KubernetesManifest(stack, 'bare', { provider, manifest: OBJECT, lifecycle: {} }).dependsOn = [];
  const overridden = new KubernetesManifest(stack, 'overridden', { provider, manifest: OBJECT });
  overridden.addOverride('field_manager.force_conflicts', true);
}

class ManifestsAsideStack extends TerraformStack {
  public prepareStack(): void {
    withManifestsAside(this, false, () => super.prepareStack());
  }
  public toTerraform(): ReturnType<TerraformStack['toTerraform']> {
    return withManifestsAside(this, true, () => super.toTerraform());
  }
}

function synth(stack: TerraformStack): Json {
  return JSON.parse(Testing.synth(stack)) as Json;
}

describe('KubernetesManifest', () => {
  test('a stack setting manifests aside writes exactly what cdktf writes', () => {
    const usual = new TerraformStack(Testing.app() as App, 'envs');
    populate(usual);
    const aside = new ManifestsAsideStack(Testing.app() as App, 'envs');
    populate(aside);
    const written = synth(aside);
    expect(Testing.synth(aside)).toBe(Testing.synth(usual));
    const resources = (written.resource as Record<string, Record<string, Json>>).kubernetes_manifest;
    expect(Object.keys(resources).sort()).toEqual([
      'bare',
      'job',
      'kept',
      'overridden',
      'plain',
      'replaced',
      'rollout',
    ]);
    expect(resources.replaced.lifecycle).toEqual({ replace_triggered_by: ['terraform_data.trigger'] });
    expect(resources.kept.lifecycle).toEqual({ create_before_destroy: true, ignore_changes: ['manifest'] });
    expect(resources.rollout).toMatchObject({
      manifest: { kind: 'Deployment', spec: { replicas: 2, paused: false, list: [] } },
      wait: { rollout: true },
      timeouts: { create: '10m', update: '10m', delete: '10m' },
      depends_on: ['kubernetes_manifest.plain'],
      provider: 'kubernetes',
    });
    // Resolved by cdktf as cdktf does (WorkloadManifests gives plain addresses for that reason).
    expect(resources.job.lifecycle).toEqual({ replace_triggered_by: ['${terraform_data.trigger}'] });
    expect(resources.overridden.field_manager).toEqual({ force_conflicts: true });
  });

  test('writes what the generated binding writes for the same object', () => {
    const binding = new TerraformStack(Testing.app() as App, 'envs');
    const ours = new TerraformStack(Testing.app() as App, 'envs');
    for (const [stack, make] of [
      [
        binding,
        (s: Construct, p: KubernetesProvider) =>
          new Manifest(s, 'm', {
            provider: p,
            manifest: OBJECT,
            wait: { rollout: true },
            timeouts: { create: '5m', update: '5m', delete: '5m' },
          }),
      ],
      [
        ours,
        (s: Construct, p: KubernetesProvider) =>
          new KubernetesManifest(s, 'm', {
            provider: p,
            manifest: OBJECT,
            wait: { rollout: true },
            timeout: '5m',
          }),
      ],
    ] as const) {
      make(stack, new KubernetesProvider(stack, 'kubernetes', {}));
    }
    expect(Testing.synth(ours)).toBe(Testing.synth(binding));
  });

  test('Berth stacks set manifests aside', () => {
    const state = resolvePlatform({}).state;
    class Stack extends BerthStack {
      constructor(scope: Construct) {
        super(scope, 'envs', { state });
        populate(this);
      }
    }
    const stack = new Stack(Testing.app() as App);
    let resolvedAside = 0;
    for (const manifest of stack.node.findAll()) {
      if (manifest instanceof KubernetesManifest) {
        const original = manifest.entryWithoutObject.bind(manifest);
        manifest.entryWithoutObject = (preparing: boolean) => {
          resolvedAside++;
          return original(preparing);
        };
      }
    }
    const written = synth(stack) as { resource: Record<string, Record<string, Json>> };
    expect(resolvedAside).toBeGreaterThan(0);
    expect(written.resource.kubernetes_manifest.plain.manifest).toEqual(OBJECT);
  });

  test('rejects an object holding a cdktf token, naming it', () => {
    const stack = new TerraformStack(Testing.app() as App, 'envs');
    const provider = new KubernetesProvider(stack, 'kubernetes', {});
    const trigger = new ReplaceTrigger(stack, 'trigger', { sha256: 'abc' });
    expect(
      () => new KubernetesManifest(stack, 'bad', { provider, manifest: { data: { id: trigger.fqn } } }),
    ).toThrow(/envs\/bad: the object holds a cdktf token/);
    expect(
      () =>
        new KubernetesManifest(stack, 'number', {
          provider,
          manifest: {
            spec: { replicas: trigger.getNumberAttribute('id') },
          },
        }),
    ).toThrow(/cdktf token/);
  });
});
