/**
 * Entry point of `npm run synth` and `cdktf synth|deploy`: loads the platform description (the embedded
 * default, `--config FILE`, or $BERTH_CONFIG), validates all of it before writing anything, then
 * synthesizes every stack and environment.
 */
import { ConfigError, loadPlatform } from './config';
import { formatFootprint } from './constructs/addons/footprint';
import { BerthApp } from './stacks/berth-app';

function main(): number {
  let app: BerthApp;
  try {
    app = new BerthApp({ platform: loadPlatform(process.argv.slice(2), process.env) });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
  app.synth();
  console.log(`Synthesized ${app.app.node.children.length} stacks and manifests into ${app.outdir}/`);
  for (const stack of app.platformStacks.values()) console.log(formatFootprint(stack.footprint));
  return 0;
}

process.exitCode = main();
