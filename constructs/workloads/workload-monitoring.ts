import { ApiObject, ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';

/** Prometheus Operator's API group and version. */
export const MONITORING_API_VERSION = 'monitoring.coreos.com/v1';

/** One scrape endpoint: a named Service port. */
export interface ServiceMonitorEndpoint {
  readonly port: string;
  readonly path: string;
  /** Prometheus duration, e.g. `30s`. */
  readonly interval: string;
}

export interface ServiceMonitorSpec {
  readonly selector: { readonly matchLabels: Readonly<Record<string, string>> };
  readonly endpoints: readonly ServiceMonitorEndpoint[];
}

export interface ServiceMonitorProps {
  readonly metadata: ApiObjectMetadata;
  readonly spec: ServiceMonitorSpec;
}

/** Prometheus Operator `ServiceMonitor`: tells Prometheus to scrape a Service's pods. */
export class ServiceMonitor extends ApiObject {
  public static readonly KIND = 'ServiceMonitor';

  constructor(scope: Construct, id: string, props: ServiceMonitorProps) {
    super(scope, id, { apiVersion: MONITORING_API_VERSION, kind: ServiceMonitor.KIND, ...props });
  }
}

/** Severity label of an alert, routed by Alertmanager. */
export enum AlertSeverity {
  WARNING = 'warning',
  CRITICAL = 'critical',
}

export interface AlertRule {
  /** CamelCase alert name, e.g. `WordpressDown`. */
  readonly alert: string;
  /** PromQL that returns series while the alert fires. */
  readonly expr: string;
  /** How long `expr` must hold first, a Prometheus duration such as `5m`. */
  readonly for: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: { readonly summary: string; readonly description: string };
}

export interface PrometheusRuleSpec {
  readonly groups: readonly { readonly name: string; readonly rules: readonly AlertRule[] }[];
}

export interface PrometheusRuleProps {
  readonly metadata: ApiObjectMetadata;
  readonly spec: PrometheusRuleSpec;
}

/** Prometheus Operator `PrometheusRule`: alerting rules loaded by Prometheus. */
export class PrometheusRule extends ApiObject {
  public static readonly KIND = 'PrometheusRule';

  constructor(scope: Construct, id: string, props: PrometheusRuleProps) {
    super(scope, id, { apiVersion: MONITORING_API_VERSION, kind: PrometheusRule.KIND, ...props });
  }
}
