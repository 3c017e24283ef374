import { MANAGED_BY_BERTH_LABEL } from '../../config/platform-names';

/** Label keys Berth puts on what it deploys; selectors use only `name` and `component`. */
export enum WorkloadLabel {
  /** The app or backing service, e.g. `wordpress`, `wordpress-database`. */
  NAME = 'app.kubernetes.io/name',
  /** The process inside it: `web`, `worker-<name>`, `cron-<name>`, `release`, `database`, `cache`. */
  COMPONENT = 'app.kubernetes.io/component',
  MANAGED_BY = 'app.kubernetes.io/managed-by',
  /** The environment (also the namespace). */
  ENVIRONMENT = 'berth.dev/environment',
  /** Set to "true" on pods the shared Gateway may reach. */
  GATEWAY = 'berth.dev/gateway',
}

/** Value of `app.kubernetes.io/managed-by` (`MANAGED_BY_BERTH_LABEL`, whose key must be `WorkloadLabel.MANAGED_BY`). */
export const MANAGED_BY = MANAGED_BY_BERTH_LABEL[WorkloadLabel.MANAGED_BY];

/** The labels that select a workload's pods: stable for its whole life (selectors are immutable). */
export function selectorLabels(name: string, component: string): Record<string, string> {
  return { [WorkloadLabel.NAME]: name, [WorkloadLabel.COMPONENT]: component };
}

/** Labels of every object Berth creates for a workload. */
export function workloadLabels(name: string, component: string, environment: string): Record<string, string> {
  return {
    ...selectorLabels(name, component),
    [WorkloadLabel.MANAGED_BY]: MANAGED_BY,
    [WorkloadLabel.ENVIRONMENT]: environment,
  };
}
