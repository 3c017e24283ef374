import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  App,
  Aspects,
  DefaultTokenResolver,
  Fn,
  Lazy,
  StringConcat,
  TerraformLocal,
  TerraformOutput,
  TerraformStack,
  TerraformVariable,
  Token,
  Tokenization,
} from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';
import { StringResource } from '@cdktf/provider-random/lib/string-resource';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { loadPlatform } from '../support/berth-platform';
import { BerthApp } from '../../stacks/berth-app';
import { prepareStackElements, resolvePlainData, stackTerraform } from '../../stacks/stack-resolution';

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** What cdktf's own synthesis makes of `value` in `scope`. */
function cdktfResolve(scope: Construct, value: unknown, preparing = false): unknown {
  return Tokenization.resolve(value, { scope, preparing, resolver: RESOLVER });
}

describe('resolvePlainData gives what cdktf gives', () => {
  const stack = new TerraformStack(
    new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'berth-')) }),
    's',
  );
  const variable = new TerraformVariable(stack, 'v', { type: 'string' });
  const numbers = new TerraformVariable(stack, 'n', { type: 'number' });
  const list = new TerraformVariable(stack, 'l', { type: 'list(string)' });
  const cases: [string, unknown][] = [
    ['plain data', { a: 'x', b: [1, true, null, 'y'], c: { d: {} }, e: [] }],
    ['undefined entries left out', { a: undefined, b: [1, undefined, 2], c: { d: undefined } }],
    ['a string token', { a: `prefix-${variable.stringValue}-suffix`, b: 'plain' }],
    ['a number token', { a: numbers.numberValue, b: [numbers.numberValue, 3] }],
    ['a number token inside a string', { a: `${Token.asNumber(numbers.value)}` }],
    ['a list token', { a: list.listValue, b: [list.listValue] }],
    ['a map token', { a: Token.asStringMap(variable.value) }],
    ['a token as a key', { [variable.stringValue]: 'v' }],
    [
      'a lazy value',
      { a: Lazy.stringValue({ produce: () => 'lazy' }), b: Lazy.anyValue({ produce: () => ({ c: 1 }) }) },
    ],
    ['a function call', { a: Fn.jsonencode({ k: variable.stringValue, plain: ['x'] }) }],
    ['Terraform expressions in literals (not cdktf tokens)', { a: '${var.x}', b: '$${x}', c: '%{x}' }],
    ['numbers that look like exponents', { a: 1e300, b: -1e300, c: '-1.5e+300', d: 'sha256:1e5' }],
    [
      'dates and class instances',
      {
        a: new Date(0),
        b: new (class Box {
          public readonly x = 1;
        })(),
      },
    ],
  ];
  test.each(cases)('%s', (_name, value) => {
    expect(resolvePlainData(stack, value, false)).toEqual(cdktfResolve(stack, value));
    expect(JSON.stringify(resolvePlainData(stack, value, false))).toBe(
      JSON.stringify(cdktfResolve(stack, value)),
    );
  });

  test('plain data comes back as it is, without a copy', () => {
    const value = { a: ['x', { b: 1 }], c: 'y' };
    expect(resolvePlainData(stack, value, false)).toBe(value);
  });

  test('what cdktf refuses is refused with the path cdktf reports', () => {
    const value = { a: [{ b: () => 1 }] };
    expect(() => cdktfResolve(stack, value)).toThrow(/\/a\/0\/b/);
    expect(() => resolvePlainData(stack, value, false)).toThrow(/\/a\/0\/b/);
  });
});

/** Two stacks, one referring to the other: cdktf prepares the cross-stack output and remote state. */
function crossStackApp(): { app: App; origin: TerraformStack; user: TerraformStack } {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'berth-')) });
  const origin = new TerraformStack(app, 'origin');
  new RandomProvider(origin, 'random');
  const name = new StringResource(origin, 'name', { length: 8, special: false });
  const user = new TerraformStack(app, 'user');
  new RandomProvider(user, 'random');
  const local = new TerraformLocal(user, 'greeting', `hello \${literal} ${name.result}`);
  new StringResource(user, 'suffix', {
    length: 4,
    keepers: { name: name.result, greeting: local.asString, count: Token.asString(name.length) },
  });
  new TerraformOutput(user, 'out', { value: { list: [name.result, 'x'], n: name.length } });
  user.addOverride('terraform.required_version', '>= 1.10');
  user.addOverride('locals.extra', { a: [1, 2] });
  // A stack's own override may hold a token: resolved only in the merged whole.
  const suffix = user.node.findChild('suffix') as StringResource;
  user.addOverride('locals.suffix_length', { n: suffix.length, of: [suffix.result] });
  return { app, origin, user };
}

test('prepareStackElements makes the cross-stack references cdktf makes, and stackTerraform writes the same JSON', () => {
  const theirs = crossStackApp();
  theirs.origin.prepareStack();
  theirs.user.prepareStack();
  const ours = crossStackApp();
  prepareStackElements(ours.origin);
  prepareStackElements(ours.user);
  for (const key of ['origin', 'user'] as const) {
    const expected = JSON.stringify(theirs[key].toTerraform());
    expect(JSON.stringify(ours[key].toTerraform())).toBe(expected);
    expect(JSON.stringify(stackTerraform(ours[key]))).toBe(expected);
  }
  expect(JSON.stringify(stackTerraform(ours.user))).toMatch(/cross-stack-reference-input-origin/);
  expect(stackTerraform(ours.user).locals).toMatchObject({
    suffix_length: { n: '${random_string.suffix.length}', of: ['${random_string.suffix.result}'] },
  });
  // Without overrides of its own, a stack's JSON has no entry cdktf would leave out (no `cloud` backend).
  expect(Object.keys((stackTerraform(ours.origin)['//'] as { metadata: object }).metadata)).not.toContain(
    'cloud',
  );
});

/** A stack whose synthesis steps are Berth's (as BerthStack's, without its escaping and manifests). */
class ResolvingStack extends TerraformStack {
  public prepareStack(): void {
    prepareStackElements(this);
  }

  public toTerraform(): ReturnType<TerraformStack['toTerraform']> {
    return stackTerraform(this);
  }
}

/**
 * The `cdk.tf.json` of a stack with one random_string (length 8, its keepers naming a variable: a token)
 * and one random_id (plain data), after `change`, and how often cdktf's synthesis asked each for its JSON.
 */
function synthesizedWith(change: (stack: TerraformStack, names: StringResource[]) => void) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-'));
  const app = new App({ outdir });
  const stack = new ResolvingStack(app, 's');
  new RandomProvider(stack, 'random');
  const variable = new TerraformVariable(stack, 'v', { type: 'string' });
  const withToken = new StringResource(stack, 'token', { length: 8, keepers: { v: variable.stringValue } });
  const plain = new StringResource(stack, 'plain', { length: 8 });
  const asked = { token: 0, plain: 0 };
  for (const [key, resource] of [
    ['token', withToken],
    ['plain', plain],
  ] as const) {
    const toTerraform = resource.toTerraform.bind(resource);
    resource.toTerraform = () => {
      asked[key]++;
      return toTerraform();
    };
  }
  change(stack, [withToken, plain]);
  app.synth();
  const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 's', 'cdk.tf.json'), 'utf8')) as {
    resource: { random_string: Record<string, { length: number }> };
  };
  return { lengths: Object.values(json.resource.random_string).map((r) => r.length), asked };
}

test('an element is asked for its JSON once per synthesis when nothing can change it between the passes', () => {
  expect(synthesizedWith(() => undefined)).toEqual({ lengths: [8, 8], asked: { token: 1, plain: 1 } });
});

test.each<[string, (stack: TerraformStack, names: StringResource[]) => void]>([
  [
    'an aspect',
    (stack, names) =>
      Aspects.of(stack).add({
        visit: (node: IConstruct) => {
          if (names.includes(node as StringResource)) (node as StringResource).length = 12;
        },
      }),
  ],
  [
    'a custom synthesis',
    (_stack, names) =>
      addCustomSynthesis(names[1], {
        onSynthesize: () => {
          for (const name of names) name.length = 12;
        },
      }),
  ],
])('what %s changes after the preparing pass is written', (_name, change) => {
  const { lengths, asked } = synthesizedWith(change);
  expect(lengths).toEqual([12, 12]);
  expect(asked).toEqual({ token: 2, plain: 2 });
});

/**
 * The keepers a stack of {@link ResolvingStack} writes for a random_string keeping `keepers(reference)`,
 * and how often that reference to a variable was resolved in each pass of the synthesis.
 */
function keepersWritten(keepers: (reference: string) => Record<string, string>) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-'));
  const app = new App({ outdir });
  const stack = new ResolvingStack(app, 's');
  new RandomProvider(stack, 'random');
  const variable = new TerraformVariable(stack, 'v', { type: 'string' });
  const reference = variable.stringValue;
  const resolve = jest.spyOn(Tokenization.reverseString(reference).firstToken!, 'resolve');
  new StringResource(stack, 'name', { length: 8, keepers: keepers(reference) });
  app.synth();
  const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 's', 'cdk.tf.json'), 'utf8')) as {
    resource: { random_string: { name: { keepers: Record<string, string> } } };
  };
  const passes = resolve.mock.calls.map(([context]) => (context.preparing ? 'preparing' : 'final'));
  return {
    keepers: json.resource.random_string.name.keepers,
    preparing: passes.filter((pass) => pass === 'preparing').length,
    final: passes.filter((pass) => pass === 'final').length,
  };
}

test('an element holding only Terraform expressions has them resolved once, in the preparing pass', () => {
  const written = keepersWritten((reference) => ({ ref: reference, call: Fn.upper(`x-${reference}`) }));
  expect(written.keepers).toEqual({ ref: '${var.v}', call: '${upper("x-${var.v}")}' });
  expect(written.preparing).toBeGreaterThan(0);
  expect(written.final).toBe(0);
});

test('an element holding another token (a lazy value) is resolved again in the final pass, whose value is written', () => {
  let passes = 0;
  const written = keepersWritten((reference) => ({
    ref: reference,
    lazy: Lazy.stringValue({ produce: () => (passes++ === 0 ? 'preparing' : 'final') }),
  }));
  expect(written).toEqual({ keepers: { ref: '${var.v}', lazy: 'final' }, preparing: 1, final: 1 });
});

test("every stack of the built-in demo: Berth's synthesis writes what cdktf's own would", () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-'));
  const berth = new BerthApp({ platform: loadPlatform([], {}), outdir });
  berth.synth();
  const stacks = berth.app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack);
  expect(stacks.length).toBeGreaterThan(2);
  for (const stack of stacks) {
    const written = fs.readFileSync(path.join(outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8');
    // cdktf's own path, with the same escaping and manifests set aside (BerthStack.toTerraform's wrapping).
    const cdktf = TerraformStack.prototype.toTerraform.call(stack) as unknown;
    expect([stack.node.id, JSON.stringify(JSON.parse(written))]).toEqual([
      stack.node.id,
      JSON.stringify(sortKeys(cdktf)),
    ]);
  }
});

/** `value` with its object keys in order, as cdktf writes `cdk.tf.json`. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(object)
      .sort()
      .filter((key) => object[key] !== undefined)
      .map((key) => [key, sortKeys(object[key])]),
  );
}
