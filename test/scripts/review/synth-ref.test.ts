import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SynthError, defaultBase, resolveRevision, synthRevision } from '../../../scripts/review/synth-ref';

/**
 * The git path of `npm run diff`, end to end on a small temporary repository whose synth command writes
 * a marker of the checked-out revision: the base is built in its own worktree, with the installed
 * packages linked and its install hook run, and the worktree is gone afterwards.
 */
function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], {
    cwd,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

function repoWith(synthScript: string): string {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-diff-repo-'));
  git(repo, 'init', '-q', '-b', 'main');
  fs.mkdirSync(path.join(repo, 'node_modules'));
  fs.writeFileSync(path.join(repo, 'node_modules', 'marker'), 'installed');
  fs.writeFileSync(path.join(repo, '.gitignore'), 'node_modules/\n');
  const pkg = {
    name: 'fixture',
    private: true,
    scripts: {
      postinstall: "node -e \"require('fs').writeFileSync('generated', 'yes')\"",
      synth: `node ${synthScript}`,
    },
  };
  fs.writeFileSync(path.join(repo, 'package.json'), JSON.stringify(pkg));
  fs.writeFileSync(
    path.join(repo, 'synth.js'),
    `const fs = require('fs'); const out = process.env.CDKTF_OUTDIR;
     fs.mkdirSync(out + '/stacks/main-infra', { recursive: true });
     fs.writeFileSync(out + '/stacks/main-infra/cdk.tf.json', JSON.stringify({
       version: fs.readFileSync('version', 'utf8'),
       linked: fs.readFileSync('node_modules/marker', 'utf8'),
       generated: fs.readFileSync('generated', 'utf8'),
     }));`,
  );
  fs.writeFileSync(path.join(repo, 'fail.js'), 'console.error("boom"); process.exit(2);');
  fs.writeFileSync(path.join(repo, 'version'), 'one');
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'one');
  return repo;
}

test('synthesizes a revision in a temporary worktree with the packages linked and the install hook run', () => {
  const repo = repoWith('synth.js');
  const first = git(repo, 'rev-parse', 'HEAD');
  git(repo, 'checkout', '-q', '-b', 'feature');
  fs.writeFileSync(path.join(repo, 'version'), 'two');
  git(repo, 'commit', '-q', '-am', 'two');
  expect(defaultBase(repo)).toEqual({ ref: 'merge-base(HEAD, main)', commit: first });
  expect(resolveRevision(repo, 'main')).toBe(first);

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-diff-work-'));
  synthRevision(repo, first, work, path.join(work, 'base'));
  const written = JSON.parse(
    fs.readFileSync(path.join(work, 'base', 'stacks', 'main-infra', 'cdk.tf.json'), 'utf8'),
  );
  expect(written).toEqual({ version: 'one', linked: 'installed', generated: 'yes' });
  expect(fs.existsSync(path.join(work, 'checkout'))).toBe(false);
  expect(git(repo, 'worktree', 'list')).not.toContain(work);
});

test('a failing synth, an unknown revision and a repository without main are errors that say so', () => {
  const repo = repoWith('fail.js');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-diff-work-'));
  expect(() => synthRevision(repo, 'HEAD', work, path.join(work, 'base'))).toThrow(
    /npm run synth failed .*exit 2[^]*boom/,
  );
  expect(git(repo, 'worktree', 'list').split('\n')).toHaveLength(1);
  expect(() => resolveRevision(repo, 'no-such-ref')).toThrow(SynthError);
  git(repo, 'branch', '-m', 'main', 'trunk');
  expect(() => defaultBase(repo)).toThrow('no main branch to compare with: pass --base <git ref>');
});
