// The worker thread of `statFilesInThread`: the stat of every file it is given, as numbers.
import { parentPort, workerData } from 'node:worker_threads';
import { STAT_SLOTS, statOf } from './file-stats.js';

const files = workerData as string[];
const numbers = new Float64Array(files.length * STAT_SLOTS).fill(Number.NaN);
files.forEach((file, index) => {
  const stat = statOf(file, 'file');
  if (stat) numbers.set(stat, index * STAT_SLOTS);
});
parentPort!.postMessage(numbers, [numbers.buffer]);
