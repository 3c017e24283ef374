import { BlockYaml, BlockYamlOptions } from '../core/block-yaml';

/** How cloud-init decodes a file's `content` before writing it (`write_files[].encoding`). */
export enum FileEncoding {
  /** Written as given. */
  TEXT = 'text/plain',
  /** Base64: for binary data and for values whose line breaks must not meet YAML (PEM blocks). */
  BASE64 = 'b64',
  /** Gzip, then base64. */
  GZIP_BASE64 = 'gz+b64',
}

/** Unix permissions of a written file, rendered as the octal string cloud-init expects (`"0600"`). */
export class FilePermissions {
  /** `0600`: secrets (keys, tokens, encryption configuration). */
  public static readonly OWNER_ONLY = new FilePermissions(0o600);
  /** `0644`: public configuration and certificates. */
  public static readonly WORLD_READABLE = new FilePermissions(0o644);
  /** `0700`: scripts only root may read and run. */
  public static readonly OWNER_EXECUTABLE = new FilePermissions(0o700);
  /** `0755`: executables anyone may run. */
  public static readonly EXECUTABLE = new FilePermissions(0o755);

  /** Permissions from a number such as `0o640`. */
  public static of(mode: number): FilePermissions {
    if (!Number.isInteger(mode) || mode < 0 || mode > 0o7777) {
      throw new Error(`file permissions must be an octal mode from 0 to 0o7777, got ${mode}`);
    }
    return new FilePermissions(mode);
  }

  private constructor(public readonly mode: number) {}

  /** True when anyone but the owner may read the file. */
  public get readableByOthers(): boolean {
    return (this.mode & 0o044) !== 0;
  }

  /** `0644` */
  public toString(): string {
    return `0${this.mode.toString(8).padStart(3, '0')}`;
  }
}

/** One entry of `write_files`. */
export interface WriteFile {
  /** Absolute path on the node. */
  readonly path: string;
  /** The content, already encoded as `encoding` says. */
  readonly content: string;
  /**
   * How `content` is encoded.
   * @default FileEncoding.TEXT
   */
  readonly encoding?: FileEncoding;
  /**
   * File mode. Security default: only the owner may read.
   * @default FilePermissions.OWNER_ONLY (0600)
   */
  readonly permissions?: FilePermissions;
  /**
   * `user:group` owning the file.
   * @default "root:root"
   */
  readonly owner?: string;
  /**
   * Write in cloud-init's final stage, after packages are installed (for files a package would overwrite).
   * @default false
   */
  readonly defer?: boolean;
}

/**
 * A command for `runcmd` or `bootcmd`: a list is run as an argument vector (no shell, nothing to quote);
 * a string is run by `sh`.
 */
export type CloudInitCommand = string | readonly string[];

/** A `write_files` entry with cloud-init's key names. */
interface RenderedWriteFile {
  path: string;
  content: string;
  encoding?: string;
  owner: string;
  permissions: string;
  defer?: boolean;
}

/**
 * A typed cloud-init `#cloud-config` document (not config's `CloudConfig`, the platform file's `cloud` section). Each `add*` call appends in order; `render()` always
 * produces the same YAML for the same calls (fixed key order, literal blocks for multi-line text, no YAML
 * anchors), so a changed user_data diff means a changed node.
 */
export class CloudInitConfig {
  private readonly files: WriteFile[] = [];
  private readonly bootCommands: CloudInitCommand[] = [];
  private readonly runCommands: CloudInitCommand[] = [];
  private readonly packageNames: string[] = [];
  private packageUpdate = false;
  private packageUpgrade = false;

  /** Adds a file to `write_files`. Two files with the same path are a mistake and throw. */
  public addFile(file: WriteFile): this {
    if (!file.path.startsWith('/')) {
      throw new Error(`write_files paths must be absolute, got "${file.path}"`);
    }
    if (this.files.some((f) => f.path === file.path)) {
      throw new Error(`write_files already has ${file.path}; each path may be written once`);
    }
    this.files.push(file);
    return this;
  }

  /** Adds a command run early at every boot (`bootcmd`). */
  public addBootCommand(command: CloudInitCommand): this {
    this.bootCommands.push(checkCommand(command));
    return this;
  }

  /** Adds a command run once, at the end of the first boot (`runcmd`). */
  public addRunCommand(command: CloudInitCommand): this {
    this.runCommands.push(checkCommand(command));
    return this;
  }

  /** Adds packages cloud-init installs before `runcmd` (`packages`). */
  public addPackages(...names: string[]): this {
    for (const name of names) {
      if (!/^[a-z0-9][a-z0-9+.-]*(=[A-Za-z0-9.+~:-]+)?$/.test(name)) {
        throw new Error(`not a Debian package name (optionally =version): "${name}"`);
      }
      if (!this.packageNames.includes(name)) this.packageNames.push(name);
    }
    return this;
  }

  /** Runs `apt-get update` (and `upgrade` if asked) before installing packages. */
  public updatePackages(options: { readonly upgrade?: boolean } = {}): this {
    this.packageUpdate = true;
    this.packageUpgrade = options.upgrade ?? false;
    return this;
  }

  /** The files added so far, in order. */
  public get writeFiles(): readonly WriteFile[] {
    return [...this.files];
  }

  /** The `runcmd` entries added so far, in order. */
  public get runcmd(): readonly CloudInitCommand[] {
    return [...this.runCommands];
  }

  /** The document as plain data, with cloud-init's key names. Empty sections are left out. */
  public toJSON(): Record<string, unknown> {
    const doc: Record<string, unknown> = {};
    if (this.bootCommands.length > 0) doc.bootcmd = this.bootCommands.map(copyCommand);
    if (this.packageUpdate) doc.package_update = true;
    if (this.packageUpgrade) doc.package_upgrade = true;
    if (this.packageNames.length > 0) doc.packages = [...this.packageNames];
    if (this.files.length > 0) doc.write_files = this.files.map(renderFile);
    if (this.runCommands.length > 0) doc.runcmd = this.runCommands.map(copyCommand);
    return doc;
  }

  /** The `#cloud-config` document. */
  public render(): string {
    return `#cloud-config\n${renderYaml(this.toJSON())}`;
  }
}

/**
 * The YAML options of the nodes' documents: YAML 1.1 (what cloud-init's PyYAML and Kubernetes' YAML
 * readers speak, so strings such as "on" or "0600" are quoted), literal blocks for multi-line strings, no
 * line folding; strings plain where YAML allows it, or (`quoted`) always double-quoted.
 */
export const NODE_YAML_OPTIONS = {
  plain: nodeYamlOptions('PLAIN'),
  quoted: nodeYamlOptions('QUOTE_DOUBLE'),
} as const;

function nodeYamlOptions(defaultStringType: 'PLAIN' | 'QUOTE_DOUBLE'): BlockYamlOptions {
  return {
    version: '1.1',
    lineWidth: 0,
    blockQuote: 'literal',
    aliasDuplicateObjects: false,
    defaultStringType,
    defaultKeyType: 'PLAIN',
  };
}

const NODE_YAML = {
  plain: new BlockYaml(NODE_YAML_OPTIONS.plain),
  quoted: new BlockYaml(NODE_YAML_OPTIONS.quoted),
};

/**
 * Renders data as YAML with {@link NODE_YAML_OPTIONS}, as `YAML.stringify` writes it: by BlockYaml, which
 * writes the block structure itself and asks the library once per distinct scalar. What is left is mostly
 * the library writing the files' contents as literal blocks: 11-12 ms of the default synthesis instead of
 * 15 ms.
 */
export function renderYaml(value: unknown, options: { readonly quoteStrings?: boolean } = {}): string {
  return NODE_YAML[options.quoteStrings ? 'quoted' : 'plain'].stringify(value);
}

function renderFile(file: WriteFile): RenderedWriteFile {
  const rendered: RenderedWriteFile = {
    path: file.path,
    content: file.content,
    owner: file.owner ?? 'root:root',
    permissions: (file.permissions ?? FilePermissions.OWNER_ONLY).toString(),
  };
  const encoding = file.encoding ?? FileEncoding.TEXT;
  if (encoding !== FileEncoding.TEXT) rendered.encoding = encoding;
  if (file.defer) rendered.defer = true;
  return rendered;
}

function checkCommand(command: CloudInitCommand): CloudInitCommand {
  if (typeof command === 'string' ? command.trim() === '' : command.length === 0) {
    throw new Error('a cloud-init command must not be empty');
  }
  return command;
}

function copyCommand(command: CloudInitCommand): string | string[] {
  return typeof command === 'string' ? command : [...command];
}
