// What session affinity hides: the server-held state the other rules found in the same scan.
import type { Finding } from '../../src/types.js';

const HIDDEN_STATE: Record<string, string> = {
  'session-memory-store': 'the in-process sessions',
  'in-memory-rate-limit': 'the in-memory rate limits',
  'local-upload-storage': 'the uploads on local disk',
  'module-state-growth': 'the module-level state',
};

const MAX_PLACES = 2;

/**
 * "it hides the in-process sessions at src/app.ts:12 and the in-memory rate limits at
 * src/limits.js:17 and 26", or what to do when the scan found no such state.
 */
export function describeHiddenState(findings: readonly Finding[], activeRuleIds: ReadonlySet<string>): string {
  if (!Object.keys(HIDDEN_STATE).some((id) => activeRuleIds.has(id))) {
    return 'it hides whatever state the instance keeps for that client (run the other rules to find it)';
  }
  const byRule = new Map<string, Finding[]>();
  for (const finding of findings) {
    if (!HIDDEN_STATE[finding.ruleId] || finding.severity === 'info') continue;
    const list = byRule.get(finding.ruleId);
    if (list) list.push(finding);
    else byRule.set(finding.ruleId, [finding]);
  }
  if (byRule.size === 0) return 'no server-held state turned up in this scan, so check whether it is still needed';
  const parts = [...byRule].map(([ruleId, list]) => `${HIDDEN_STATE[ruleId]} at ${describePlaces(list)}`);
  return `it hides ${joinWithAnd(parts)}`;
}

// src/limits.js:17 and 26; a.js:3, b.js:9 and 2 more
function describePlaces(findings: readonly Finding[]): string {
  const shown = findings.slice(0, MAX_PLACES).map((finding, index) =>
    index > 0 && finding.file === findings[index - 1]!.file ? String(finding.line) : `${finding.file}:${finding.line}`,
  );
  const more = findings.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : joinWithAnd(shown);
}

function joinWithAnd(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
