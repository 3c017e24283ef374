import { Construct } from 'constructs';

/** Placeholder for a generated password inside a derived value: `{{password}}`. */
const PLACEHOLDER = /\{\{([-._a-zA-Z0-9]+)\}\}/g;

export interface GeneratedSecretProps {
  /** Secret name in the namespace. */
  readonly name: string;
  readonly namespace: string;
  /** Keys that each hold a fresh random password (letters and digits, URL-safe). */
  readonly passwordKeys: readonly string[];
  /**
   * Keys whose values are built from the passwords, e.g. `url: "mysql://app:{{password}}@db:3306/app"`.
   * @default none
   */
  readonly derivedKeys?: Readonly<Record<string, string>>;
  /**
   * Labels of the Secret.
   * @default none
   */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * A Secret whose values are generated at deploy time, never at synth time: this construct writes nothing
 * to the environment's YAML. It records what to generate; the environments stack turns each one into
 * `random_password` resources and a `kubernetes_secret_v1`, so values live only in Terraform state and
 * the cluster.
 */
export class GeneratedSecret extends Construct {
  /** Every generated secret under `scope`, in construct order. */
  public static within(scope: Construct): GeneratedSecret[] {
    return scope.node.findAll().filter((c): c is GeneratedSecret => c instanceof GeneratedSecret);
  }

  public readonly secretName: string;
  public readonly namespace: string;
  public readonly passwordKeys: readonly string[];
  public readonly derivedKeys: Readonly<Record<string, string>>;
  public readonly labels: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: GeneratedSecretProps) {
    super(scope, id);
    this.secretName = props.name;
    this.namespace = props.namespace;
    this.passwordKeys = [...props.passwordKeys];
    this.derivedKeys = { ...(props.derivedKeys ?? {}) };
    this.labels = { ...(props.labels ?? {}) };
    for (const [key, template] of Object.entries(this.derivedKeys)) {
      for (const used of GeneratedSecret.placeholders(template)) {
        if (!this.passwordKeys.includes(used)) {
          throw new Error(
            `derived key ${key} of Secret ${props.name} uses {{${used}}}, which is not a password key`,
          );
        }
      }
    }
  }

  /** Fills a derived value's placeholders with `values[key]` (Terraform references at deploy time). */
  public static render(template: string, values: Readonly<Record<string, string>>): string {
    return template.replace(PLACEHOLDER, (_, key: string) => values[key]);
  }

  private static placeholders(template: string): string[] {
    return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]);
  }
}
