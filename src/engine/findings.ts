// Turns a rule's report into a finding: plain data with a location, a filled message and the fix.
import { ts } from 'ts-morph';
import type { Finding, Severity } from '../types.js';
import type { Report, Rule } from './rule.js';

export function createFinding(
  rule: Rule,
  report: Report,
  sourceFile: ts.SourceFile,
  displayPath: string,
  severity: Severity,
): Finding {
  const start = sourceFile.getLineAndCharacterOfPosition(report.node.getStart(sourceFile));
  const end = sourceFile.getLineAndCharacterOfPosition(report.node.getEnd());
  const lineStarts = sourceFile.getLineStarts();
  const lineEnd = lineStarts[start.line + 1] ?? sourceFile.text.length;
  return {
    ruleId: rule.id,
    severity,
    file: displayPath,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    message: formatMessage(rule, report),
    fix: rule.docs.fix,
    source: sourceFile.text.slice(lineStarts[start.line], lineEnd).replace(/\r?\n$/, '').trimEnd(),
  };
}

/** Fills `{{placeholders}}`; a missing message id or placeholder is a bug in the rule. */
export function formatMessage(rule: Rule, report: Report): string {
  const template = (rule.messages as Record<string, string>)[report.messageId];
  if (template === undefined) throw new Error(`rule ${rule.id} has no message "${report.messageId}"`);
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => {
    const value = report.data?.[key];
    if (value === undefined) throw new Error(`rule ${rule.id}, message "${report.messageId}": no value for {{${key}}}`);
    return value;
  });
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareStrings(a.ruleId, b.ruleId) ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    compareStrings(a.message, b.message)
  );
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
