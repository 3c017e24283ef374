/**
 * A Kubernetes minor release that Berth knows how to install (kubeadm v1beta4, pkgs.k8s.io repositories).
 */
export class KubernetesVersion {
  /** Minors Berth installs and tests. kubeadm's v1beta4 API needs 1.31 or newer. */
  public static readonly SUPPORTED_MINORS: readonly number[] = [33, 34, 35, 36];

  /** The minor used when a cluster does not name one. */
  public static readonly DEFAULT = new KubernetesVersion(35);

  /** Parses `1.NN` (a minor, not a patch: patches come from the pinned package repository). */
  public static tryParse(text: unknown): KubernetesVersion | undefined {
    if (typeof text !== 'string') return undefined;
    const match = /^1\.(\d{1,2})$/.exec(text);
    if (!match) return undefined;
    const minor = Number(match[1]);
    return KubernetesVersion.SUPPORTED_MINORS.includes(minor) ? new KubernetesVersion(minor) : undefined;
  }

  /** Human list of what tryParse accepts, for error messages. */
  public static describeSupported(): string {
    return KubernetesVersion.SUPPORTED_MINORS.map((m) => `"1.${m}"`).join(', ');
  }

  private constructor(public readonly minor: number) {}

  /** `1.35` */
  public toString(): string {
    return `1.${this.minor}`;
  }

  public toJSON(): string {
    return this.toString();
  }

  /** The pkgs.k8s.io apt channel for this minor, e.g. `v1.35`. */
  public get aptChannel(): string {
    return `v${this.toString()}`;
  }
}
