/**
 * Synthesizes a git revision, or the working tree, into a folder with the project's own synth command
 * (`npm run synth`, whatever it does at that revision), so that both sides of a diff are built the same
 * way. A revision is checked out in a temporary `git worktree` that links the installed node_modules.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** A failure to synthesize one side, with what the tool printed. */
export class SynthError extends Error {}

export interface SynthRunOptions {
  /** Environment of the synth command (BERTH_CONFIG, ...); CDKTF_OUTDIR is set to the output folder. */
  readonly env?: NodeJS.ProcessEnv;
}

function run(command: string, args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv) {
  return spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: env ?? process.env,
    maxBuffer: 64 * 1024 * 1024,
  });
}

function git(repo: string, args: readonly string[]): string {
  const result = run('git', args, repo);
  if (result.status !== 0)
    throw new SynthError(`git ${args.join(' ')} failed: ${(result.stderr || result.stdout).trim()}`);
  return result.stdout.trim();
}

/** Full commit id of a revision. */
export function resolveRevision(repo: string, revision: string): string {
  return git(repo, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]);
}

/** The merge base of HEAD with the main branch (`main`, else `origin/main`, else `master`). */
export function defaultBase(repo: string): { ref: string; commit: string } {
  for (const branch of ['main', 'origin/main', 'master']) {
    const exists = run('git', ['rev-parse', '--verify', '--quiet', `${branch}^{commit}`], repo).status === 0;
    if (exists)
      return { ref: `merge-base(HEAD, ${branch})`, commit: git(repo, ['merge-base', 'HEAD', branch]) };
  }
  throw new SynthError('no main branch to compare with: pass --base <git ref>');
}

/** Runs the project's synth command in `dir`, writing into `outdir`. */
export function synthDirectory(dir: string, outdir: string, options: SynthRunOptions = {}): void {
  fs.mkdirSync(outdir, { recursive: true });
  const env = { ...process.env, ...options.env, CDKTF_OUTDIR: path.resolve(outdir) };
  const result = run('npm', ['run', '-s', 'synth'], dir, env);
  if (result.status !== 0) {
    throw new SynthError(
      `npm run synth failed in ${dir} (exit ${result.status}):\n${`${result.stderr}\n${result.stdout}`.trim()}`,
    );
  }
}

/**
 * Checks `commit` out in a temporary worktree under `workdir`, links the installed packages, runs the
 * revision's install hook (it generates the OpenStack bindings, offline) and synth command into
 * `outdir`, then removes the worktree.
 */
export function synthRevision(
  repo: string,
  commit: string,
  workdir: string,
  outdir: string,
  options: SynthRunOptions = {},
): void {
  const tree = path.join(workdir, 'checkout');
  git(repo, ['worktree', 'add', '--detach', '--force', tree, commit]);
  try {
    fs.symlinkSync(path.join(repo, 'node_modules'), path.join(tree, 'node_modules'), 'dir');
    const pkg = JSON.parse(fs.readFileSync(path.join(tree, 'package.json'), 'utf8')) as {
      scripts?: Record<string, string>;
    };
    if (pkg.scripts?.postinstall) {
      const hook = run('npm', ['run', '-s', 'postinstall'], tree, { ...process.env, ...options.env });
      if (hook.status !== 0)
        throw new SynthError(`npm run postinstall failed at ${commit}:\n${hook.stderr.trim()}`);
    }
    synthDirectory(tree, outdir, options);
  } finally {
    run('git', ['worktree', 'remove', '--force', tree], repo);
    run('git', ['worktree', 'prune'], repo);
  }
}
