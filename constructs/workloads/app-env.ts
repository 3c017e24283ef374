import { k8s } from 'cdk8s-plus-33';

/** An environment variable name. */
export const ENV_VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Names that betray a secret: such a variable must come from a Secret, never a literal. */
export const SECRET_LIKE_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE_?KEY|API_?KEY|CREDENTIAL/i;

/** A Kubernetes object name (DNS-1123 subdomain). */
const OBJECT_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
/** A ConfigMap/Secret data key. */
const DATA_KEY = /^[-._a-zA-Z0-9]{1,253}$/;

/**
 * A Secret that exists in the environment's namespace, referenced by name only: its value is created at
 * deploy time (by the environments stack, or by an operator with `kubectl create secret`) and never
 * appears in synthesized files.
 */
export class SecretRef {
  public static named(name: string): SecretRef {
    return new SecretRef(name);
  }

  private constructor(public readonly name: string) {}

  /** One key of the Secret, for an environment variable or a file. */
  public key(key: string): SecretKeyRef {
    return new SecretKeyRef(this.name, key);
  }

  public problems(): string[] {
    return OBJECT_NAME.test(this.name) ? [] : [`Secret name "${this.name}" must be a DNS-1123 subdomain`];
  }
}

/** One key of a Secret. */
export class SecretKeyRef {
  constructor(
    public readonly secretName: string,
    public readonly key: string,
  ) {}

  public problems(): string[] {
    return [
      ...SecretRef.named(this.secretName).problems(),
      ...(DATA_KEY.test(this.key)
        ? []
        : [`Secret key "${this.key}" must be letters, digits, "-", "_" and "."`]),
    ];
  }
}

/** A ConfigMap that exists in the namespace, referenced by name. */
export class ConfigMapRef {
  public static named(name: string): ConfigMapRef {
    return new ConfigMapRef(name);
  }

  private constructor(public readonly name: string) {}

  public key(key: string): ConfigMapKeyRef {
    return new ConfigMapKeyRef(this.name, key);
  }

  public problems(): string[] {
    return OBJECT_NAME.test(this.name) ? [] : [`ConfigMap name "${this.name}" must be a DNS-1123 subdomain`];
  }
}

/** One key of a ConfigMap. */
export class ConfigMapKeyRef {
  constructor(
    public readonly configMapName: string,
    public readonly key: string,
  ) {}

  public problems(): string[] {
    return [
      ...ConfigMapRef.named(this.configMapName).problems(),
      ...(DATA_KEY.test(this.key)
        ? []
        : [`ConfigMap key "${this.key}" must be letters, digits, "-", "_" and "."`]),
    ];
  }
}

/** The value of an environment variable: plain text, or a reference to a Secret or ConfigMap key. */
export type EnvValue = string | SecretKeyRef | ConfigMapKeyRef;

/** Problems with a set of environment variables, keyed by variable name (empty when valid). */
export function envProblems(
  env: Readonly<Record<string, EnvValue>>,
): { readonly name: string; readonly message: string }[] {
  const problems: { name: string; message: string }[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (!ENV_VAR_NAME.test(name)) {
      problems.push({
        name,
        message: 'must be an environment variable name: letters, digits and "_", not starting with a digit',
      });
    } else if (typeof value === 'string' && SECRET_LIKE_NAME.test(name)) {
      problems.push({
        name,
        message:
          'looks like a secret but is plain text; use SecretRef.named(...).key(...) so the value stays out of Git and YAML',
      });
    }
    if (typeof value !== 'string') {
      for (const message of value.problems()) problems.push({ name, message });
    }
  }
  return problems;
}

/** Environment variables as Kubernetes writes them, in the given order. */
export function toKubeEnv(env: Readonly<Record<string, EnvValue>>): k8s.EnvVar[] {
  return Object.entries(env).map(([name, value]) => {
    if (typeof value === 'string') return { name, value };
    if (value instanceof SecretKeyRef) {
      return { name, valueFrom: { secretKeyRef: { name: value.secretName, key: value.key } } };
    }
    return { name, valueFrom: { configMapKeyRef: { name: value.configMapName, key: value.key } } };
  });
}
