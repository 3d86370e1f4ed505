// --changed-since: the files git reports as changed since a ref, plus untracked ones. Only git is
// run, never the scanned code.
import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './audit.js';

/** The top folder of the git repository around `cwd`, or undefined outside one (or without git). */
export function findGitRoot(cwd: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export function findChangedFiles(ref: string, cwd: string): string[] {
  const git = (args: string[]): string => {
    try {
      return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
    } catch (error) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim().split('\n')[0] ?? '';
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError('--changed-since needs git, which was not found on PATH');
      throw new UsageError(stderr ? `--changed-since: ${stderr}` : '--changed-since: git failed');
    }
  };
  let top: string;
  try {
    top = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    throw new UsageError(`--changed-since compares with a git ref, but ${cwd} is not inside a git repository`);
  }
  try {
    execFileSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd, stdio: 'ignore' });
  } catch {
    throw new UsageError(`--changed-since: "${ref}" is not a commit, branch or tag in this repository`);
  }
  // -z: names as they are (no quoting of non-ASCII); --merge-base: what this branch changed since
  // it left `ref`, not what `ref` changed since; --full-name: from the top, like diff's names.
  const changed = git(['diff', '--name-only', '-z', '--diff-filter=ACMR', '--merge-base', ref]).split('\0');
  const untracked = git(['ls-files', '--others', '--exclude-standard', '--full-name', '-z']).split('\0');
  return [...new Set([...changed, ...untracked].filter(Boolean))]
    .map((file) => path.join(top, file))
    .filter((file) => existsSync(file))
    .map((file) => realpathSync(file));
}
