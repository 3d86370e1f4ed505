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
import { v8FlagsSet } from './v8-flags.js';
import type { WorkerData } from './worker.js';

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
 * Batches shrink as the work runs out, down to this many files, so that no thread is left
 * waiting at the end while another finishes two full batches (on the npm corpus the main thread
 * waited some 150 ms for the worker's last 80 files).
 */
const LAST_BATCH_SIZE = 4;
/**
 * A worker's stack, set near the main thread's recursion limit (V8's default 984 KB, plus the
 * 192 KB Node keeps in reserve on a worker). Deep bracket nesting is refused before parsing and a
 * deep syntax tree after it, the same on every thread (`parseSource`); this keeps the shapes that
 * stop the parser itself (generic types nested hundreds deep) close to the same answer wherever
 * they run.
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
  const batches = new BatchQueue(tasks.length, threads);
  const batchAt = (batch: Batch): AnalysisTask[] => tasks.slice(batch.start, batch.start + batch.size);
  const store = (result: BatchResult): void => {
    result.outcomes.forEach((outcome, offset) => deliver(result.start + offset, outcome));
    stored += result.outcomes.length;
  };

  const workers = Array.from({ length: threads - 1 }, () => startWorker(settings));
  const finished = workers.map(
    (worker) =>
      new Promise<void>((resolve) => {
        const inFlight = new Map<number, Batch>();
        const feed = (): void => {
          while (inFlight.size < BATCHES_IN_FLIGHT) {
            const batch = batches.take();
            if (!batch) break;
            inFlight.set(batch.start, batch);
            worker.postMessage({ start: batch.start, tasks: batchAt(batch) });
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
          batches.giveBack(inFlight.values());
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
    const batch = batches.take();
    if (batch === undefined) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      continue;
    }
    const outcomes: FileOutcome[] = [];
    for (const task of batchAt(batch)) {
      outcomes.push(local().analyze(task.file, task.format));
      // A worker that finished its batches waits for this thread to read its messages.
      if (performance.now() - lastYield > YIELD_EVERY_MS) await yieldToWorkers();
    }
    store({ start: batch.start, outcomes });
    await yieldToWorkers();
  }
  await Promise.all(finished);
}

export interface Batch {
  start: number;
  size: number;
}

/**
 * The files still to hand out, as runs of neighbours in scan order: full batches while there is
 * plenty left, smaller ones (a share of what is left per thread) near the end.
 */
export class BatchQueue {
  private next = 0;
  private readonly returned: Batch[] = [];

  constructor(
    private readonly count: number,
    private readonly threads: number,
  ) {}

  take(): Batch | undefined {
    const returned = this.returned.pop();
    if (returned) return returned;
    const left = this.count - this.next;
    if (left <= 0) return undefined;
    const share = Math.ceil(left / (this.threads * BATCHES_IN_FLIGHT * 2));
    const batch = { start: this.next, size: Math.min(left, BATCH_SIZE, Math.max(LAST_BATCH_SIZE, share)) };
    this.next += batch.size;
    return batch;
  }

  /** Batches a worker took and did not finish. */
  giveBack(batches: Iterable<Batch>): void {
    this.returned.push(...batches);
  }
}

function startWorker(settings: AnalysisSettings): Worker {
  const workerData: WorkerData = { settings, v8Flags: v8FlagsSet() };
  return new Worker(workerScript('worker.js'), { workerData, resourceLimits: { stackSizeMb: WORKER_STACK_MB } });
}

/**
 * A compiled worker script next to this module (`name`, e.g. 'worker.js'); when the engine runs
 * from its TypeScript sources (the test runner), the compiled copy that `npm test` builds first.
 */
export function workerScript(name: string): URL {
  const compiled = new URL(`./${name}`, import.meta.url);
  if (existsSync(fileURLToPath(compiled))) return compiled;
  return new URL(`../../dist/src/engine/${name}`, import.meta.url);
}
