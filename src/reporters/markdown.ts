// A report to post as a PR comment (GitHub-flavoured markdown): the counts, a table of findings
// per rule, then one collapsible section per file.
import type { AuditResult, Finding, Severity } from '../types.js';
import type { Reporter } from './types.js';

export const markdownReporter: Reporter = (result) => {
  const out = ['### scale-audit', ''];
  if (result.findings.length === 0) {
    out.push(cleanLine(result));
    return `${out.join('\n')}\n`;
  }
  out.push(countsLine(result), '', ...summaryTable(result.findings));
  for (const [file, findings] of groupByFile(result.findings)) {
    out.push(
      '',
      `<details><summary><code>${escapeHtml(file)}</code> (${plural(findings.length, 'finding')})</summary>`,
      '',
      ...findings.map(formatFinding),
      '',
      '</details>',
    );
  }
  return `${out.join('\n')}\n`;
};

function cleanLine(result: AuditResult): string {
  const notes = [
    ...(result.skipped.length ? [`${result.skipped.length} skipped`] : []),
    ...(result.suppressed.length ? [`${result.suppressed.length} suppressed`] : []),
  ];
  return `No scaling hazards found in ${plural(result.scanned, 'file')}${notes.length ? ` (${notes.join(', ')})` : ''}.`;
}

function countsLine(result: AuditResult): string {
  const { error, warning, info } = result.summary;
  return (
    `${plural(result.scanned, 'file')} scanned, ${result.skipped.length} skipped: ` +
    `${plural(error, 'error')}, ${plural(warning, 'warning')}, ${info} info, ${result.suppressed.length} suppressed.`
  );
}

function summaryTable(findings: readonly Finding[]): string[] {
  const counts = new Map<string, { ruleId: string; severity: Severity; count: number }>();
  for (const { ruleId, severity } of findings) {
    const key = `${ruleId}\0${severity}`;
    const entry = counts.get(key) ?? { ruleId, severity, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  const rows = [...counts].sort(([a], [b]) => (a < b ? -1 : 1));
  return [
    '| rule | severity | count |',
    '| --- | --- | ---: |',
    ...rows.map(([, { ruleId, severity, count }]) => `| ${tableCell(codeSpan(ruleId))} | ${severity} | ${count} |`),
  ];
}

function formatFinding(finding: Finding): string {
  return (
    `- ${finding.line}:${finding.column} **${finding.severity}** ${codeSpan(finding.ruleId)}: ` +
    `${inline(finding.message)}<br>Fix: ${inline(finding.fix)}`
  );
}

function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) groups.set(finding.file, [...(groups.get(finding.file) ?? []), finding]);
  return groups;
}

/**
 * Messages are written with code spans (`` `store` ``): those are kept as they are, and the text
 * around them is escaped so that `*`, `_`, `<`, a stray backtick or a line break cannot change
 * the rest of the comment.
 */
function inline(text: string): string {
  const flat = text.replace(/\r\n?|\n/g, ' ');
  const runs = Array.from(flat.matchAll(/`+/g), (match) => ({ start: match.index, end: match.index + match[0].length }));
  let out = '';
  let cursor = 0;
  for (let i = 0; i < runs.length; i += 1) {
    const open = runs[i]!;
    const length = open.end - open.start;
    // As in CommonMark, a span closes at the next run of the same length.
    const closeAt = runs.findIndex((run, j) => j > i && run.end - run.start === length);
    out += escapeText(flat.slice(cursor, open.start));
    if (closeAt === -1) {
      // An unmatched run is literal text; escaped, it cannot pair with a backtick added later.
      out += '\\`'.repeat(length);
      cursor = open.end;
    } else {
      out += flat.slice(open.start, runs[closeAt]!.end);
      cursor = runs[closeAt]!.end;
      i = closeAt;
    }
  }
  return out + escapeText(flat.slice(cursor));
}

/** Escapes text outside code spans; a handle or scoped package (`@fastify/session`) would ping someone, so it becomes code. */
function escapeText(text: string): string {
  return text
    .split(/(?<![A-Za-z0-9_])(@[A-Za-z0-9](?:[A-Za-z0-9._/-]*[A-Za-z0-9])?)/)
    .map((part, i) => (i % 2 ? codeSpan(part) : escapeMarkdown(part)))
    .join('');
}

function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\*_[\]~]/g, (char) => `\\${char}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function codeSpan(text: string): string {
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (match) => match[0].length));
  const marks = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${marks}${pad}${text}${pad}${marks}`;
}

/** GFM splits table rows on `|` before it reads code spans, so a pipe is escaped even inside one. */
function tableCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
