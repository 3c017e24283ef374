import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  clearStackOutputs,
  removeOrphanStacks,
  syncProviderLocks,
  underCdktfCli,
} from '../../stacks/stack-directories';

function project(): { root: string; outdir: string; locks: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-dirs-'));
  return { root, outdir: path.join(root, 'cdktf.out'), locks: path.join(root, 'terraform-locks') };
}

function write(file: string, text: string, mtime?: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  if (mtime !== undefined) fs.utimesSync(file, mtime, mtime);
}

describe('stack directories', () => {
  test("a new synthesis clears what Berth wrote, never Terraform's providers and lock", () => {
    const { outdir } = project();
    const stack = path.join(outdir, 'stacks', 'main-infra');
    write(path.join(stack, 'cdk.tf.json'), '{}');
    write(path.join(stack, 'old-asset', 'x'), 'x');
    write(path.join(stack, '.terraform', 'providers', 'p'), 'binary');
    write(path.join(stack, '.terraform.lock.hcl'), 'lock');
    clearStackOutputs(outdir);
    expect(fs.readdirSync(stack).sort()).toEqual(['.terraform', '.terraform.lock.hcl']);
    expect(fs.readFileSync(path.join(stack, '.terraform', 'providers', 'p'), 'utf8')).toBe('binary');
  });

  test('orphaned stacks: removed by npm run synth, left to the cdktf CLI (which removes them itself)', () => {
    const { outdir } = project();
    for (const stack of ['old-environments', 'main-infra'])
      write(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), '{}');
    // What cdktf-cli 0.21 does around the app (SynthStack.synth): list the directories, run the app,
    // then rmSync each orphan without `force`, which throws ENOENT when the app removed it already.
    const listed = fs.readdirSync(path.join(outdir, 'stacks')).map((d) => path.join(outdir, 'stacks', d));
    removeOrphanStacks(outdir, ['main-infra'], true);
    for (const dir of listed.filter((d) => path.basename(d) !== 'main-infra'))
      fs.rmSync(dir, { recursive: true });
    expect(fs.readdirSync(path.join(outdir, 'stacks'))).toEqual(['main-infra']);

    write(path.join(outdir, 'stacks', 'gone-platform', 'cdk.tf.json'), '{}');
    removeOrphanStacks(outdir, ['main-infra'], false);
    expect(fs.readdirSync(path.join(outdir, 'stacks'))).toEqual(['main-infra']);
  });

  test('the cdktf CLI is recognised by the context it passes to the app', () => {
    expect(underCdktfCli({ CDKTF_CONTEXT_JSON: '{}' })).toBe(true);
    expect(underCdktfCli({ CDKTF_OUTDIR: 'cdktf.out' })).toBe(false);
  });

  describe('provider locks', () => {
    test('a lock Terraform wrote is copied out for commit, once', () => {
      const { root, outdir, locks } = project();
      write(path.join(outdir, 'stacks', 'main-infra', '.terraform.lock.hcl'), 'hashes v1');
      const notes = syncProviderLocks(outdir, locks, ['main-infra']);
      expect(notes).toEqual([expect.stringContaining('Provider lock of main-infra updated')]);
      expect(
        fs.readFileSync(path.join(root, 'terraform-locks', 'main-infra.terraform.lock.hcl'), 'utf8'),
      ).toBe('hashes v1');
      expect(syncProviderLocks(outdir, locks, ['main-infra'])).toEqual([]);
    });

    test('a newer committed lock goes into a stack with providers installed; the newer copy wins', () => {
      const { outdir, locks } = project();
      const working = path.join(outdir, 'stacks', 'main-infra', '.terraform.lock.hcl');
      fs.mkdirSync(path.join(outdir, 'stacks', 'main-infra', '.terraform'), { recursive: true });
      write(working, 'old', 1_000_000);
      write(path.join(locks, 'main-infra.terraform.lock.hcl'), 'reviewed', 2_000_000);
      expect(syncProviderLocks(outdir, locks, ['main-infra'])).toEqual([]);
      expect(fs.readFileSync(working, 'utf8')).toBe('reviewed');
    });

    test('a fresh stack directory gets no lock, so that the cdktf CLI initialises it', () => {
      const { outdir, locks } = project();
      write(path.join(outdir, 'stacks', 'main-infra', 'cdk.tf.json'), '{}');
      write(path.join(locks, 'main-infra.terraform.lock.hcl'), 'reviewed');
      syncProviderLocks(outdir, locks, ['main-infra']);
      expect(fs.existsSync(path.join(outdir, 'stacks', 'main-infra', '.terraform.lock.hcl'))).toBe(false);
    });
  });
});
