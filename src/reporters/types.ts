import type { AuditResult } from '../types.js';

export interface ReporterContext {
  /** Colour the output (the CLI decides from the TTY, --no-color, NO_COLOR and FORCE_COLOR). */
  color: boolean;
  /** Findings only: no summary, no clean-scan line. */
  quiet: boolean;
  /** Also list the findings that suppressions and the baseline hide. */
  showSuppressed?: boolean;
}

/** Formats a result; does no I/O and no analysis. */
export type Reporter = (result: AuditResult, context: ReporterContext) => string;
