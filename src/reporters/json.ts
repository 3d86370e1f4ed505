// The stable, documented JSON report. Timing is left out so two runs print the same bytes.
import type { Reporter } from './types.js';

export const jsonReporter: Reporter = (result) => {
  const { version, tool, scanned, skipped, findings, suppressed, baseline, summary } = result;
  return `${JSON.stringify({ version, tool, scanned, skipped, findings, suppressed, baseline, summary }, null, 2)}\n`;
};
