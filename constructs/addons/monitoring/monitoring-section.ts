import {
  AddonSectionContext,
  AddonSettings,
  DataSize,
  EMAIL,
  ResolvedResources,
  TimeSpan,
  addonDuration,
  addonResources,
  addonSchema,
  addonVolumeSize,
  boolean,
  containerResources,
  list,
  name,
  optional,
  ratio,
  resolveResources,
  section,
  text,
  url,
  withDefault,
  z,
} from '../../../config';

/**
 * Monitoring's defaults, unless `addons.monitoring` says otherwise. Prometheus is small on purpose: the
 * default platform must leave at least half of two m1.large minions to apps (constructs/addons/core/footprint.ts).
 */
export const DEFAULT_MONITORING = {
  retention: '7d',
  storageSize: '10Gi',
  errorRatioThreshold: 0.05,
  /** Prometheus's. */
  resources: containerResources('100m', '512Mi', '1', '1Gi'),
} as const;

/** Where Alertmanager sends alerts. */
export interface AlertReceiver {
  readonly name: string;
  readonly webhookUrl?: string;
  readonly email?: string;
}

/** The mail relay Alertmanager sends e-mail through (no authentication; relay by source address). */
export interface SmtpRelay {
  readonly smarthost: string;
  readonly from: string;
  readonly requireTls: boolean;
}

const receiverSchema = section(
  {
    name: name('Receiver name, DNS-1123 label, unique.').check(
      z.refine((given: string) => given !== 'null', {
        error: "is reserved (Alertmanager's receiver for silenced alerts); choose another name",
      }),
    ),
    webhookUrl: optional(
      url({
        allowed: "the URL receiving Alertmanager's JSON payload (alerts name hosts and apps: never http://)",
        doc: "Webhook URL (https://) receiving Alertmanager's JSON payload.",
      }),
    ),
    email: optional(
      text({ pattern: EMAIL, allowed: 'an e-mail address', doc: 'E-mail address to notify; needs `smtp`.' }),
    ),
  },
  'Where Alertmanager sends alerts: a webhook, an e-mail address, or both.',
).check(
  z.refine((receiver: { webhookUrl?: string; email?: string }) => receiver.webhookUrl || receiver.email, {
    error: 'must have a webhookUrl or an email (or both)',
  }),
);

const smtpSchema = section(
  {
    smarthost: text({
      pattern: /^[A-Za-z0-9.-]+:\d{1,5}$/,
      allowed: '"host:port" of the mail relay, e.g. "smtp.example.com:587"',
      required: '"host:port" of the mail relay',
      doc: '`host:port` of the relay.',
    }),
    from: text({
      pattern: EMAIL,
      allowed: 'an e-mail address',
      required: 'the sender address',
      doc: 'Sender address.',
    }),
    requireTls: withDefault(boolean('Require STARTTLS.'), true),
  },
  'The mail relay Alertmanager sends e-mail through (no authentication; relay by source address). Required when a receiver has `email`.',
);

/** `addons.monitoring`: its fields, messages, defaults and descriptions. */
export const MONITORING_SCHEMA = addonSchema(
  {
    doc: 'kube-prometheus-stack (Prometheus, Alertmanager, Grafana), the platform alert rules and node-problem-detector.',
    enabled: "Deploy kube-prometheus-stack, the platform's alert rules and node-problem-detector.",
  },
  {
    retention: withDefault(addonDuration('How long Prometheus keeps samples.'), DEFAULT_MONITORING.retention),
    storageSize: withDefault(
      addonVolumeSize("Size of Prometheus's volume (Prometheus also stops at 90% of it)."),
      DEFAULT_MONITORING.storageSize,
    ),
    receivers: withDefault(
      list(
        receiverSchema,
        undefined,
        'Alert receivers; every alert goes to all of them. Without receivers alerts show in Alertmanager and Grafana only.',
      ),
      [],
    ),
    smtp: optional(smtpSchema),
    errorRatioThreshold: withDefault(
      ratio('Ratio of 5xx responses above which an app alerts.'),
      DEFAULT_MONITORING.errorRatioThreshold,
    ),
    nodeProblemDetector: withDefault(
      boolean('Run node-problem-detector (kernel and container-runtime problems as node conditions).'),
      true,
    ),
    resources: addonResources(DEFAULT_MONITORING.resources, "Prometheus's resources."),
  },
);

/** `addons.monitoring`, as written in the platform file. */
export type MonitoringAddonConfig = z.input<typeof MONITORING_SCHEMA>;

/** `addons.monitoring`, resolved. */
export interface MonitoringSettings extends AddonSettings {
  readonly retention: TimeSpan;
  readonly storageSize: DataSize;
  readonly receivers: readonly AlertReceiver[];
  readonly smtp?: SmtpRelay;
  readonly errorRatioThreshold: number;
  readonly nodeProblemDetector: boolean;
  readonly resources: ResolvedResources;
}

/**
 * `addons.monitoring` as its schema read it, resolved; the checks across its fields: receiver names are
 * unique, an e-mail receiver needs `smtp`, e-mail without TLS is a warning.
 */
export function resolveMonitoring(
  section: z.output<typeof MONITORING_SCHEMA>,
  { path, problems }: AddonSectionContext,
): Omit<MonitoringSettings, 'enabled'> {
  const first = new Map<string, number>();
  section.receivers.forEach((receiver, i) => {
    const taken = first.get(receiver.name);
    if (taken !== undefined) {
      problems.add(
        `${path}.receivers[${i}].name`,
        receiver.name,
        `Receiver names must be unique; ${path}.receivers[${taken}] has it already`,
      );
    } else first.set(receiver.name, i);
    if (receiver.email !== undefined && section.smtp === undefined) {
      problems.add(
        `${path}.receivers[${i}].email`,
        receiver.email,
        `needs ${path}.smtp (the mail relay to send through)`,
      );
    }
  });
  if (section.smtp?.requireTls === false) {
    problems.warn(
      `${path}.smtp.requireTls`,
      false,
      'sends alert e-mail without TLS: anyone on the path reads host and app names; keep true unless the relay is on a trusted network',
    );
  }
  return {
    retention: TimeSpan.tryParse(section.retention)!,
    storageSize: DataSize.tryParse(section.storageSize)!,
    receivers: section.receivers,
    smtp: section.smtp,
    errorRatioThreshold: section.errorRatioThreshold,
    nodeProblemDetector: section.nodeProblemDetector,
    resources: resolveResources(section.resources),
  };
}
