// The stable, documented JSON report. Timing is left out so two runs print the same bytes.
import type { AuditResult } from '../types.js';
import { jsonPieces } from './json-pieces.js';
import type { Reporter } from './types.js';

/** The report in pieces, for writing as it is made (see `jsonPieces`). */
export function* jsonReportPieces(result: AuditResult): Generator<string> {
  const { version, tool, scanned, skipped, findings, suppressed, baseline, summary } = result;
  yield* jsonPieces({ version, tool, scanned, skipped, findings, suppressed, baseline, summary });
  yield '\n';
}

export const jsonReporter: Reporter = (result) => [...jsonReportPieces(result)].join('');
