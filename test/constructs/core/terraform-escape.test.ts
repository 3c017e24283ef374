import { Token } from 'cdktf';
import { escapeTerraformText, escapeTerraformValue } from '../../../constructs/core/terraform-escape';
import { cpuMillisOf } from '../../support/cpu-time';

describe('escapeTerraformText', () => {
  test.each([
    ['a ${B} $C %{if} 100% {x}', 'a $${B} $C %%{if} 100% {x}'],
    ['plain', 'plain'],
    // Exact: a literal "$${x}" comes back from Terraform as "$${x}", not "${x}".
    ['echo $${x} %%{y}', 'echo $$${x} %%%{y}'],
    ['${TfToken[TOKEN.1]} and ${HOME}', '${TfToken[TOKEN.1]} and $${HOME}'],
  ])('%j becomes %j', (text, expected) => {
    expect(escapeTerraformText(text)).toBe(expected);
  });

  test('is linear on long input', () => {
    expect(cpuMillisOf(() => escapeTerraformText('${'.repeat(500_000) + '%{'.repeat(500_000)))).toBeLessThan(
      2000,
    );
  });
});

describe('escapeTerraformValue', () => {
  test('escapes keys and strings at any depth and keeps other values', () => {
    expect(escapeTerraformValue({ 'k${': ['${a}', 1, true, null, { b: '%{c}' }], gone: undefined })).toEqual({
      'k$${': ['$${a}', 1, true, null, { b: '%%{c}' }],
    });
  });

  test('a value with nothing to escape is returned as it is', () => {
    const value = { a: ['b', 1], c: { d: null } };
    expect(escapeTerraformValue(value)).toBe(value);
  });

  test('keeps unresolved cdktf tokens as they are', () => {
    const ref = Token.asString({ resolve: () => '${var.x}' });
    expect(escapeTerraformValue({ a: ref })).toEqual({ a: ref });
  });

  test('escapes the literal text around a token in one string, keeps the token', () => {
    const ref = Token.asString({ resolve: () => '${var.x}' });
    expect(escapeTerraformValue({ a: `echo \${HOME} ${ref}` })).toEqual({ a: `echo $\${HOME} ${ref}` });
  });

  test('a "__proto__" key stays data, not a prototype', () => {
    const value = escapeTerraformValue(JSON.parse('{"__proto__": {"polluted": "${x}"}}')) as object;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
