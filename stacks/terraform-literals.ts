import { TerraformElement, TerraformStack } from 'cdktf';

/**
 * Terraform evaluates `${...}` and `%{...}` in every string of `cdk.tf.json`. Every string Berth writes
 * is a literal, except cdktf's own token marks (`${TfToken[...]}`), which resolve to the references
 * Berth means. `escapeLiterals` escapes every other `${` to `$${` and `%{` to `%%{`, so that no value a
 * user gave (an image name, a region, an e-mail address, a label) is ever evaluated on the deployer's
 * machine. Idempotent: a sequence already escaped (`$${`, `%%{`) is left as it is, so constructs that
 * escape their own text (node templates, manifests, Helm values) are not escaped twice. What needs no
 * escaping is returned as it is, not copied (an object or list only when nothing in it changes).
 */
export function escapeLiterals(value: unknown): unknown {
  if (typeof value === 'string') return escapeText(value);
  if (Array.isArray(value)) {
    let result: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = escapeLiterals(value[i]);
      if (result === undefined && item !== value[i]) result = value.slice(0, i);
      result?.push(item);
    }
    return result ?? value;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object);
    let result: Record<string, unknown> | undefined;
    for (let i = 0; i < keys.length; i++) {
      const key = escapeText(keys[i]);
      const item = escapeLiterals(object[keys[i]]);
      if (result === undefined && (key !== keys[i] || item !== object[keys[i]])) {
        result = {};
        for (let j = 0; j < i; j++) define(result, keys[j], object[keys[j]]);
      }
      if (result) define(result, key, item);
    }
    return result ?? value;
  }
  return value; // tokens, lazy values and numbers: cdktf resolves them
}

/** An own property even for the key `__proto__`. */
function define(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `${` not already escaped and not a cdktf token; `%{` not already escaped. Linear patterns. */
const INTERPOLATION = /(?<!\$)\$\{(?!TfToken\[)/g;
const DIRECTIVE = /(?<!%)%\{/g;

/** The one expression cdktf itself writes as a literal (remote state's `workspace`): harmless, kept. */
const CDKTF_EXPRESSIONS: readonly string[] = ['${terraform.workspace}'];

function escapeText(text: string): string {
  if (!text.includes('{') || CDKTF_EXPRESSIONS.includes(text)) return text;
  // Replacer functions: in a replacement string "$$" would mean a single "$".
  return text.replace(INTERPOLATION, () => '$${').replace(DIRECTIVE, () => '%%{');
}

const escaped = new WeakSet<TerraformElement>();

/**
 * Makes every Terraform element of `stack` write its literals escaped (`escapeLiterals`), before cdktf
 * resolves its tokens. Call before each synthesis step; elements added since are caught on the next call.
 */
export function escapeStackLiterals(stack: TerraformStack): void {
  for (const construct of stack.node.findAll()) {
    if (!TerraformElement.isTerraformElement(construct) || escaped.has(construct)) continue;
    escaped.add(construct);
    const element = construct as TerraformElement & { toTerraform(): unknown };
    const original = element.toTerraform.bind(element);
    element.toTerraform = () => escapeLiterals(original());
  }
}
