/**
 * Entry point of `npm run synth` and `cdktf synth|deploy`: loads the platform description (the embedded
 * default, `--config FILE`, or $BERTH_CONFIG), validates all of it before writing anything, then
 * synthesizes every stack and environment.
 *
 * Exit codes: 0 done; 2 the input is wrong (every problem printed, nothing written); 70 an internal
 * error (a bug in Berth: one line, the stack trace only with BERTH_DEBUG=1).
 */
import * as path from 'path';
import { checkAppFiles } from './apps/app-files';
import {
  CONFIG_ENV_VAR,
  ConfigError,
  REQUIRED_FACTS,
  configPathFrom,
  formatWarnings,
  loadPlatform,
} from './config';
import { underCdktfCli } from './stacks/stack-directories';

/** The project root: `dist/main.js` runs from `dist/`. */
const ROOT = path.join(__dirname, '..');

async function main(): Promise<number> {
  try {
    const file = configPathFrom(process.argv.slice(2), process.env);
    if (file === undefined && underCdktfCli(process.env)) throw demoUnderCli();
    // The add-ons first: the config loader reads their sections (constructs/addons/platform-addons.ts).
    const { PLATFORM_ADDONS } = await import('./constructs/addons/platform-addons');
    const platform = loadPlatform(process.argv.slice(2), process.env, {
      addonSections: PLATFORM_ADDONS.sections,
      addonNamespaces: PLATFORM_ADDONS.namespaces,
    });
    if (platform.warnings) console.error(formatWarnings(platform.warnings, file));
    const unregistered = checkAppFiles(ROOT);
    if (unregistered.length > 0) throw new ConfigError(unregistered, 'the apps (apps/teams)');
    // Loaded only for a valid platform: a config error is reported without loading the stacks and cdk8s.
    const { BerthApp } = await import('./stacks/berth-app');
    const { formatFootprint } = await import('./constructs/addons/core/footprint');
    const app = new BerthApp({ platform, addons: PLATFORM_ADDONS });
    console.log(
      file === undefined
        ? 'Platform: the built-in demo (example.com placeholders; give --config FILE or BERTH_CONFIG to deploy)'
        : `Platform: ${file}`,
    );
    app.synth();
    for (const note of app.lockNotes) console.log(note);
    console.log(`Synthesized ${app.app.node.children.length} stacks and manifests into ${app.outdir}/`);
    for (const stack of app.platformStacks.values()) console.log(formatFootprint(stack.footprint));
    return 0;
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 2;
    }
    const error = err instanceof Error ? err : new Error(String(err));
    console.error(
      `Berth internal error (a bug, not your input; please report it with the platform file): ${error.message.split('\n')[0]}`,
    );
    if (process.env.BERTH_DEBUG) console.error(error.stack);
    else console.error('Run again with BERTH_DEBUG=1 for the stack trace.');
    return 70;
  }
}

/** The cdktf CLI plans and deploys: the demo's placeholders must never get there. */
function demoUnderCli(): ConfigError {
  return new ConfigError([
    {
      path: CONFIG_ENV_VAR,
      value: undefined,
      message: `must name your platform file under the cdktf CLI (export ${CONFIG_ENV_VAR}=my-platform.yaml): the built-in demo has placeholder cloud facts and is for \`npm run synth\` only. ${REQUIRED_FACTS}`,
    },
  ]);
}

void main().then((code) => {
  process.exitCode = code;
});
