import { ResolvedResources } from './addons-config';
import { CpuQuantity } from './cpu-quantity';
import { DataSize } from './data-size';
import { FieldReader } from './field-reader';
import { TimeSpan } from './time-span';

/*
 * Field readers shared by the add-ons' config sections (constructs/addons/<name>/<name>-addon.ts and
 * config/resolve-addons.ts): one message per kind of field, whichever add-on reads it.
 */

const CPU_ALLOWED = 'a CPU quantity such as "100m", "0.5" or "2"';
const MEMORY_ALLOWED = 'a memory quantity such as "128Mi" or "1Gi"';
const DURATION_ALLOWED = 'a duration such as "12h", "7d" or "2w" (units s, m, h, d, w)';

/** An add-on field that is true or false; absent gives the fallback. */
export function addonBoolean(read: FieldReader, path: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') {
    read.problems.add(path, value, 'must be true or false (unquoted in YAML)');
    return fallback;
  }
  return value;
}

/** A ratio strictly between 0 and 1; absent gives the fallback. */
export function addonRatio(read: FieldReader, path: string, value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !(value > 0 && value < 1)) {
    read.problems.add(path, value, 'must be a number between 0 and 1 exclusive, e.g. 0.05 for 5%');
    return fallback;
  }
  return value;
}

/** A duration (`TimeSpan`); absent gives the fallback. */
export function addonDuration(read: FieldReader, path: string, value: unknown, fallback: string): TimeSpan {
  return read.parsed(path, value, fallback, TimeSpan.tryParse, DURATION_ALLOWED);
}

/** The size of a Cinder volume: whole GiB; absent gives the fallback. */
export function addonVolumeSize(read: FieldReader, path: string, value: unknown, fallback: string): DataSize {
  const size = read.parsed(path, value, fallback, DataSize.tryParse, 'a size such as "20Gi"');
  if (!size.isWholeGibibytes) {
    read.problems.add(path, value, 'must be a whole number of Gi (Cinder allocates whole GiB)');
  }
  return size;
}

/**
 * An add-on's `resources` (requests and limits of its main container), each field overriding `defaults`;
 * requests may not exceed limits.
 */
export function addonResources(
  read: FieldReader,
  path: string,
  value: unknown,
  defaults: ResolvedResources,
): ResolvedResources {
  const raw = read.object(path, value, ['cpuRequest', 'memoryRequest', 'cpuLimit', 'memoryLimit']) ?? {};
  const cpu = (field: string, fallback: CpuQuantity): CpuQuantity => {
    if (raw[field] === undefined || raw[field] === null) return fallback;
    const parsed = CpuQuantity.tryParse(raw[field]);
    if (parsed === undefined) read.problems.add(`${path}.${field}`, raw[field], `must be ${CPU_ALLOWED}`);
    return parsed ?? fallback;
  };
  const memory = (field: string, fallback: DataSize): DataSize => {
    if (raw[field] === undefined || raw[field] === null) return fallback;
    const parsed = DataSize.tryParse(raw[field]);
    if (parsed === undefined) read.problems.add(`${path}.${field}`, raw[field], `must be ${MEMORY_ALLOWED}`);
    return parsed ?? fallback;
  };
  const result: ResolvedResources = {
    requests: {
      cpu: cpu('cpuRequest', defaults.requests.cpu),
      memory: memory('memoryRequest', defaults.requests.memory),
    },
    limits: {
      cpu: cpu('cpuLimit', defaults.limits.cpu),
      memory: memory('memoryLimit', defaults.limits.memory),
    },
  };
  if (result.requests.cpu.toMillicores() > result.limits.cpu.toMillicores()) {
    read.problems.add(
      `${path}.cpuRequest`,
      raw.cpuRequest ?? result.requests.cpu.toString(),
      `must not exceed the CPU limit (${result.limits.cpu.toString()})`,
    );
  }
  if (result.requests.memory.toMebibytes() > result.limits.memory.toMebibytes()) {
    read.problems.add(
      `${path}.memoryRequest`,
      raw.memoryRequest ?? result.requests.memory.toString(),
      `must not exceed the memory limit (${result.limits.memory.toString()})`,
    );
  }
  return result;
}
