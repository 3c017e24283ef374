/**
 * The stamps of the build of `npm run synth` (scripts/build.js): for every file a bundle was built from, its
 * SHA-256 and its stat identity (inode, size, mtime, ctime). A file whose stat identity is unchanged has
 * not been written since (any write changes its ctime); any other file is hashed again.
 */
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { ROOT } = require('./build-layout');

function sha256(data) {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/**
 * The path of a file a stamp names (esbuild's metafile: normalized, relative to ROOT). A name inside ROOT
 * is joined rather than resolved: the check runs this for every input of both bundles, and path.resolve
 * was a third of its time.
 */
function atRoot(file) {
  return file.startsWith('..') || path.isAbsolute(file) ? path.resolve(ROOT, file) : ROOT + path.sep + file;
}

function read(file) {
  try {
    return fs.readFileSync(atRoot(file));
  } catch (err) {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  }
}

/** What changes whenever a file is written, replaced or touched: ctime cannot be set back. */
function statIdentity(file) {
  const st = fs.statSync(atRoot(file), { throwIfNoEntry: false });
  return st === undefined ? undefined : `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
}

/**
 * {@link statIdentity}, each file looked at once per check: the programs share most of their sources.
 * Only for a check, which writes nothing; a build starts a new one.
 */
function checkedIdentities() {
  const seen = new Map();
  return (file) => {
    if (!seen.has(file)) seen.set(file, statIdentity(file));
    return seen.get(file);
  };
}

function readStamp(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Whether every file a bundle was built from is as it was: a new file can only enter a bundle through an
 * import added to a listed file, which changes that file; a deleted or changed file changes its own
 * identity, and then its hash decides (a file written back with the same bytes needs no build).
 */
function inputsUnchanged(stamp, tool, identityOf = statIdentity) {
  if (stamp === undefined || stamp.tool !== tool) return false;
  for (const [file, [hash, identity]] of Object.entries(stamp.inputs)) {
    if (identityOf(file) === identity) continue;
    const content = read(file);
    if (content === undefined || sha256(content) !== hash) return false;
  }
  return true;
}

/**
 * The hash and stat identity of each of `files` that esbuild read (files of a plugin's own namespace
 * aside). A file whose identity is the one `earlier` (inputs of an earlier stamp) gives it keeps the hash
 * given with it, as a check would (inputsUnchanged): after an edit, one file is read and hashed, not all.
 */
function recordInputs(files, earlier = {}) {
  const inputs = {};
  for (const file of [...files].sort()) {
    if (/^[a-z-]+:|^<stdin>$/.test(file)) continue;
    const identity = statIdentity(file);
    const known = Object.prototype.hasOwnProperty.call(earlier, file) ? earlier[file] : undefined;
    inputs[file] =
      known !== undefined && identity !== undefined && known[1] === identity
        ? known
        : [sha256(read(file)), statIdentity(file)];
  }
  return inputs;
}

module.exports = {
  sha256,
  read,
  statIdentity,
  checkedIdentities,
  readStamp,
  inputsUnchanged,
  recordInputs,
};
