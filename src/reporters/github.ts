// GitHub Actions workflow commands: one annotation per finding, shown on the PR's changed lines.
import type { Finding, Severity } from '../types.js';
import type { Reporter } from './types.js';

const COMMANDS: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

export const githubReporter: Reporter = (result) =>
  result.findings.map((finding) => `${formatCommand(finding)}\n`).join('');

function formatCommand(finding: Finding): string {
  const properties: [string, string | number][] = [['file', finding.file], ['line', finding.line]];
  // GitHub documents columns for one-line ranges only: they are left out when the range spans lines.
  if (finding.endLine === finding.line) properties.push(['col', finding.column]);
  properties.push(['endLine', finding.endLine]);
  if (finding.endLine === finding.line) properties.push(['endColumn', finding.endColumn]);
  properties.push(['title', finding.ruleId]);
  const list = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${COMMANDS[finding.severity]} ${list}::${escapeData(`${finding.message} Fix: ${finding.fix}`)}`;
}

// The runner's own escaping (@actions/core `escapeData` / `escapeProperty`).
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
