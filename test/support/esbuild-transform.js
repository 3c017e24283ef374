/**
 * jest's transform: TypeScript to CommonJS with esbuild, as `npm run synth` builds it, without
 * type-checking (`npm test` type-checks the whole project with tsc once, beside jest).
 */
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { transformSync, version } = require('esbuild');

const TSCONFIG = fs.readFileSync(path.join(__dirname, '..', '..', 'tsconfig.json'), 'utf8');
const SELF = fs.readFileSync(__filename, 'utf8');

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: 'ts',
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      sourcefile: filename,
      sourcemap: true,
      tsconfigRaw: TSCONFIG,
    });
    return { code, map };
  },
  getCacheKey(source, filename) {
    return crypto
      .createHash('sha256')
      .update(`${version}\0${SELF}\0${TSCONFIG}\0${filename}\0${source}`)
      .digest('hex');
  },
};
