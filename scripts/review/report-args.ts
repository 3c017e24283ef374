/** Command-line arguments of `npm run report`. */

export const REPORT_USAGE = `usage: npm run report -- [--base <git ref>] [--out <file>] [--config <platform file>]
  --base <ref>     also show the plan diff against this git ref, highlighted
  --out <file>     where to write the page (default: cdktf.out/report.html)
  --config <file>  platform file (default: $BERTH_CONFIG, else the embedded default)`;

export interface ReportArgs {
  readonly base?: string;
  readonly out: string;
  readonly config?: string;
}

/** Default page of `npm run report`. */
export const DEFAULT_REPORT = 'cdktf.out/report.html';

/** The arguments, or the problem with them ("" for --help). */
export function parseReportArgs(argv: readonly string[]): ReportArgs | string {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return '';
    if (!['--base', '--out', '--config'].includes(arg)) return `unknown argument "${arg}"`;
    const value = argv[++i];
    if (value === undefined || value.startsWith('--')) return `${arg} needs a value`;
    values[arg.slice(2)] = value;
  }
  return {
    out: values.out ?? DEFAULT_REPORT,
    ...(values.base ? { base: values.base } : {}),
    ...(values.config ? { config: values.config } : {}),
  };
}
