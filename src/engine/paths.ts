// File names: which are sources, and how findings name them. A module of its own, with no
// dependency, so that worker threads load no file discovery and cached runs no compiler.
import path from 'node:path';

export const SOURCE_EXTENSIONS = ['.js', '.cjs', '.mjs', '.jsx', '.ts', '.cts', '.mts', '.tsx'] as const;

/** Relative to the working directory with `/` separators (absolute when outside it). */
export function toDisplayPath(absolute: string, cwd: string): string {
  const relative = inside(absolute, cwd) ?? path.relative(cwd, absolute);
  const display = relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative;
  // On POSIX the cut-off path is the display path as it is, sharing the absolute path's characters.
  return path.sep === '/' ? display : display.split(path.sep).join('/');
}

/** A display path (relative to `cwd`) as a path from the project root: what fingerprints and baselines use. */
export function toProjectPath(file: string, cwd: string, projectRoot: string): string {
  return toDisplayPath(path.resolve(cwd, file), projectRoot);
}

/**
 * The path below `folder`, without the cost of `path.relative` (it resolves both paths again),
 * when `absolute` plainly starts with it; `undefined` when that takes more than cutting.
 */
function inside(absolute: string, folder: string): string | undefined {
  const prefix = folder.endsWith(path.sep) ? folder : folder + path.sep;
  if (!absolute.startsWith(prefix) || !path.isAbsolute(folder)) return undefined;
  const rest = absolute.slice(prefix.length);
  return UNNORMALISED.test(rest) ? undefined : rest;
}

/** An empty, `.` or `..` segment, or a trailing separator: `path.relative` would normalise it. */
const UNNORMALISED = /(^|[\\/])\.{0,2}([\\/]|$)/;
