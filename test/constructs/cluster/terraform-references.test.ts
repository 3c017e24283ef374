import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { TerraformReferences } from '../../../constructs/cluster/terraform-references';

function reference(name: string): string {
  const stack = new TerraformStack(Testing.app(), 'test');
  return new TerraformVariable(stack, name, { type: 'string' }).stringValue;
}

describe('TerraformReferences', () => {
  test('leaves plain text as it is', () => {
    const refs = new TerraformReferences();
    expect(refs.hide('203.0.113.5:6443')).toBe('203.0.113.5:6443');
    expect(refs.hideOptional(undefined)).toBeUndefined();
    expect(refs.restore('a ${b} c')).toBe('a ${b} c');
  });

  test('hides a reference behind an inert placeholder and puts it back', () => {
    const refs = new TerraformReferences();
    const token = reference('endpoint');
    const hidden = refs.hide(token);
    expect(hidden).toMatch(/^[a-z0-9-]+$/);
    expect(hidden).not.toBe(token);
    expect(refs.restore(`endpoint: ${hidden}\nagain: ${hidden}\n`)).toBe(
      `endpoint: ${token}\nagain: ${token}\n`,
    );
  });

  test('distinct references get distinct placeholders', () => {
    const refs = new TerraformReferences();
    const [a, b] = [reference('a'), reference('b')];
    const [hiddenA, hiddenB] = [refs.hide(a), refs.hide(b)];
    expect(hiddenA).not.toBe(hiddenB);
    expect(refs.restore(`${hiddenB} ${hiddenA}`)).toBe(`${b} ${a}`);
  });

  test('base64 of plain text is computed now; of a reference, by Terraform', () => {
    const refs = new TerraformReferences();
    expect(refs.base64('PEM\n')).toBe(Buffer.from('PEM\n').toString('base64'));
    const stack = new TerraformStack(Testing.app(), 'test');
    const token = new TerraformVariable(stack, 'pem', { type: 'string' }).stringValue;
    const encoded = refs.base64(refs.hide(token));
    new TerraformOutput(stack, 'encoded', { value: refs.restore(encoded) });
    const synthesized = JSON.parse(Testing.synth(stack)) as { output: Record<string, { value: string }> };
    expect(synthesized.output.encoded.value).toBe('${base64encode(var.pem)}');
  });
});
