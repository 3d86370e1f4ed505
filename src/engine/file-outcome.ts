// What analysing one file produces: plain data only, so it can cross a worker thread and be kept
// in the result cache.
import type { Finding, SkippedFile } from '../types.js';
import type { SuppressionComment } from './suppressions.js';

export interface FileOutcome {
  /** False when the file was not read and walked (unreadable, or a config file not of interest). */
  scanned: boolean;
  skipped: SkippedFile[];
  /**
   * Findings reported while walking this file (some may lie in a helper file it imports), with an
   * empty `fix`: the join fills in the rule's.
   */
  findings: Finding[];
  /** The file's own suppression comments. */
  suppressions: SuppressionComment[];
  /** What the file contributes to end-of-run joins, by key (see `FileFacts`). */
  facts: [string, unknown][];
  /** Everything else the analysis read, so a cached outcome is reused only while they are unchanged. */
  dependencies: { files: string[]; directories: string[] };
}

/**
 * What a run joins of an outcome: the result cache keeps `dependencies` apart, with their hashes.
 * An outcome from the cache defers its facts (see `DeferredFacts`).
 */
export interface JoinedOutcome extends Omit<FileOutcome, 'dependencies' | 'facts'> {
  facts: FileOutcome['facts'] | DeferredFacts;
}

/**
 * Facts kept encoded until a run asks for them: only the rules' end-of-run judgement reads facts,
 * and a run answered wholly from the cache reuses the last run's end-of-run findings instead.
 */
export interface DeferredFacts {
  read(): FileOutcome['facts'];
}

export function readFacts(facts: JoinedOutcome['facts']): FileOutcome['facts'] {
  return Array.isArray(facts) ? facts : facts.read();
}
