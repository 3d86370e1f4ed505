// Human output: findings grouped by file with a code frame and the fix, then a summary table.
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { AuditResult, Finding, Severity } from '../types.js';
import type { Reporter } from './types.js';

export const prettyReporter: Reporter = (result, context) => {
  const chalk = new Chalk({ level: context.color ? 1 : 0 });
  const out: string[] = [];
  for (const [file, findings] of groupByFile(result.findings)) {
    out.push(chalk.underline(file));
    for (const finding of findings) out.push(...formatFinding(finding, chalk), '');
  }
  if (context.quiet) return out.join('\n') + (out.length ? '\n' : '');

  if (context.showSuppressed && result.suppressed?.length) {
    out.push(chalk.bold(`Suppressed (${result.suppressed.length}):`));
    for (const finding of result.suppressed) {
      const why = finding.suppression.kind === 'external' ? 'in the baseline' : (finding.suppression.justification ?? 'no reason given');
      out.push(`  ${finding.file}:${finding.line}:${finding.column}  ${finding.ruleId}  (${why})`);
    }
    out.push('');
  }

  if (result.skipped.length) {
    out.push(chalk.bold(`Skipped ${plural(result.skipped.length, 'file')}:`));
    for (const { file, reason } of result.skipped) out.push(`  ${file}: ${reason}`);
    out.push('');
  }
  if (result.baseline?.fixed.length) {
    const count = result.baseline.fixed.length;
    out.push(`${plural(count, 'baseline entry', 'baseline entries')} no longer found (fixed): run \`scale-audit baseline\` to shrink ${result.baseline.file}.`, '');
  }
  if (result.findings.length === 0) {
    out.push(cleanLine(result, chalk));
    return out.join('\n') + '\n';
  }
  out.push(summaryTable(result.findings, context.color), '');
  out.push(statsLine(result));
  return out.join('\n') + '\n';
};

function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const group = groups.get(finding.file) ?? [];
    group.push(finding);
    groups.set(finding.file, group);
  }
  return groups;
}

const SEVERITY_COLOR: Record<Severity, (chalk: ChalkInstance, text: string) => string> = {
  error: (chalk, text) => chalk.red(text),
  warning: (chalk, text) => chalk.yellow(text),
  info: (chalk, text) => chalk.blue(text),
};

function formatFinding(finding: Finding, chalk: ChalkInstance): string[] {
  const where = `${finding.file}:${finding.line}:${finding.column}`;
  const severity = SEVERITY_COLOR[finding.severity](chalk, finding.severity);
  const lines = [`  ${where}  ${severity}  ${chalk.dim(finding.ruleId)}`, `  ${finding.message}`];
  lines.push(...codeFrame(finding, chalk));
  lines.push(`  ${chalk.green('fix:')} ${finding.fix}`);
  return lines;
}

/** The flagged line with the construct underlined (to the end of the line if it spans several). */
function codeFrame(finding: Finding, chalk: ChalkInstance): string[] {
  const gutter = String(finding.line);
  const source = finding.source.replace(/\t/g, ' ');
  const start = finding.column - 1;
  const end = finding.endLine === finding.line ? finding.endColumn - 1 : source.length;
  const width = Math.max(1, Math.min(end, source.length) - start);
  return [
    `  ${chalk.dim(`${gutter} |`)} ${source}`,
    `  ${chalk.dim(`${' '.repeat(gutter.length)} |`)} ${' '.repeat(start)}${chalk.red('^'.repeat(width))}`,
  ];
}

function summaryTable(findings: readonly Finding[], color: boolean): string {
  const table = new Table({
    head: ['rule', 'severity', 'count'],
    style: { head: color ? ['bold'] : [], border: color ? ['grey'] : [] },
  });
  const counts = new Map<string, { severity: Severity; count: number }>();
  for (const finding of findings) {
    const key = `${finding.ruleId}\0${finding.severity}`;
    const entry = counts.get(key) ?? { severity: finding.severity, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  for (const [key, { severity, count }] of [...counts].sort(([a], [b]) => (a < b ? -1 : 1))) {
    table.push([key.split('\0')[0]!, severity, String(count)]);
  }
  return table.toString();
}

// " in 1.20s", and how many files the result cache answered for on a --cache run.
function timing(result: AuditResult): string {
  const time = result.durationMs === undefined ? '' : ` in ${(result.durationMs / 1000).toFixed(2)}s`;
  return result.cachedFiles === undefined ? time : `${time} (${result.cachedFiles} of ${result.scanned} from the cache)`;
}

function statsLine(result: AuditResult): string {
  const { error, warning, info } = result.summary;
  const time = timing(result);
  const suppressed = result.suppressed?.length ? `, ${result.suppressed.length} suppressed` : '';
  return (
    `${plural(result.scanned, 'file')} scanned, ${result.skipped.length} skipped: ` +
    `${plural(error, 'error')}, ${plural(warning, 'warning')}, ${info} info${suppressed}${time}.`
  );
}

function cleanLine(result: AuditResult, chalk: ChalkInstance): string {
  const time = timing(result);
  if (result.scanned === 0) {
    return chalk.yellow(`No JavaScript or TypeScript files to scan (${result.skipped.length} skipped)${time}.`);
  }
  const suppressed = result.suppressed?.length ? `, ${result.suppressed.length} suppressed` : '';
  return chalk.green(`No scaling hazards found in ${plural(result.scanned, 'file')}`) + ` (${result.skipped.length} skipped${suppressed})${time}.`;
}

function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
