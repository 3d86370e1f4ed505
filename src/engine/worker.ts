// A worker thread of `--jobs N`: analyses the batches of files the main thread sends, with its own
// parsed-file cache, and sends back each file's outcome as plain data.
import { parentPort, workerData } from 'node:worker_threads';
import type { AnalysisSettings } from './analyze.js';
import { preloadCompiler } from './compiler-cache.js';
import type { AnalysisTask, BatchResult } from './thread-pool.js';

export interface WorkerData {
  settings: AnalysisSettings;
  /** The V8 flags the main thread set (`v8FlagsSet()`). */
  v8Flags: readonly string[];
}

const { settings, v8Flags } = workerData as WorkerData;
// Before the analyzer's modules import '#typescript', so the compiler loads from V8's cached code.
preloadCompiler(v8Flags);
const { FileAnalyzer } = await import('./analyze.js');
const analyzer = new FileAnalyzer(settings);

parentPort!.on('message', (batch: { start: number; tasks: AnalysisTask[] }) => {
  const result: BatchResult = { start: batch.start, outcomes: batch.tasks.map((task) => analyzer.analyzeUncopied(task.file, task.format)) };
  parentPort!.postMessage(result);
});
