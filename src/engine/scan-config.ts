// One deployment config file: read, recognise, parse, and let the config rules read it.
import type { Finding } from '../types.js';
import { ConfigContext } from './config-context.js';
import { ConfigParseError, isConfigFileOfInterest, parseConfig, type ConfigFormat } from './config/index.js';
import { createFinding } from './findings.js';
import { readSourceFile } from './read-source.js';
import type { FileFacts, WalkingRule } from './rule.js';
import { findSuppressionComments, type SuppressionComment } from './suppressions.js';

export interface ConfigScan {
  filePath: string;
  displayPath: string;
  format: ConfigFormat;
  maxFileSize: number;
  rules: readonly WalkingRule[];
  facts: FileFacts;
}

export interface ConfigScanOutcome {
  /** False when the file is not one scale-audit reads (a `*.json` that is not a template). */
  scanned: boolean;
  skipped?: string;
  findings: Finding[];
  /** Suppression comments in the file (`# scale-audit-ignore-…`). */
  suppressions?: SuppressionComment[];
}

// Formats recognised by content: a file that cannot be read is simply not one of ours.
const RECOGNISED_BY_CONTENT = new Set<ConfigFormat>(['json', 'haproxy']);

export function scanConfigFile(scan: ConfigScan): ConfigScanOutcome {
  const rules = scan.rules.filter((rule) => rule.checkConfig);
  if (rules.length === 0) return { scanned: false, findings: [] };
  const read = readSourceFile(scan.filePath, scan.maxFileSize);
  if (!read.ok) {
    return RECOGNISED_BY_CONTENT.has(scan.format) ? { scanned: false, findings: [] } : { scanned: false, skipped: read.reason, findings: [] };
  }
  if (!isConfigFileOfInterest(scan.format, scan.filePath, read.text)) return { scanned: false, findings: [] };
  let file;
  try {
    file = parseConfig(scan.format, read.text);
  } catch (error) {
    if (!(error instanceof ConfigParseError)) throw error;
    const where = error.line === undefined ? '' : ` at ${error.line}:${error.column ?? 1}`;
    return { scanned: false, skipped: `does not parse as ${describeFormat(scan.format)}${where}: ${error.message}`, findings: [] };
  }
  const context = new ConfigContext(scan.filePath, read.text, scan.displayPath, scan.facts);
  const findings = rules.flatMap((rule) =>
    (rule.checkConfig!(file, context) ?? []).map((report) => createFinding(rule, report, context.locate(report.span), scan.displayPath)),
  );
  return { scanned: true, findings, suppressions: findSuppressionComments(read.text) };
}

function describeFormat(format: ConfigFormat): string {
  const names: Record<ConfigFormat, string> = {
    nginx: 'nginx config',
    haproxy: 'HAProxy config',
    yaml: 'YAML',
    json: 'JSON',
    terraform: 'Terraform (HCL)',
    toml: 'TOML',
  };
  return names[format];
}
