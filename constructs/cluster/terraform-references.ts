import { Fn, Token } from 'cdktf';

/** Inert stand-ins for Terraform references while text is rendered. */
export class TerraformReferences {
  private readonly originals: string[] = [];

  /** The value itself, or a placeholder when it holds a Terraform reference. */
  public hide(value: string): string {
    return Token.isUnresolved(value) ? this.placeholder(value) : value;
  }

  public hideOptional(value: string | undefined): string | undefined {
    return value === undefined ? undefined : this.hide(value);
  }

  /** Base64 of a value: computed now for plain text, by Terraform (`base64encode`) for a reference. */
  public base64(value: string): string {
    const index = this.indexOf(value);
    if (index === undefined) return Buffer.from(value, 'utf8').toString('base64');
    return this.placeholder(Fn.base64encode(this.originals[index]));
  }

  /** Puts the references back in place of their placeholders. */
  public restore(text: string): string {
    return this.originals.reduce((result, original, i) => result.split(this.name(i)).join(original), text);
  }

  private placeholder(original: string): string {
    this.originals.push(original);
    return this.name(this.originals.length - 1);
  }

  private indexOf(value: string): number | undefined {
    const match = /^berth-terraform-reference-(\d+)-end$/.exec(value);
    return match ? Number(match[1]) : undefined;
  }

  private name(index: number): string {
    return `berth-terraform-reference-${index}-end`;
  }
}
