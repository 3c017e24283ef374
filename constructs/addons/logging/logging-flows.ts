import { PlatformNamespace } from '../../../config/platform-names';
import { PlatformFlow, apiServerFlow, pods, tcp } from '../core/platform-flows';
import { LOKI_PORT } from './logging';

/** Loki's pods. */
export const LOKI_PODS = pods(PlatformNamespace.LOGGING, 'loki', { 'app.kubernetes.io/name': 'loki' });
/** Fluent Bit's pods, in their own (privileged) namespace. */
const FLUENT_BIT = pods(PlatformNamespace.LOGGING_AGENTS, 'fluent-bit', {
  'app.kubernetes.io/name': 'fluent-bit',
});

/** Fluent Bit ships logs to Loki, and reads pod metadata from the API. */
export function loggingFlows(): PlatformFlow[] {
  return [
    {
      id: 'loki-from-fluent-bit',
      from: FLUENT_BIT,
      to: LOKI_PODS,
      ports: [tcp(LOKI_PORT)],
      purpose: 'Fluent Bit ships every container log to Loki',
    },
    {
      id: 'loki-internal',
      from: LOKI_PODS,
      to: LOKI_PODS,
      purpose: "Loki's modules reach each other through its own Services (memberlist, gRPC)",
    },
    apiServerFlow('fluent-bit', FLUENT_BIT),
  ];
}
