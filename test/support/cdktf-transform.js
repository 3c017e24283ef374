/**
 * jest's transform of cdktf's stack-trace module: as `npm run synth` runs it (scripts/packages-bundle.js,
 * tokenStackTracesWhenDebugging), tokens capture the stack trace of their creation only with BERTH_DEBUG.
 * Under jest every captured trace is formatted through source maps: that was half the CPU of a stack test.
 */
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const { tokenStackTracesWhenDebugging } = require('../../scripts/packages-bundle.js');

const PACKAGES_BUNDLE = fs.readFileSync(require.resolve('../../scripts/packages-bundle.js'), 'utf8');
const SELF = fs.readFileSync(__filename, 'utf8');

module.exports = {
  process(source) {
    return { code: tokenStackTracesWhenDebugging(source) };
  },
  getCacheKey(source, filename) {
    return crypto
      .createHash('sha256')
      .update(`${SELF}\0${PACKAGES_BUNDLE}\0${filename}\0${source}`)
      .digest('hex');
  },
};
