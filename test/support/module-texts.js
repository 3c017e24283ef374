/**
 * The texts of the modules a jest worker has read, kept for the worker's next test files
 * (test/support/jest-runtime.js): jest reads every module again for each test file, about 13 MB for each
 * file that builds a stack or a chart. A text is used again only while its file keeps the stat identity it
 * had before it was read, so a file written during the run is read again.
 */
'use strict';
const fs = require('fs');

/** What changes whenever a file is written, replaced or touched (ctime cannot be set back). */
function statIdentity(filename) {
  const st = fs.statSync(filename, { throwIfNoEntry: false });
  return st === undefined ? undefined : `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
}

/**
 * A reader of module texts: `read(filename, readFromDisk)` returns the text kept for `filename` when the
 * file is as it was when that text was read, else what `readFromDisk(filename)` returns (or throws).
 */
function moduleTexts() {
  const texts = new Map();
  return {
    read(filename, readFromDisk) {
      const identity = statIdentity(filename); // before the read: a file changed in between is read again
      const known = texts.get(filename);
      if (identity !== undefined && known !== undefined && known.identity === identity) return known.text;
      const text = readFromDisk(filename);
      if (identity !== undefined) texts.set(filename, { identity, text });
      return text;
    },
  };
}

module.exports = { moduleTexts };
