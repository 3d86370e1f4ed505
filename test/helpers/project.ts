// A throwaway project in the temp folder, for tests that call audit() on real files.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const roots: string[] = [];

/** Writes `files` (relative path -> text) into a new temp folder and returns its real path. */
export function project(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'scale-audit-project-')));
  roots.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

/** Removes every project made so far (call from afterAll). */
export function removeProjects(): void {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
}

/** Makes the project a git repository with everything committed (for --changed-since). */
export function commitAll(root: string): void {
  const git = (args: string[]) => spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: root });
  git(['init', '-q']);
  git(['add', '.']);
  git(['commit', '-qm', 'init']);
}
