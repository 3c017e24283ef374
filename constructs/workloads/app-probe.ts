import { Duration } from 'cdk8s';
import { k8s } from 'cdk8s-plus-33';

/** Timing of a probe. */
export interface AppProbeOptions {
  /**
   * Port to probe.
   * @default the process's port
   */
  readonly port?: number;
  /**
   * Wait before the first probe.
   * @default no delay (use a startup probe for slow starters)
   */
  readonly initialDelay?: Duration;
  /**
   * Time between probes.
   * @default 10 seconds
   */
  readonly period?: Duration;
  /**
   * Time a probe may take.
   * @default 2 seconds
   */
  readonly timeout?: Duration;
  /**
   * Consecutive failures before the probe counts as failed.
   * @default 3
   */
  readonly failureThreshold?: number;
}

type ProbeAction =
  | { readonly kind: 'http'; readonly path: string }
  | { readonly kind: 'tcp' }
  | { readonly kind: 'exec'; readonly command: readonly string[] };

/** A readiness, liveness or startup probe. */
export class AppProbe {
  /** An HTTP GET on `path` that must answer 2xx or 3xx. */
  public static http(path: string, options: AppProbeOptions = {}): AppProbe {
    return new AppProbe({ kind: 'http', path }, options);
  }

  /** A TCP connect. */
  public static tcp(options: AppProbeOptions = {}): AppProbe {
    return new AppProbe({ kind: 'tcp' }, options);
  }

  /** A command in the container that must exit 0. */
  public static exec(command: readonly string[], options: AppProbeOptions = {}): AppProbe {
    return new AppProbe({ kind: 'exec', command }, options);
  }

  private constructor(
    private readonly action: ProbeAction,
    public readonly options: AppProbeOptions,
  ) {}

  /** True when the probe needs a port (HTTP, TCP). */
  public get needsPort(): boolean {
    return this.action.kind !== 'exec';
  }

  /** Problems with the probe, as sentences (empty when valid). */
  public problems(): string[] {
    const problems: string[] = [];
    if (this.action.kind === 'http' && !this.action.path.startsWith('/')) {
      problems.push(`path "${this.action.path}" must start with "/"`);
    }
    if (this.action.kind === 'exec' && this.action.command.length === 0)
      problems.push('command must not be empty');
    const { port, failureThreshold } = this.options;
    if (port !== undefined && !isPort(port))
      problems.push(`port ${port} must be a whole number from 1 to 65535`);
    if (failureThreshold !== undefined && (!Number.isInteger(failureThreshold) || failureThreshold < 1)) {
      problems.push(`failureThreshold ${failureThreshold} must be a whole number of 1 or more`);
    }
    return problems;
  }

  /** The probe as Kubernetes writes it; `defaultPort` is the process's port. */
  public toKube(defaultPort: number | undefined): k8s.Probe {
    const port = this.options.port ?? defaultPort;
    if (this.needsPort && port === undefined) {
      throw new Error('an HTTP or TCP probe on a process without a port needs options.port');
    }
    const timing = {
      initialDelaySeconds: this.options.initialDelay?.toSeconds(),
      periodSeconds: (this.options.period ?? Duration.seconds(10)).toSeconds(),
      timeoutSeconds: (this.options.timeout ?? Duration.seconds(2)).toSeconds(),
      failureThreshold: this.options.failureThreshold ?? 3,
    };
    switch (this.action.kind) {
      case 'http':
        return {
          ...timing,
          httpGet: { path: this.action.path, port: k8s.IntOrString.fromNumber(port as number) },
        };
      case 'tcp':
        return { ...timing, tcpSocket: { port: k8s.IntOrString.fromNumber(port as number) } };
      case 'exec':
        return { ...timing, exec: { command: [...this.action.command] } };
    }
  }
}

/** True for a TCP port number. */
export function isPort(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}
