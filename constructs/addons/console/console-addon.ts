import { TerraformOutput } from 'cdktf';
import { AddonName, AddonSettings, addonConfig, addonSchema, z } from '../../../config';
import { PlatformNamespace, consoleHost, managementUrl } from '../../../config/platform-names';
import { AddonDefinition } from '../core/addon-definition';
import { PlatformFlow, apiServerFlow, pods, tcp } from '../core/platform-flows';
import { GATEWAY_ADDON } from '../gateway/gateway-addon';
import { ENVOY_PROXIES } from '../gateway/gateway-flows';
import { HEADLAMP_CHART, WebConsole } from './console';

const HEADLAMP_PODS = pods(PlatformNamespace.CONSOLE, 'headlamp', { 'app.kubernetes.io/name': 'headlamp' });
/** Headlamp's port in the pinned chart. */
const HEADLAMP_PORT = 4466;

/** `addons.console`: it has no field besides `enabled`. */
export const CONSOLE_SCHEMA = addonSchema(
  { doc: 'The Headlamp web console at `console.apps.<domain>`.', enabled: 'Deploy Headlamp.' },
  {},
);

/** `addons.console`, as written in the platform file. */
export type ConsoleAddonConfig = z.input<typeof CONSOLE_SCHEMA>;

/** `addons.console`, resolved: it has no field besides `enabled`. */
export type ConsoleSettings = AddonSettings;

/** The Headlamp web console at `console.apps.<domain>` (output `console_url`). */
export const CONSOLE_ADDON: AddonDefinition<ConsoleSettings, WebConsole> = {
  name: AddonName.CONSOLE,
  id: 'console',
  requires: [{ addon: GATEWAY_ADDON, why: 'the console is served through the shared Gateway' }],
  charts: [HEADLAMP_CHART],
  config: addonConfig(CONSOLE_SCHEMA),
  install: (scope, { id, cluster, dependsOn }) => {
    const console = new WebConsole(scope, id, { domain: cluster.domain, dependsOn });
    new TerraformOutput(scope, 'console_url', { value: managementUrl(consoleHost(cluster.domain)) });
    return console;
  },
  flows: ({ isEnabled }) => {
    const flows: PlatformFlow[] = [];
    if (isEnabled(GATEWAY_ADDON)) {
      flows.push({
        id: 'console-from-gateway',
        from: ENVOY_PROXIES,
        to: HEADLAMP_PODS,
        ports: [tcp(HEADLAMP_PORT)],
        purpose: 'the console through the management listener',
      });
    }
    flows.push(apiServerFlow('console', HEADLAMP_PODS));
    return flows;
  },
};
