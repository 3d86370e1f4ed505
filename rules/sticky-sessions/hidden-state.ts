// What session affinity hides: the server-held state the other rules found in the same scan.
import type { Finding } from '../../src/types.js';

const HIDDEN_STATE: Record<string, string> = {
  'session-memory-store': 'the in-process sessions',
  'in-memory-rate-limit': 'the in-memory rate limits',
  'local-upload-storage': 'the uploads on local disk',
  'module-state-growth': 'the module-level state',
};

const MAX_NAMED = 3;

/** "it hides the in-process sessions at src/app.ts:12 and …", or what to do when nothing is found. */
export function describeHiddenState(findings: readonly Finding[], activeRuleIds: ReadonlySet<string>): string {
  const hidden = findings.filter((finding) => HIDDEN_STATE[finding.ruleId] && finding.severity !== 'info');
  if (!Object.keys(HIDDEN_STATE).some((id) => activeRuleIds.has(id))) {
    return 'it hides whatever state the instance keeps for that client (run the other rules to find it)';
  }
  if (hidden.length === 0) {
    return 'no server-held state turned up in this scan, so check whether it is still needed';
  }
  const named = hidden.slice(0, MAX_NAMED).map((finding) => `${HIDDEN_STATE[finding.ruleId]} at ${finding.file}:${finding.line}`);
  const more = hidden.length > MAX_NAMED ? ` and ${hidden.length - MAX_NAMED} more finding${hidden.length - MAX_NAMED === 1 ? '' : 's'}` : '';
  return `it hides ${named.join(', ')}${more}`;
}
