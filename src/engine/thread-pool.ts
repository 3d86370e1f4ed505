// `--jobs N`: the files are cut into batches of neighbours (files of one folder import each other,
// so a thread's parsed-file cache keeps serving them) and shared between N - 1 worker threads and
// the main thread. Outcomes carry their position and are joined in scan order, so the result is
// the same whatever N is.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AnalysisSettings, FileAnalyzer } from './analyze.js';
import type { ConfigFormat } from './config/index.js';
import type { FileOutcome } from './file-outcome.js';

export interface AnalysisTask {
  file: string;
  format: ConfigFormat | undefined;
}

export interface BatchResult {
  start: number;
  outcomes: FileOutcome[];
}

const BATCH_SIZE = 40;
/**
 * A worker's stack, set near the main thread's recursion limit (V8's default 984 KB, plus the
 * 192 KB Node keeps in reserve on a worker). Deep bracket nesting is refused before parsing, the
 * same on every thread (`exceedsNesting`); this keeps the rarer deep shapes (a long else-if
 * chain) close to the same answer wherever they run.
 */
const WORKER_STACK_MB = (984 + 192) / 1024;
/** How long the main thread analyses before it reads the workers' messages. */
const YIELD_EVERY_MS = 10;
/** Batches a worker holds at once: it starts the next while the main thread is still busy. */
const BATCHES_IN_FLIGHT = 2;

/** Analyses `tasks`, handing each outcome to `deliver` with its position, in no set order. */
export async function analyzeInThreads(
  tasks: readonly AnalysisTask[],
  settings: AnalysisSettings,
  threads: number,
  local: () => FileAnalyzer,
  deliver: (index: number, outcome: FileOutcome) => void,
): Promise<void> {
  let stored = 0;
  const pending: number[] = [];
  for (let start = 0; start < tasks.length; start += BATCH_SIZE) pending.push(start);
  pending.reverse();
  const batchAt = (start: number): AnalysisTask[] => tasks.slice(start, start + BATCH_SIZE);
  const store = (result: BatchResult): void => {
    result.outcomes.forEach((outcome, offset) => deliver(result.start + offset, outcome));
    stored += result.outcomes.length;
  };

  const workers = Array.from({ length: threads - 1 }, () => startWorker(settings));
  const finished = workers.map(
    (worker) =>
      new Promise<void>((resolve) => {
        const inFlight = new Set<number>();
        const feed = (): void => {
          while (inFlight.size < BATCHES_IN_FLIGHT && pending.length > 0) {
            const start = pending.pop()!;
            inFlight.add(start);
            worker.postMessage({ start, tasks: batchAt(start) });
          }
          if (inFlight.size === 0) void worker.terminate().then(() => resolve());
        };
        worker.on('message', (result: BatchResult) => {
          store(result);
          inFlight.delete(result.start);
          feed();
        });
        // A worker that dies hands its batches back; the main thread finishes them.
        worker.on('error', () => {
          pending.push(...inFlight);
          inFlight.clear();
          resolve();
        });
        feed();
      }),
  );

  // The main thread takes batches too, and every few milliseconds lets the workers' messages in.
  let lastYield = performance.now();
  const yieldToWorkers = async (): Promise<void> => {
    await new Promise((resolve) => setImmediate(resolve));
    lastYield = performance.now();
  };
  while (stored < tasks.length) {
    const start = pending.pop();
    if (start === undefined) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      continue;
    }
    const outcomes: FileOutcome[] = [];
    for (const task of batchAt(start)) {
      outcomes.push(local().analyze(task.file, task.format));
      // A worker that finished its batches waits for this thread to read its messages.
      if (performance.now() - lastYield > YIELD_EVERY_MS) await yieldToWorkers();
    }
    store({ start, outcomes });
    await yieldToWorkers();
  }
  await Promise.all(finished);
}

function startWorker(settings: AnalysisSettings): Worker {
  return new Worker(workerScript(), { workerData: settings, resourceLimits: { stackSizeMb: WORKER_STACK_MB } });
}

// The compiled worker next to this module; when the engine runs from its TypeScript sources (the
// test runner), the compiled copy that `npm test` builds first.
function workerScript(): URL {
  const compiled = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(compiled))) return compiled;
  return new URL('../../dist/src/engine/worker.js', import.meta.url);
}
