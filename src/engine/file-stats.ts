// The stats the result cache compares to tell an unchanged file without reading it, taken here on
// the main thread or, for a large warm run, all at once on a thread of their own (stat-worker.ts).
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { FileStat } from './cache-format.js';
import { workerScript } from './thread-pool.js';

/** The stat of `file` if it is a file (or a folder, for `kind: 'directory'`), else `undefined`. */
export function statOf(file: string, kind: 'file' | 'directory'): FileStat | undefined {
  try {
    const stat = statSync(file, { throwIfNoEntry: false });
    const isKind = kind === 'file' ? stat?.isFile() : stat?.isDirectory();
    return stat && isKind ? [stat.size, stat.mtimeMs, stat.ctimeMs, stat.ino] : undefined;
  } catch {
    return undefined;
  }
}

/** Numbers per file in the array a stat worker sends back; NaN first for a path that is not a file. */
export const STAT_SLOTS = 4;

/**
 * The stat of each of `files`, as `statOf` gives it, taken on a worker thread; `undefined` if the
 * thread fails (the caller then takes them itself). On the 50k benchmark tree the stats are a
 * quarter of a second of system calls, done while the main thread decodes the cache.
 */
export function statFilesInThread(files: readonly string[]): Promise<Map<string, FileStat | undefined> | undefined> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(workerScript('stat-worker.js'), { workerData: files });
    } catch {
      resolve(undefined);
      return;
    }
    worker.once('message', (numbers: unknown) => {
      if (!(numbers instanceof Float64Array) || numbers.length !== files.length * STAT_SLOTS) {
        resolve(undefined);
        return;
      }
      const stats = new Map<string, FileStat | undefined>();
      files.forEach((file, index) => {
        const at = index * STAT_SLOTS;
        stats.set(file, Number.isNaN(numbers[at]) ? undefined : [numbers[at]!, numbers[at + 1]!, numbers[at + 2]!, numbers[at + 3]!]);
      });
      resolve(stats);
    });
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
}
