import { App, TerraformStack, Testing } from 'cdktf';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { JobV1, JobV1Spec } from '@cdktf/provider-kubernetes/lib/job-v1';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { KubernetesJob, KubernetesJobSpec } from '../../../constructs/core/kubernetes-job';

type Json = Record<string, unknown>;

const LABELS = { 'app.kubernetes.io/name': 'upgrade', 'berth.dev/Mixed_Case': 'true' };
const ANNOTATIONS = { 'berth.dev/reason': 'a $${literal} and %%{this}' };

/** A stack with a provider and a Secret to depend on, and a Job made by `make`. */
function stackWith(
  make: (stack: TerraformStack, provider: KubernetesProvider, secret: SecretV1) => void,
): TerraformStack {
  const stack = new TerraformStack(Testing.app() as App, 'platform');
  const provider = new KubernetesProvider(stack, 'kubernetes', {});
  const secret = new SecretV1(stack, 'script', { metadata: { name: 'script', namespace: 'kube-system' } });
  make(stack, provider, secret);
  return stack;
}

function resources(stack: TerraformStack): Record<string, Json> {
  return (JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, Json>> }).resource
    .kubernetes_job_v1;
}

/** A Job setting every block and attribute KubernetesJob types, in the provider's names. */
const SPEC: KubernetesJobSpec = {
  backoff_limit: 1,
  template: {
    metadata: { labels: LABELS, annotations: ANNOTATIONS },
    spec: {
      node_name: 'node-1',
      restart_policy: 'OnFailure',
      service_account_name: 'upgrade',
      host_pid: true,
      host_network: false,
      dns_policy: 'ClusterFirstWithHostNet',
      toleration: [{ operator: 'Exists' }, { key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' }],
      container: [
        {
          name: 'migrate',
          image: 'registry.example/tools:2',
          command: ['/bin/sh', '-c', 'echo "$HOME" $${x}'],
          args: ['--a', ''],
          security_context: { privileged: false },
          volume_mount: [
            { name: 'logs', mount_path: '/var/log/node' },
            { name: 'config', mount_path: '/etc/tools', read_only: false },
          ],
        },
        { name: 'sidecar', image: 'registry.example/sidecar:3' },
      ],
      volume: [
        { name: 'logs', host_path: { path: '/var/log', type: 'DirectoryOrCreate' } },
        { name: 'config', secret: { secret_name: 'tools', default_mode: '0440' } },
      ],
    },
  },
};

/**
 * The same blocks as the generated binding takes them: attribute names in camelCase (the binding writes
 * them back in snake_case), the keys of labels and annotations as they are.
 */
function bindingConfig(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => bindingConfig(item));
  if (value === null || typeof value !== 'object' || key === 'labels' || key === 'annotations') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
      bindingConfig(v, k),
    ]),
  );
}

describe('KubernetesJob', () => {
  test('writes what the generated binding writes for every block it types', () => {
    const metadata = {
      name: 'upgrade-1-35-node',
      namespace: 'kube-system',
      labels: LABELS,
      annotations: ANNOTATIONS,
    };
    const binding = stackWith(
      (stack, provider, secret) =>
        new JobV1(stack, 'job', {
          provider,
          dependsOn: [secret],
          metadata,
          spec: bindingConfig(SPEC) as JobV1Spec,
          waitForCompletion: false,
          timeouts: { create: '45m', update: '45m' },
        }),
    );
    const ours = stackWith(
      (stack, provider, secret) =>
        new KubernetesJob(stack, 'job', {
          provider,
          dependsOn: [secret],
          metadata,
          spec: SPEC,
          waitForCompletion: false,
          timeout: '45m',
        }),
    );
    expect(Testing.synth(ours)).toBe(Testing.synth(binding));
    expect(resources(ours).job).toMatchObject({
      depends_on: ['kubernetes_secret_v1.script'],
      provider: 'kubernetes',
      wait_for_completion: false,
      timeouts: { create: '45m', update: '45m' },
      metadata: { labels: LABELS },
      spec: {
        template: {
          spec: {
            host_pid: true,
            container: [{ security_context: { privileged: false } }, { name: 'sidecar' }],
          },
        },
      },
    });
  });

  test('leaves out what it is not given, as the binding does', () => {
    const spec = {
      template: {
        metadata: {},
        spec: { restart_policy: 'Never' as const, container: [{ name: 'c', image: 'i' }] },
      },
    };
    const binding = stackWith(
      (stack) =>
        new JobV1(stack, 'job', {
          metadata: { name: 'j' },
          spec: {
            template: {
              metadata: {},
              spec: { restartPolicy: 'Never', container: [{ name: 'c', image: 'i' }] },
            },
          },
        }),
    );
    const ours = stackWith((stack) => new KubernetesJob(stack, 'job', { metadata: { name: 'j' }, spec }));
    expect(Testing.synth(ours)).toBe(Testing.synth(binding));
    expect(Object.keys(resources(ours).job).sort()).toEqual(['metadata', 'spec']);
  });

  test('takes overrides, with tokens, as any resource does', () => {
    const stack = stackWith((s, _provider, secret) => {
      const job = new KubernetesJob(s, 'job', {
        metadata: { name: 'j' },
        spec: {
          template: {
            metadata: {},
            spec: { restart_policy: 'Never', container: [{ name: 'c', image: 'i' }] },
          },
        },
      });
      job.addOverride('lifecycle.precondition', [
        { condition: `${secret.id} != ""`, error_message: 'no secret' },
      ]);
    });
    expect(resources(stack).job.lifecycle).toEqual({
      precondition: [{ condition: '${kubernetes_secret_v1.script.id} != ""', error_message: 'no secret' }],
    });
  });
});
