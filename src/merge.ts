// `scale-audit merge`: the JSON reports of several shards as one report, as if one run had
// scanned every file.
import { stripBom } from './engine/read-source.js';
import { readFileSync } from 'node:fs';
import { UsageError } from './audit.js';
import { compareFindings } from './engine/findings.js';
import type { AuditResult, Finding } from './types.js';
import { TOOL_VERSION } from './version.js';

export function mergeReports(files: readonly string[]): AuditResult {
  const reports = files.map(readReport);
  const byKey = <T extends Finding>(list: T[]): T[] => {
    const seen = new Map<string, T>();
    for (const finding of list) seen.set(`${finding.ruleId}\0${finding.file}\0${finding.fingerprint}`, finding);
    return [...seen.values()].sort(compareFindings);
  };
  const findings = byKey(reports.flatMap((report) => report.findings));
  const suppressed = byKey(reports.flatMap((report) => report.suppressed ?? []));
  const withBaseline = reports.filter((report) => report.baseline);
  return {
    version: 1,
    tool: { name: 'scale-audit', version: TOOL_VERSION },
    scanned: reports.reduce((sum, report) => sum + report.scanned, 0),
    skipped: reports.flatMap((report) => report.skipped).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
    findings,
    suppressed,
    ...(withBaseline.length
      ? { baseline: { file: withBaseline[0]!.baseline!.file, fixed: withBaseline.flatMap((report) => report.baseline!.fixed) } }
      : {}),
    summary: {
      error: findings.filter((f) => f.severity === 'error').length,
      warning: findings.filter((f) => f.severity === 'warning').length,
      info: findings.filter((f) => f.severity === 'info').length,
    },
  };
}

function readReport(file: string): AuditResult {
  let data: unknown;
  try {
    data = JSON.parse(stripBom(readFileSync(file, 'utf8')));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UsageError(`merge: cannot read ${file} (${reason})`);
  }
  const report = data as Partial<AuditResult>;
  const isReport =
    report.version === 1 && report.tool?.name === 'scale-audit' && Array.isArray(report.findings) && Array.isArray(report.skipped) && typeof report.scanned === 'number';
  if (!isReport) throw new UsageError(`merge: ${file} is not a scale-audit JSON report (made with --format json)`);
  return { ...report, suppressed: report.suppressed ?? [] } as AuditResult;
}
