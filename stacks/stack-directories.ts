import * as fs from 'fs';
import * as path from 'path';

/**
 * The stack directories `cdktf.out/stacks/<stack>/` are shared: Berth writes `cdk.tf.json` there, and
 * Terraform (run by the cdktf CLI) keeps its providers (`.terraform/`) and provider lock
 * (`.terraform.lock.hcl`) beside it. cdktf-cli 0.21 runs `terraform init` only when the lock file is
 * missing or no longer matches the providers (`checkNeedsLockfileUpdate` in @cdktf/cli-core's
 * cdktf-stack.js), so keeping both makes re-initialisation the exception.
 */
export const TERRAFORM_ENTRIES: readonly string[] = ['.terraform', '.terraform.lock.hcl'];

/** Where provider locks are kept for review and commit, relative to the project root (beside cdktf.out). */
export const PROVIDER_LOCKS_DIR = 'terraform-locks';

/** Whether the cdktf CLI runs this process (it passes its context to the app it synthesizes). */
export function underCdktfCli(env: NodeJS.ProcessEnv): boolean {
  return env.CDKTF_CONTEXT_JSON !== undefined;
}

/** Removes what an earlier synthesis wrote into each stack directory, keeping Terraform's own entries. */
export function clearStackOutputs(outdir: string): void {
  const stacks = path.join(outdir, 'stacks');
  for (const stack of entries(stacks)) {
    const dir = path.join(stacks, stack);
    if (!fs.statSync(dir).isDirectory()) {
      fs.rmSync(dir, { force: true });
      continue;
    }
    for (const entry of entries(dir)) {
      if (!TERRAFORM_ENTRIES.includes(entry))
        fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
    }
  }
}

/**
 * Removes the directories of stacks that no longer exist, unless the cdktf CLI runs us: cdktf-cli 0.21
 * lists the stack directories before synthesis and deletes the orphans itself afterwards, failing with
 * ENOENT (`lstat 'cdktf.out/stacks/<old>'`) when one is already gone (`SynthStack.synth`).
 */
export function removeOrphanStacks(outdir: string, stackNames: readonly string[], cli: boolean): void {
  if (cli) return;
  const stacks = path.join(outdir, 'stacks');
  for (const stack of entries(stacks)) {
    if (!stackNames.includes(stack)) fs.rmSync(path.join(stacks, stack), { recursive: true, force: true });
  }
}

/**
 * Keeps each stack's provider lock in `<project>/terraform-locks/<stack>.terraform.lock.hcl`, where
 * reviewers see it and Git keeps it: the newer of the two copies wins. A lock Terraform wrote (first
 * `init`, a provider upgrade) is copied out; a committed lock is copied into a stack directory that has
 * providers installed but no lock. A stack directory without `.terraform/` gets no lock, so that the
 * cdktf CLI initialises it (with a lock present it would not, and Terraform would stop).
 *
 * @returns one line per lock copied out, for the deployer to commit
 */
export function syncProviderLocks(outdir: string, locksDir: string, stackNames: readonly string[]): string[] {
  const notes: string[] = [];
  for (const stack of stackNames) {
    const dir = path.join(outdir, 'stacks', stack);
    const working = path.join(dir, '.terraform.lock.hcl');
    const kept = path.join(locksDir, `${stack}.terraform.lock.hcl`);
    const workingTime = mtime(working);
    const keptTime = mtime(kept);
    if (workingTime !== undefined && (keptTime === undefined || workingTime > keptTime)) {
      const text = fs.readFileSync(working);
      if (keptTime === undefined || !text.equals(fs.readFileSync(kept))) {
        fs.mkdirSync(locksDir, { recursive: true });
        fs.writeFileSync(kept, text);
        notes.push(
          `Provider lock of ${stack} updated: ${path.relative(process.cwd(), kept)} (review and commit it)`,
        );
      }
    } else if (keptTime !== undefined && fs.existsSync(path.join(dir, '.terraform'))) {
      if (workingTime === undefined || !fs.readFileSync(kept).equals(fs.readFileSync(working))) {
        fs.copyFileSync(kept, working);
      }
    }
  }
  return notes;
}

function entries(dir: string): string[] {
  try {
    return fs.readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function mtime(file: string): number | undefined {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}
