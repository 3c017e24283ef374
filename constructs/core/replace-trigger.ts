import { Construct } from 'constructs';
import { TerraformResource } from 'cdktf';

/**
 * Terraform's built-in `terraform_data` resource, used only for `triggers_replace`: it is replaced when
 * the given values change, and resources that list it in `replace_triggered_by` are replaced with it.
 *
 * cdktf's own `DataResource` would do, but it adds a synth-time validation that runs the `terraform`
 * binary; synthesis must work on machines without Terraform (and not spawn a process per stack).
 */
export class ReplaceTrigger extends TerraformResource {
  constructor(
    scope: Construct,
    id: string,
    private readonly triggers: Readonly<Record<string, string>>,
  ) {
    super(scope, id, {
      terraformResourceType: 'terraform_data',
      terraformGeneratorMetadata: { providerName: 'terraform' },
    });
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return { triggers_replace: { ...this.triggers } };
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    return {
      triggers_replace: {
        value: { ...this.triggers },
        isBlock: false,
        type: 'map',
        storageClassType: 'stringMap',
      },
    };
  }
}
