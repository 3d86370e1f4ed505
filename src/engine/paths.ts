// How findings name files. Its own module, so that worker threads do not load file discovery.
import path from 'node:path';

/** Relative to the working directory with `/` separators (absolute when outside it). */
export function toDisplayPath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  const display = relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative;
  return display.split(path.sep).join('/');
}

/** A display path (relative to `cwd`) as a path from the project root: what fingerprints and baselines use. */
export function toProjectPath(file: string, cwd: string, projectRoot: string): string {
  return toDisplayPath(path.resolve(cwd, file), projectRoot);
}
