import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AppDefinition } from '../../apps/app-definition';
import { PlatformConfig } from '../../config';
import { resolvePlatform } from './berth-platform';
import { SynthOutput, readSynthOutput } from '../../scripts/review/synth-output';
import { BerthApp } from '../../stacks/berth-app';

/** Synthesizes a platform config in this process into a fresh temporary folder and reads it back. */
export function synthPlatform(config: PlatformConfig, apps?: readonly AppDefinition[]): SynthOutput {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-synth-'));
  new BerthApp({ platform: resolvePlatform(config), outdir, apps }).synth();
  return readSynthOutput(outdir);
}
