import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { MANAGED_BY_BERTH_LABEL, PlatformNamespace } from '../../../config';
import {
  AddonFootprint,
  AlertingRule,
  HelmAddonRelease,
  KubernetesObject,
  PlatformAddon,
  RuleGroup,
} from '../../../constructs/addons';

/** A Prometheus Operator PrometheusRule (monitoring.coreos.com/v1): rule groups Prometheus loads. */
export interface PrometheusRuleManifest extends KubernetesObject {
  readonly apiVersion: 'monitoring.coreos.com/v1';
  readonly kind: 'PrometheusRule';
  readonly spec: { readonly groups: readonly RuleGroup[] };
}

/** Name of the PrometheusRule, and of its one rule group. */
export const CUSTOM_ALERTS_RULE = 'custom-alerts';

export interface CustomAlertsProps {
  /** The alerting rules. */
  readonly rules: readonly AlertingRule[];
}

/**
 * The platform operators' own alerting rules, next to Berth's: one PrometheusRule in the monitoring
 * namespace, which kube-prometheus-stack's Prometheus loads (it selects every PrometheusRule). Alerts go
 * to the receivers of `addons.monitoring`. Runs no pod: its footprint is empty.
 */
export class CustomAlerts extends Construct implements PlatformAddon {
  public readonly addonName: string;
  public readonly footprint: AddonFootprint;
  public readonly releases: readonly HelmAddonRelease<object>[] = [];
  public readonly objects: readonly KubernetesObject[];
  public readonly ready: readonly ITerraformDependable[] = [];
  public readonly rule: PrometheusRuleManifest;

  constructor(scope: Construct, id: string, props: CustomAlertsProps & { readonly addonName: string }) {
    super(scope, id);
    this.addonName = props.addonName;
    this.footprint = { addon: props.addonName, workloads: [] };
    this.rule = {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: {
        name: CUSTOM_ALERTS_RULE,
        namespace: PlatformNamespace.MONITORING,
        labels: { ...MANAGED_BY_BERTH_LABEL },
      },
      spec: { groups: [{ name: CUSTOM_ALERTS_RULE, rules: props.rules }] },
    };
    this.objects = [this.rule];
  }
}
