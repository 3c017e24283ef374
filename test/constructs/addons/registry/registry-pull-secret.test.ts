import { App, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { Password } from '@cdktf/provider-random/lib/password';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { RegistryPullSecret, dockerConfigJson } from '../../../../constructs/addons';

describe('RegistryPullSecret', () => {
  test('writes a dockerconfigjson Secret named for imagePullSecrets, built by Terraform at deploy time', () => {
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        const password = new Password(scope, 'password', { length: 32, special: false });
        new RegistryPullSecret(scope, 'pull', {
          namespace: 'dev',
          credentials: { host: 'registry.apps.example.com', username: 'pull', password: password.result },
        });
      }),
    );
    const secret = Object.values(json.resource.kubernetes_secret_v1)[0] as {
      type: string;
      metadata: { name: string; namespace: string };
      data: Record<string, string>;
    };
    expect(secret.type).toBe('kubernetes.io/dockerconfigjson');
    expect(secret.metadata).toEqual(expect.objectContaining({ name: 'registry-pull', namespace: 'dev' }));
    const config = secret.data['.dockerconfigjson'];
    expect(config.startsWith('${jsonencode(')).toBe(true);
    expect(config).toContain('"password" = random_password.password.result');
    expect(config).toContain('base64encode(join(":", ["pull", random_password.password.result]))');
  });

  test('credentials from another stack cross over as remote state, never as values', () => {
    const app = Testing.app() as App;
    const platform = new TerraformStack(app, 'main-platform');
    new RandomProvider(platform, 'random');
    const password = new Password(platform, 'password', { length: 32, special: false });
    const environments = new TerraformStack(app, 'main-dev');
    new KubernetesProvider(environments, 'kubernetes', {});
    new RegistryPullSecret(environments, 'pull', {
      namespace: 'dev',
      credentials: { host: 'registry.apps.example.com', username: 'pull', password: password.result },
    });
    // What `cdktf synth` does first: resolving references adds the cross-stack outputs and remote state.
    environments.prepareStack();
    const env = JSON.parse(Testing.synth(environments));
    expect(Object.keys(env.data.terraform_remote_state)).toHaveLength(1);
    const config = (Object.values(env.resource.kubernetes_secret_v1)[0] as { data: Record<string, string> })
      .data['.dockerconfigjson'];
    expect(config).toMatch(/data\.terraform_remote_state\.[^.]+\.outputs\./);
    const outputs = JSON.parse(Testing.synth(platform)).output;
    expect(Object.values(outputs)).toEqual([expect.objectContaining({ sensitive: true })]);
  });

  test('dockerConfigJson keys the auth by registry host', () => {
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        new TerraformOutput(scope, 'config', {
          value: dockerConfigJson({ host: 'r.example.com', username: 'u', password: 'p' }),
        });
      }),
    );
    expect(json.output.config.value).toBe(
      '${jsonencode({"auths" = {"r.example.com" = {"username" = "u", "password" = "p", "auth" = base64encode(join(":", ["u", "p"]))}}})}',
    );
  });
});
