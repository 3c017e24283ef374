/**
 * Metadata of a Kubernetes object: as the API names it, and as the Terraform Kubernetes provider's
 * `metadata` block does (the four names are the same in both).
 */
export interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}
