// Findings about suppression comments themselves: a missing reason, a rule id that does not
// exist, a comment that suppresses nothing. Reported like rule findings, under their own id.
import type { Finding } from '../types.js';
import { createFinding } from './findings.js';
import { defineRule } from './rule.js';
import { didYouMean } from './suggest.js';
import type { SuppressionComment } from './suppressions.js';

export const invalidSuppression = defineRule<'noReason' | 'unknownRule' | 'unused'>({
  id: 'invalid-suppression',
  severity: 'warning',
  docs: {
    title: 'A suppression comment without a reason, for an unknown rule, or that suppresses nothing',
    why:
      'A suppression is a reviewed exception: without a reason nobody can tell later why the state ' +
      'was accepted, a misspelt rule id hides nothing, and a stale comment would hide a new hazard ' +
      'that lands on its line.',
    fix:
      'Write the reason after ` -- ` (`// scale-audit-ignore-next-line session-memory-store -- dev only`), ' +
      'correct the rule id, or delete the comment.',
    example: {
      bad: '// scale-audit-ignore-next-line session-memory-store\napp.use(session({ secret }));',
      good: '// scale-audit-ignore-next-line session-memory-store -- the admin tool runs as one instance\napp.use(session({ secret }));',
    },
  },
  messages: {
    noReason: 'This suppression of {{rules}} gives no reason; write it after ` -- ` so the exception can be reviewed.',
    unknownRule: 'This suppression names {{rules}}, which is not a scale-audit rule{{hint}}; known rules: {{known}}.',
    unused: 'This suppression of {{rules}} matches no finding; delete it so it cannot hide a new one.',
  },
});

export function reportSuppressionProblems(
  commentsByFile: ReadonlyMap<string, readonly SuppressionComment[]>,
  /** Unused comments this run can vouch for (their rules ran, their file was walked). */
  reportableUnused: readonly { file: string; comment: SuppressionComment }[],
  /** Every comment that matched nothing. */
  unused: readonly { file: string; comment: SuppressionComment }[],
  knownRuleIds: readonly string[],
  reportUnused: boolean,
): Finding[] {
  const findings: Finding[] = [];
  const report = (file: string, comment: SuppressionComment, messageId: 'noReason' | 'unknownRule' | 'unused', data: Record<string, string>): void => {
    const location = { filePath: file, line: comment.line, column: comment.column, endLine: comment.line, endColumn: comment.source.length + 1, source: comment.source };
    findings.push(createFinding(invalidSuppression, { messageId, data }, location, file));
  };
  const unusedSet = new Set(unused.map(({ comment }) => comment));
  const reportableSet = new Set(reportableUnused.map(({ comment }) => comment));
  for (const [file, comments] of commentsByFile) {
    for (const comment of comments) {
      const rules = comment.ruleIds.map((id) => `\`${id}\``).join(', ') || '(no rule id)';
      const unknown = comment.ruleIds.filter((id) => !knownRuleIds.includes(id));
      if (unknown.length > 0 || comment.ruleIds.length === 0) {
        const hint = unknown[0] ? didYouMean(unknown[0], knownRuleIds) : '';
        report(file, comment, 'unknownRule', {
          rules: unknown.map((id) => `\`${id}\``).join(', ') || '(no rule id)',
          hint,
          known: knownRuleIds.join(', '),
        });
      } else if (unusedSet.has(comment)) {
        if (reportUnused && reportableSet.has(comment)) report(file, comment, 'unused', { rules });
      } else if (!comment.reason) {
        report(file, comment, 'noReason', { rules });
      }
    }
  }
  return findings;
}
