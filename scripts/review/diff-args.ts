/** Command-line arguments of `npm run diff`. */

export const DIFF_USAGE = `usage: npm run diff -- [--base <git ref>] [--json] [--config <platform file>]
  --base <ref>     what to compare with (default: the merge base of HEAD with main)
  --json           print JSON (for CI comments) instead of text
  --config <file>  platform file for both sides (default: $BERTH_CONFIG, else the embedded default)
exit codes: 0 no change, 1 changes, 3 dangerous changes, 2 error`;

export interface DiffArgs {
  readonly base?: string;
  readonly json: boolean;
  readonly config?: string;
}

/** The arguments, or the problem with them ("" for --help). */
export function parseDiffArgs(argv: readonly string[]): DiffArgs | string {
  let base: string | undefined;
  let config: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') json = true;
    else if (arg === '--base' || arg === '--config') {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) return `${arg} needs a value`;
      if (arg === '--base') base = value;
      else config = value;
    } else if (arg === '--help' || arg === '-h') return '';
    else return `unknown argument "${arg}"`;
  }
  return { json, ...(base !== undefined ? { base } : {}), ...(config !== undefined ? { config } : {}) };
}
