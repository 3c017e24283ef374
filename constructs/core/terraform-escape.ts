/**
 * The one way constructs escape their own text for Terraform, which evaluates `${...}` and `%{...}` in
 * every string of `cdk.tf.json`. Escaping is exact: every `${` becomes `$${` and every `%{` becomes
 * `%%{`, so Terraform writes back precisely the text given (a user's literal `$${x}` too). cdktf's token
 * marks (`${TfToken[...]}`) are never escaped: they are the references a construct means.
 *
 * The stacks add a safety net over everything else they write (`stacks/terraform-literals.ts`), which
 * leaves text escaped here alone.
 */

/** A cdktf token mark; everything else that looks like an interpolation is literal text. */
const INTERPOLATION = /\$\{(?!TfToken\[)/g;
const DIRECTIVE = /%\{/g;

/** Escapes one string exactly; cdktf token marks inside it are kept. */
export function escapeTerraformText(text: string): string {
  if (!text.includes('{')) return text;
  // Replacer functions: in a replacement string "$$" would mean a single "$".
  return text.replace(INTERPOLATION, () => '$${').replace(DIRECTIVE, () => '%%{');
}

/**
 * Escapes every string of a JSON-like value, keys included; numbers, booleans, null and unresolved
 * cdktf tokens are kept. A value with nothing to escape is returned as it is.
 */
export function escapeTerraformValue(value: unknown): unknown {
  // Most values have nothing to escape: find out natively, in one pass over their JSON text.
  if (typeof value === 'object' && value !== null && !/[$%]\{/.test(JSON.stringify(value))) return value;
  if (typeof value === 'string') return escapeTerraformText(value);
  if (Array.isArray(value)) return value.map(escapeTerraformValue);
  if (value !== null && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item === undefined) continue;
      // defineProperty: a key such as "__proto__" stays an ordinary key.
      Object.defineProperty(result, escapeTerraformText(key), {
        value: escapeTerraformValue(item),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return result;
  }
  return value;
}
