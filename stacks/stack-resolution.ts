import { IConstruct } from 'constructs';
import {
  Aspects,
  DefaultTokenResolver,
  IPostProcessor,
  IResolvable,
  IResolveContext,
  OperatorExpression,
  StringConcat,
  TerraformElement,
  TerraformOutput,
  TerraformStack,
  Tokenization,
} from 'cdktf';
import { resolve } from 'cdktf/lib/tokens/private/resolve';
import { deepMerge } from 'cdktf/lib/util';

type Json = Record<string, unknown>;

/**
 * cdktf's base class of Terraform expressions, which it does not export: the class its
 * `OperatorExpression` extends. References, property accesses, function calls, operators, conditionals
 * and `dependsOn` addresses are all of it.
 */
const TF_EXPRESSION = Object.getPrototypeOf(OperatorExpression) as abstract new (...args: never[]) => unknown;

/**
 * cdktf's default resolver, noting whether every token it resolved (nested ones too: cdktf hands each to
 * the resolver) was a Terraform expression. Such a token resolves to the same text in the final pass as
 * in the preparing one: of all of them only a reference looks at which pass it is in, and in the final
 * pass it gives the cross-stack reference its preparing pass registered. Any other token (a `Lazy`, a
 * token of one's own) may give something else once the preparing pass is over.
 */
class ExpressionNotingResolver extends DefaultTokenResolver {
  public onlyExpressions = true;

  public resolveToken(t: IResolvable, context: IResolveContext, postProcessor: IPostProcessor): unknown {
    if (!(t instanceof TF_EXPRESSION)) this.onlyExpressions = false;
    return super.resolveToken(t, context, postProcessor) as unknown;
  }
}

const RESOLVER = new ExpressionNotingResolver(new StringConcat());

/**
 * What cdktf's resolution can change in a string: a string, list or map token mark, or the text of a
 * number token (a double near -1.9e+289, which `String()` writes with an exponent of three digits).
 */
const TOKEN_MARK = /[$#&]\{TfToken\[|-\d(?:\.\d+)?e\+\d{3}/;
/** cdktf's number tokens are doubles between -2^961 and -1.9 * 2^960; no other number is resolved. */
const NUMBER_TOKEN_BELOW = -1e288;

function mayHoldToken(value: unknown): boolean {
  return typeof value === 'string'
    ? TOKEN_MARK.test(value)
    : typeof value === 'number' && value < NUMBER_TOKEN_BELOW;
}

/**
 * `value` as cdktf resolves it (`Tokenization.resolve` with cdktf's default resolver, as a stack's
 * synthesis does), for the price of a walk where it is plain data: plain objects, arrays, strings without
 * token marks, numbers, booleans and `null` are what cdktf returns for them (minus `undefined` entries),
 * and every other value (a token, a string or key holding one, a list holding a list token, a class
 * instance, a function) goes to cdktf's resolution, with the path cdktf would report. What is plain is
 * returned as it is, not copied (`undefined` entries are left out, as cdktf does): read the result, never
 * change it.
 *
 * cdktf walks every value of every element in every synthesis step, allocating a resolution context per
 * value; almost all of Berth's values (scripts, cloud-config, Helm values, policies) are plain
 * (docs/decisions/0031-stacks-resolve-plain-data.md).
 */
export function resolvePlainData(scope: IConstruct, value: unknown, preparing: boolean): unknown {
  const path: string[] = [];
  // cdktf's own resolution, which `Tokenization.resolve` calls without `prefix`, the path of its errors.
  const delegate = (x: unknown): unknown => {
    return resolve(x, { scope, preparing, resolver: RESOLVER, prefix: [...path] });
  };
  const walk = (x: unknown): unknown => {
    if (x === undefined || x === null || typeof x === 'boolean') return x;
    if (typeof x === 'string' || typeof x === 'number') return mayHoldToken(x) ? delegate(x) : x;
    if (Array.isArray(x)) {
      // cdktf resolves a list holding a list token as a whole.
      if (x.some(mayHoldToken)) return delegate(x);
      let out: unknown[] | undefined;
      for (let i = 0; i < x.length; i++) {
        path.push(String(i));
        const item = walk(x[i]);
        path.pop();
        if (out === undefined && (item !== x[i] || item === undefined)) out = x.slice(0, i);
        if (out !== undefined && item !== undefined) out.push(item);
      }
      return out ?? x;
    }
    const proto = typeof x === 'object' ? (Object.getPrototypeOf(x) as unknown) : undefined;
    if ((proto !== Object.prototype && proto !== null) || Tokenization.isResolvable(x)) return delegate(x);
    const object = x as Json;
    const keys = Object.keys(object);
    if (keys.some(mayHoldToken)) return delegate(x);
    let out: Json | undefined;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      path.push(key);
      const item = walk(object[key]);
      path.pop();
      if (out === undefined && (item !== object[key] || item === undefined)) {
        out = {};
        for (let j = 0; j < i; j++) out[keys[j]] = object[keys[j]];
      }
      if (out !== undefined && item !== undefined) out[key] = item;
    }
    return out ?? x;
  };
  return walk(value);
}

/** The stack's Terraform elements in cdktf's order: depth first, not entering nested stacks. */
function terraformElements(node: IConstruct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(node)) into.push(node);
  for (const child of node.node.children) {
    if (!TerraformStack.isStack(child)) terraformElements(child, into);
  }
  return into;
}

/**
 * What each element gave its stack's preparing pass: its JSON (`toTerraform()`), resolved when resolving
 * it met no token but Terraform expressions. Unless something changed the element since, the final pass
 * would get the same JSON from it and resolve it to the same result: it takes this instead of asking the
 * element again and resolving it again (docs/decisions/0031-stacks-resolve-plain-data.md). Taken once.
 */
const prepared = new WeakMap<TerraformElement, { json: unknown; resolved: boolean }>();

/**
 * `TerraformStack.prepareStack` of cdktf 0.21, resolving through {@link resolvePlainData}; keeps each
 * element's JSON for {@link stackTerraform}.
 */
export function prepareStackElements(stack: TerraformStack): void {
  stack.ensureBackendExists();
  for (const element of terraformElements(stack)) {
    const json = element.toTerraform();
    RESOLVER.onlyExpressions = true;
    const resolved = resolvePlainData(stack, json, true);
    prepared.set(
      element,
      RESOLVER.onlyExpressions ? { json: resolved, resolved: true } : { json, resolved: false },
    );
  }
}

const CUSTOM_SYNTHESIS = Symbol.for('cdktf/customSynthesis');

/**
 * Whether code can change the stack's elements between cdktf's preparing pass and its final one: the
 * stack's synthesizer runs every aspect and custom synthesis of the stack's constructs in between
 * (cdktf 0.21 `StackSynthesizer.synthesize`), and either may change an element's attributes.
 */
function changedBetweenPasses(stack: TerraformStack): boolean {
  return stack.node
    .findAll()
    .some(
      (c) =>
        Aspects.of(c).all.length > 0 ||
        (c as unknown as Record<symbol, unknown>)[CUSTOM_SYNTHESIS] !== undefined,
    );
}

/** The resolved JSON of `element`: from what its preparing pass kept, or asked of it now. */
function finalFragment(stack: TerraformStack, element: TerraformElement, reuse: boolean): unknown {
  const kept = reuse ? prepared.get(element) : undefined;
  prepared.delete(element);
  if (kept?.resolved) return kept.json;
  return resolvePlainData(stack, kept ? kept.json : element.toTerraform(), false);
}

/**
 * `TerraformStack.toTerraform` of cdktf 0.21, resolving through {@link resolvePlainData}: the same JSON.
 * `test/stacks/stack-resolution.test.ts` compares the two.
 */
export function stackTerraform(stack: TerraformStack): Json {
  const { rawOverrides, cdktfVersion } = stack as unknown as { rawOverrides: Json; cdktfVersion: string };
  const overrides = Object.keys(rawOverrides);
  const metadata: Json = {
    version: cdktfVersion,
    stackName: stack.node.id,
    backend: 'local',
    cloud: undefined,
    ...(overrides.length > 0 ? { overrides: { stack: overrides } } : {}),
  };
  const elements = terraformElements(stack);
  const metadatas = elements.map((e) => resolvePlainData(stack, e.toMetadata(), false));
  for (const meta of metadatas) deepMerge(metadata, meta);
  const outputs: Json = {};
  for (const element of elements) {
    if (!TerraformOutput.isTerraformOutput(element)) continue;
    const nested = element.node.path
      .split('/')
      .reduceRight<Json>(
        (inner, part) =>
          Object.keys(inner).length === 0 ? { [part]: element.friendlyUniqueId } : { [part]: inner },
        {},
      );
    deepMerge(outputs, nested);
  }
  const tf: Json = { '//': { metadata, outputs } };
  const reuse = !changedBetweenPasses(stack);
  const fragments = elements.map((e) => finalFragment(stack, e, reuse));
  for (const fragment of fragments) deepMerge(tf, fragment);
  deepMerge(tf, rawOverrides);
  // cdktf resolves the merged whole once more. Every fragment and metadata is resolved already, and
  // deepMerge copies resolved data as it is, so only the stack's own overrides can still hold a token;
  // without them, the one thing that walk would change is the `cloud` entry no backend set.
  if (overrides.length > 0) return resolvePlainData(stack, tf, false) as Json;
  if (metadata.cloud === undefined) delete metadata.cloud;
  return tf;
}
