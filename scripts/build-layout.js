/**
 * Where the build of `npm run synth` (scripts/build.js) keeps what it makes: the programs' bundles in
 * `dist/`, the packages bundle in `node_modules/.cache/berth/packages/`, and beside each bundle its stamp
 * and its code cache.
 */
'use strict';
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const PACKAGES_DIR = path.join(ROOT, 'node_modules', '.cache', 'berth', 'packages');
const PACKAGES = path.join(PACKAGES_DIR, 'packages.js');
const PACKAGES_STAMP = path.join(PACKAGES_DIR, '.build-stamp');
/** Beside each bundle: V8's compiled code of it, behind a first line naming the bundle's stat identity. */
const CODE_CACHE_SUFFIX = '.code-cache';
/** Beside each program's bundle: its stamp (what it was built from, and the npm packages it imports). */
const STAMP_SUFFIX = '.build-stamp';

/** A program's bundle, or the team apps': `dist/ENTRY.js`. */
function programFile(entry) {
  return path.join(DIST, `${entry}.js`);
}

module.exports = {
  ROOT,
  DIST,
  PACKAGES_DIR,
  PACKAGES,
  PACKAGES_STAMP,
  CODE_CACHE_SUFFIX,
  STAMP_SUFFIX,
  programFile,
};
