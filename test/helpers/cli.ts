// Runs the built CLI as a user would, and builds throwaway project trees outside the repo.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const bin = path.join(repoRoot, 'bin', 'scale-audit.js');

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `node bin/scale-audit.js …args` from the repo root, colour off through NO_COLOR. */
export function runCli(args: readonly string[], options: { timeoutMs?: number; env?: Record<string, string> } = {}): CliRun {
  const { FORCE_COLOR: _forceColor, ...env } = process.env;
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: repoRoot,
    env: { ...env, NO_COLOR: '1', ...options.env },
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/** Fails early with a clear message when `npm run build` has not been run. */
export function assertBuilt(): void {
  if (!existsSync(path.join(repoRoot, 'dist', 'src', 'cli.js'))) {
    throw new Error('dist/src/cli.js is missing: run `npm run build` before the CLI tests');
  }
}

const tempDirs: string[] = [];

/** A new empty folder under the OS temp dir, by its real path (the CLI reports real paths). */
export function makeTempDir(prefix = 'scale-audit-test-'): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), prefix)));
  tempDirs.push(dir);
  return dir;
}

/** Writes `files` (relative path -> content) under `root`, creating folders. */
export function writeTree(root: string, files: Record<string, string | Buffer>): void {
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Every entry below `root` (symlinks not followed) with its kind, size and mtime. */
export function snapshotTree(root: string): Record<string, string> {
  const snapshot: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const stats = lstatSync(full);
      const kind = stats.isSymbolicLink() ? 'link' : stats.isDirectory() ? 'dir' : 'file';
      snapshot[path.relative(root, full)] = `${kind} ${stats.size} ${stats.mtimeMs}`;
      if (kind === 'dir') walk(full);
    }
  };
  const rootStats = lstatSync(root);
  snapshot['.'] = `dir ${rootStats.mtimeMs}`;
  walk(root);
  return snapshot;
}
