import { IMAGE_DIGEST } from '../core/image-digest';

/** A repository path in the private registry: lower-case components separated by "/". */
export const IMAGE_REPOSITORY = /^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;
/** An OCI tag. */
export const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
export { IMAGE_DIGEST };

/**
 * An image in the private registry: a repository plus either a tag (mutable, fine for development) or a
 * digest (immutable: what production runs). The registry host and stage come from the environment.
 */
export class AppImage {
  /** `sites/wordpress` at tag `6.8`. */
  public static tag(repository: string, tag: string): AppImage {
    return AppImage.checked(repository, { tag });
  }

  /** `sites/wordpress` at digest `sha256:…` (64 hex digits). */
  public static digest(repository: string, digest: string): AppImage {
    return AppImage.checked(repository, { digest });
  }

  /** Problems with a repository/version pair, as human sentences (empty when valid). */
  public static problemsOf(
    repository: string,
    version: { readonly tag?: string; readonly digest?: string },
  ): string[] {
    const problems: string[] = [];
    if (!IMAGE_REPOSITORY.test(repository)) {
      problems.push(
        `repository "${repository}" must be lower-case path components of letters, digits, ".", "_" and "-", e.g. "team-a/shop"`,
      );
    }
    if ((version.tag === undefined) === (version.digest === undefined)) {
      problems.push('give exactly one of tag or digest');
    } else if (version.tag !== undefined && !IMAGE_TAG.test(version.tag)) {
      problems.push(
        `tag "${version.tag}" must be 1-128 letters, digits, "_", "." and "-", not starting with "." or "-"`,
      );
    } else if (version.digest !== undefined && !IMAGE_DIGEST.test(version.digest)) {
      problems.push(`digest "${version.digest}" must be "sha256:" followed by 64 lower-case hex digits`);
    }
    return problems;
  }

  private static checked(
    repository: string,
    version: { readonly tag?: string; readonly digest?: string },
  ): AppImage {
    const problems = AppImage.problemsOf(repository, version);
    if (problems.length > 0) throw new Error(`invalid image: ${problems.join('; ')}`);
    return new AppImage(repository, version.tag, version.digest);
  }

  private constructor(
    public readonly repository: string,
    public readonly tag: string | undefined,
    public readonly digest: string | undefined,
  ) {}

  /** True when pinned by digest. */
  public get isDigest(): boolean {
    return this.digest !== undefined;
  }

  /** The full reference under a registry prefix, e.g. `registry.apps.example.com/dev/sites/wordpress:6.8`. */
  public reference(registryPrefix: string): string {
    const base = `${registryPrefix}/${this.repository}`;
    return this.digest !== undefined ? `${base}@${this.digest}` : `${base}:${this.tag}`;
  }

  /**
   * The version as a DNS-label fragment (at most 20 characters): the tag lower-cased with other characters
   * turned into "-", or the digest's first 12 hex digits. Names release Jobs, which must change per version.
   */
  public get versionSlug(): string {
    if (this.digest !== undefined) return this.digest.slice('sha256:'.length, 'sha256:'.length + 12);
    const slug = (this.tag ?? '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 20)
      .replace(/^-+|-+$/g, '');
    return slug || 'latest';
  }

  public toString(): string {
    return this.digest !== undefined ? `${this.repository}@${this.digest}` : `${this.repository}:${this.tag}`;
  }
}
