// The data that leaves the engine: plain, serialisable, stable from run to run.

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** Relative to the working directory, with `/` separators. */
  file: string;
  /** 1-based. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Names the state and where it lives. */
  message: string;
  /** The stateless fix, imperative, naming the shared store. */
  fix: string;
  /** The text of the flagged line. */
  source: string;
  /**
   * Identifies the finding across edits that do not touch it (lines added above, code moved):
   * a hash of the rule, the file, the flagged construct and its enclosing function, then `:N`
   * for the Nth such finding in the file. Baselines and SARIF use it.
   */
  fingerprint: string;
}

/** Why a finding is not counted: an inline comment with its reason, or the team's baseline. */
export interface Suppression {
  kind: 'inSource' | 'external';
  /** The reason written after `--` in the comment (in-source only). */
  justification?: string;
}

/** A finding hidden by a suppression: still reported to tools that track them (SARIF). */
export interface SuppressedFinding extends Finding {
  suppression: Suppression;
}

/** A finding accepted in a baseline file. */
export interface BaselineEntryData {
  ruleId: string;
  file: string;
  fingerprint: string;
  line: number;
  message: string;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface Summary {
  error: number;
  warning: number;
  info: number;
}

export interface AuditResult {
  /** Version of the result format. */
  version: 1;
  tool: { name: 'scale-audit'; version: string };
  /** Number of files read and walked. */
  scanned: number;
  skipped: SkippedFile[];
  findings: Finding[];
  /** Findings hidden by inline suppressions or the baseline (not counted in `summary`). */
  suppressed: SuppressedFinding[];
  /** With a baseline: its file, and the entries no finding matched any more (fixed since). */
  baseline?: { file: string; fixed: BaselineEntryData[] };
  summary: Summary;
  /** Wall time of the scan in milliseconds; not part of the JSON report. */
  durationMs?: number;
  /** On a `cache` run, how many files' results came from the cache; not part of the JSON report. */
  cachedFiles?: number;
}
