import { ResolvedResources, ResourceAmounts } from './addons-config';
import { CpuQuantity } from './cpu-quantity';
import { DataSize } from './data-size';
import { parsed, section, withDefault, z } from './schema';
import { TimeSpan } from './time-span';

/*
 * Field builders shared by the add-ons' section schemas (constructs/addons/<name>/<name>-addon.ts), built
 * on config/schema's: one message and one JSON Schema shape per kind of field, whichever add-on has it.
 */

const CPU_ALLOWED = 'a CPU quantity such as "100m", "0.5" or "2"';
const MEMORY_ALLOWED = 'a memory quantity such as "128Mi" or "1Gi"';
const DURATION_ALLOWED = 'a duration such as "12h", "7d" or "2w" (units s, m, h, d, w)';

/** A duration; the resolver reads it with `TimeSpan.tryParse`. */
export function addonDuration(doc: string) {
  return parsed(TimeSpan.tryParse, DURATION_ALLOWED, { doc });
}

/** The size of a Cinder volume: whole GiB; the resolver reads it with `DataSize.tryParse`. */
export function addonVolumeSize(doc: string) {
  return parsed(DataSize.tryParse, 'a size such as "20Gi"', { doc }).check(
    z.refine((text: string) => DataSize.tryParse(text)?.isWholeGibibytes === true, {
      error: 'must be a whole number of Gi (Cinder allocates whole GiB)',
      abort: true,
    }),
  );
}

/** Builds resolved resources from Kubernetes-style quantities (for defaults written in code). */
export function containerResources(
  cpuRequest: string,
  memoryRequest: string,
  cpuLimit: string,
  memoryLimit: string,
) {
  const amounts = (cpu: string, memory: string): ResourceAmounts => {
    const quantity = CpuQuantity.tryParse(cpu);
    const size = DataSize.tryParse(memory);
    if (quantity === undefined || size === undefined) throw new Error(`bad quantity: ${cpu} / ${memory}`);
    return { cpu: quantity, memory: size };
  };
  return {
    requests: amounts(cpuRequest, memoryRequest),
    limits: amounts(cpuLimit, memoryLimit),
  } satisfies ResolvedResources;
}

/** `resources` as read by its schema: every quantity given or defaulted, as text. */
export interface ResourcesSection {
  readonly cpuRequest: string;
  readonly memoryRequest: string;
  readonly cpuLimit: string;
  readonly memoryLimit: string;
}

/**
 * An add-on's `resources` (requests and limits of its main container), each field defaulting to
 * `defaults` (shown in the JSON Schema); requests may not exceed limits. `resolveResources` reads it.
 */
export function addonResources(defaults: ResolvedResources, doc: string) {
  const cpu = (what: string, value: CpuQuantity) =>
    withDefault(
      parsed(CpuQuantity.tryParse, CPU_ALLOWED, { doc: `CPU ${what}, e.g. "250m".` }),
      value.toString(),
    );
  const memory = (what: string, value: DataSize) =>
    withDefault(
      parsed(DataSize.tryParse, MEMORY_ALLOWED, { doc: `Memory ${what}, e.g. "256Mi".` }),
      value.toString(),
    );
  const schema = section(
    {
      cpuRequest: cpu('requested', defaults.requests.cpu),
      memoryRequest: memory('requested', defaults.requests.memory),
      cpuLimit: cpu('limit', defaults.limits.cpu),
      memoryLimit: memory('limit', defaults.limits.memory),
    },
    `${doc} Each field overrides its default alone; a request may not exceed its limit.`,
  ).check(z.check<ResourcesSection>((payload) => requestsWithinLimits(payload)));
  return withDefault(schema, {});
}

/** The resolved form of a `resources` field its schema has read. */
export function resolveResources(section: ResourcesSection): ResolvedResources {
  return containerResources(section.cpuRequest, section.memoryRequest, section.cpuLimit, section.memoryLimit);
}

function requestsWithinLimits(payload: z.core.ParsePayload<ResourcesSection>): void {
  const value = payload.value;
  const report = (field: 'cpuRequest' | 'memoryRequest', message: string) =>
    // The request shown as in effect: the one given, or the default the limit was set below.
    payload.issues.push({
      code: 'custom',
      path: [field],
      message,
      input: value,
      params: { shown: value[field] },
    });
  const [cpuRequest, cpuLimit] = [
    CpuQuantity.tryParse(value.cpuRequest),
    CpuQuantity.tryParse(value.cpuLimit),
  ];
  if (cpuRequest && cpuLimit && cpuRequest.toMillicores() > cpuLimit.toMillicores()) {
    report('cpuRequest', `must not exceed the CPU limit (${cpuLimit.toString()})`);
  }
  const [memoryRequest, memoryLimit] = [
    DataSize.tryParse(value.memoryRequest),
    DataSize.tryParse(value.memoryLimit),
  ];
  if (memoryRequest && memoryLimit && memoryRequest.toMebibytes() > memoryLimit.toMebibytes()) {
    report('memoryRequest', `must not exceed the memory limit (${memoryLimit.toString()})`);
  }
}
