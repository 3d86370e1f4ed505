import { createHash } from 'node:crypto';
// Turns a rule's report into a finding: plain data with a location, a filled message and the fix.
import type { Finding, Severity } from '../types.js';
import type { Location, Report, Rule } from './rule.js';

export function createFinding(
  rule: Rule,
  report: Pick<Report, 'messageId' | 'data' | 'severity'>,
  location: Location,
  displayPath: string,
  /** What identifies the flagged construct; the flagged line's text when not given. */
  anchor: string = location.source,
): Finding {
  const { line, column, endLine, endColumn, source } = location;
  return {
    ruleId: rule.id,
    severity: report.severity ?? rule.severity,
    file: displayPath,
    line,
    column,
    endLine,
    endColumn,
    message: formatMessage(rule, report),
    fix: rule.docs.fix,
    source,
    // The rule and the construct for now; placeFingerprint adds the file, numberFingerprints the occurrence.
    fingerprint: hash(`${rule.id}\0${anchor.replace(/\s+/g, ' ').trim()}`),
  };
}

/** The first 20 hex digits of the SHA-256 (a string of its own: a slice would keep all 64 alive). */
function hash(text: string): string {
  return createHash('sha256').update(text).digest().toString('hex', 0, 10);
}

/**
 * Ties a finding's fingerprint (the rule and the construct, from `createFinding`) to its file, as
 * a path from the project root, so that a baseline matches whichever folder the scan runs from.
 * Done where the finding is made (on the thread that analysed the file, and kept in the result
 * cache), so that the end of a run only numbers them.
 */
export function placeFingerprint(finding: Finding, projectFile: string): void {
  finding.fingerprint = hash(`${finding.fingerprint}\0${projectFile}`);
}

/** Adds `:N` to the Nth finding with the same placed fingerprint, in order. */
export function numberFingerprints(findings: readonly Finding[]): void {
  const seen = new Map<string, number>();
  for (const finding of findings) {
    const count = (seen.get(finding.fingerprint) ?? 0) + 1;
    seen.set(finding.fingerprint, count);
    finding.fingerprint = `${finding.fingerprint}:${count}`;
  }
}

/** One finding per rule and place (a helper reached from two routes is reported once). */
export function uniqueFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.ruleId}\0${finding.file}\0${finding.line}\0${finding.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Fills `{{placeholders}}`; a missing message id or placeholder is a bug in the rule. */
export function formatMessage(rule: Rule, report: Pick<Report, 'messageId' | 'data'>): string {
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
