// Which files a scan reads: every JS/TS source under the given paths, minus .gitignore'd files
// and the default ignores (dependencies, build output, tests, fixtures). Default ignores match
// paths relative to each scanned root, so a root may itself sit inside a `fixtures/` folder.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import ignore, { type Ignore } from 'ignore';
import type { SkippedFile } from '../types.js';
import { SOURCE_EXTENSIONS, toDisplayPath } from './paths.js';
import { CONFIG_GLOBS, CONFIG_IGNORES, getConfigFormat, type ConfigFormat } from './config/index.js';

// Default globs: fast-glob tests every entry of the tree against each pattern, one regular
// expression each, and it first expands a brace list `{a,b}` into a pattern per alternative; an
// extglob list `@(a|b)` stays one pattern. So the default patterns group their alternatives as
// extglobs: finding the files of the 50k benchmark tree took 0.52 s with the brace and one-name
// patterns, 0.31 s with these, for the same list.

export const DEFAULT_IGNORES: readonly string[] = [
  '**/@(node_modules|.git|dist|build|coverage)/**',
  '**/*.@(min.js|d.ts|d.mts|d.cts)',
];

export const TEST_IGNORES: readonly string[] = [
  '**/*.@(test|spec).*',
  '**/@(__tests__|test|tests|spec|fixtures|__fixtures__)/**',
];

export interface DiscoveryOptions {
  paths: readonly string[];
  cwd: string;
  ignore: readonly string[];
  includeTests: boolean;
}

export interface Discovery {
  /** Absolute paths, sorted, without duplicates: sources and config files. */
  files: string[];
  /** The config format of each config file among `files`. */
  configFormats: Map<string, ConfigFormat>;
  /** Real paths of the roots, for following relative imports. */
  roots: string[];
  skipped: SkippedFile[];
}

export class MissingPathError extends Error {
  constructor(readonly missingPath: string) {
    super(`path not found: ${missingPath}`);
  }
}

const SOURCE_GLOB = `**/*.@(${SOURCE_EXTENSIONS.map((ext) => ext.slice(1)).join('|')})`;
const GITIGNORE_GLOB = '**/.gitignore';
/** What one walk of a root looks for. */
export const WALK_PATTERNS: readonly string[] = [SOURCE_GLOB, ...CONFIG_GLOBS, GITIGNORE_GLOB];

export function discoverFiles(options: DiscoveryOptions): Discovery {
  const files = new Set<string>();
  const configFormats = new Map<string, ConfigFormat>();
  const roots: string[] = [];
  const skipped: SkippedFile[] = [];
  const ignorePatterns = [...DEFAULT_IGNORES, ...CONFIG_IGNORES, ...(options.includeTests ? [] : TEST_IGNORES), ...options.ignore];

  for (const given of options.paths) {
    const absolute = path.resolve(options.cwd, given);
    let stats;
    try {
      stats = statSync(absolute);
    } catch {
      throw new MissingPathError(given);
    }
    const root = realpathSync(stats.isDirectory() ? absolute : path.dirname(absolute));
    roots.push(root);
    if (!stats.isDirectory()) {
      // A file named on the command line is scanned even if a default ignore would skip it.
      const real = realpathSync(absolute);
      const format = getConfigFormat(path.relative(options.cwd, absolute));
      if (isSourceFile(absolute)) files.add(real);
      else if (format) {
        files.add(real);
        configFormats.set(real, format);
      } else skipped.push({ file: given, reason: 'not a JavaScript, TypeScript or deployment config file' });
      continue;
    }
    for (const { file, format } of globRoot(root, ignorePatterns, skipped, options.cwd)) {
      files.add(file);
      if (format) configFormats.set(file, format);
    }
  }
  return { files: [...files].sort(), configFormats, roots, skipped };
}

export function isSourceFile(filePath: string): boolean {
  return SOURCE_EXTENSIONS.some((ext) => filePath.endsWith(ext));
}

function globRoot(
  root: string,
  ignorePatterns: string[],
  skipped: SkippedFile[],
  cwd: string,
): { file: string; format: ConfigFormat | undefined }[] {
  // Folders behind symbolic links are not entered (no escape from the root, no loops); links to
  // files are listed here (fast-glob drops them with onlyFiles) and checked one by one.
  // The .gitignore files come from the same walk: those in folders the walk does not enter
  // (dot-folders, ignored ones) hold no rule for any file it lists.
  const entries = fg.sync([...WALK_PATTERNS], {
    cwd: root,
    ignore: ignorePatterns,
    dot: false,
    onlyFiles: false,
    objectMode: true,
    followSymbolicLinks: false,
    suppressErrors: true,
    // Every pattern starts with '**/', so one walk under the root serves them all and no entry
    // comes twice (a pattern with a fixed base, 'nginx/**', would walk again and need `unique`;
    // a test checks). Files are de-duplicated across roots by the caller. fast-glob's own index
    // for `unique` kept every matched path.
    unique: false,
  });
  const isGitignore = (entry: fg.Entry): boolean => entry.name === '.gitignore';
  const gitignore = new GitignoreTree(
    root,
    entries.filter((entry) => isGitignore(entry) && entry.dirent.isFile()).map((entry) => entry.path),
  );
  const result: { file: string; format: ConfigFormat | undefined }[] = [];
  // The root is a real path and fast-glob's entry paths are normalised and '/'-separated, so on a
  // POSIX system a separator is all that path.join would add; its normalising pass made a third
  // of the garbage of listing the 50k benchmark tree.
  const rootWithSeparator = root.endsWith(path.sep) ? root : root + path.sep;
  const toAbsolute = path.sep === '/' ? (relative: string) => rootWithSeparator + relative : (relative: string) => path.join(root, relative);
  for (const entry of entries) {
    if (isGitignore(entry) || gitignore.ignores(entry.path)) continue;
    const format = isSourceFile(entry.path) ? undefined : getConfigFormat(entry.path);
    if (!isSourceFile(entry.path) && !format) continue;
    const absolute = toAbsolute(entry.path);
    if (entry.dirent.isFile()) {
      result.push({ file: absolute, format });
    } else if (entry.dirent.isSymbolicLink()) {
      const target = resolveLinkedFile(absolute, root);
      if (typeof target === 'string') result.push({ file: target, format });
      else if (target) skipped.push({ file: toDisplayPath(absolute, cwd), reason: target.reason });
    }
  }
  return result;
}

/** The real path of a linked file inside the root, a reason to skip it, or `undefined` for a folder. */
function resolveLinkedFile(absolute: string, root: string): string | { reason: string } | undefined {
  let real: string;
  try {
    real = realpathSync(absolute);
  } catch {
    return { reason: 'broken symbolic link' };
  }
  if (!statSync(real).isFile()) return undefined;
  return real.startsWith(root + path.sep) ? real : { reason: 'symbolic link to a file outside the scanned folder' };
}

/** Every `.gitignore` from the root down, each applying to paths below its own folder. */
class GitignoreTree {
  private readonly matchers: { directory: string; matcher: Ignore }[] = [];

  /** `files`: the .gitignore files, relative to the root. */
  constructor(root: string, files: string[]) {
    for (const relative of files.sort()) {
      let text: string;
      try {
        text = readFileSync(path.join(root, relative), 'utf8');
      } catch {
        continue;
      }
      const directory = path.posix.dirname(relative);
      this.matchers.push({ directory: directory === '.' ? '' : directory, matcher: ignore().add(text) });
    }
  }

  ignores(relative: string): boolean {
    return this.matchers.some(({ directory, matcher }) => {
      if (directory && !relative.startsWith(directory + '/')) return false;
      return matcher.ignores(directory ? relative.slice(directory.length + 1) : relative);
    });
  }
}

