/**
 * What the build of `npm run synth` (scripts/build.js) rewrites in each bundle esbuild wrote, text to text.
 */
'use strict';

/**
 * Makes a bundle pure ASCII. esbuild already escapes every non-ASCII character of the code (its default
 * `charset: 'ascii'`); what it leaves is in the comments it keeps, where an escape changes only the
 * comment's text. A pure-ASCII bundle loads as a one-byte string (loadSource, scripts/run-bundle.js),
 * half the memory of the two-byte string a single non-ASCII character makes of the whole file, and
 * faster to read and to compile. A comment with a line or paragraph separator (which would end a line
 * comment) stays.
 */
function escapeNonAscii(text) {
  if (/^[\0-\x7f]*$/.test(text) || /[\u2028\u2029]/.test(text)) return text;
  return text.replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * esbuild makes each `import * as cdktf from 'cdktf'` a namespace object of its own, with a getter per
 * export (its `__toESM` helper): the generated provider bindings (.gen) each import cdktf so, and copying
 * its ~400 exports 25 times took 30-40 ms of a synthesis (loaded machine). In the programs, a module's
 * namespace is made once and shared, as an ES module has one namespace object; it is made again if the
 * module has gained exports since (a CommonJS module still loading in a cycle).
 */
const TO_ESM = 'var __toESM = (mod, isNodeMode, target) => (';

const SHARED_TO_ESM = `var __namespaces = [new WeakMap(), new WeakMap()];
var __toESM = (mod, isNodeMode) => {
  if (mod == null || (typeof mod !== "object" && typeof mod !== "function")) return __toESMCopy(mod, isNodeMode);
  const made = __namespaces[isNodeMode ? 1 : 0];
  const keys = __getOwnPropNames(mod).length;
  let entry = made.get(mod);
  if (entry === undefined || entry.keys !== keys) made.set(mod, (entry = { keys, namespace: __toESMCopy(mod, isNodeMode) }));
  return entry.namespace;
};
var __toESMCopy = (mod, isNodeMode, target) => (`;

function shareNamespaces(text) {
  return text.includes(TO_ESM) ? text.replace(TO_ESM, SHARED_TO_ESM) : text;
}

/**
 * Writes a bundle as the function `require` would wrap it in, so that `--run` compiles the file's own text
 * (one string, the bytes as read) instead of a concatenation V8 must first copy whole. Run as a script,
 * its value is that function; required as a module (inside Node's wrapper, where `arguments` exists), it
 * runs itself as a module would, or, given a `runner` (a program's bundle), when Node runs it as its main
 * module (`node dist/main.js`), it has `runner` (scripts/run-bundle.js, by its path from the bundle) run
 * it as `--run` does, with the packages bundle and the team apps'.
 */
function wrapAsFunction(text, runner) {
  const asModule =
    runner === undefined
      ? '(f) => f.apply(this, arguments)'
      : `(f) => (require.main === arguments[2] ? require(${JSON.stringify(runner)}).runProgram(__filename) : f.apply(this, arguments))`;
  return `(typeof arguments === "object" ? ${asModule} : (f) => f)(function (exports, require, module, __filename, __dirname) {${text}\n});\n`;
}

module.exports = { escapeNonAscii, shareNamespaces, wrapAsFunction };
