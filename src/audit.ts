// The programmatic API: audit(options) -> the same result the JSON reporter prints.
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { rules as allRules } from '../rules/index.js';
import { applyBaseline, BaselineError, readBaseline, type BaselineFile } from './engine/baseline.js';
import { discoverFiles, toDisplayPath } from './engine/discovery.js';
import { compareFindings, createFinding, numberFingerprints, uniqueFindings } from './engine/findings.js';
import type { Rule } from './engine/rule.js';
import { readSourceFile } from './engine/read-source.js';
import { scanConfigFile } from './engine/scan-config.js';
import { requestContextListeners } from './engine/request-context.js';
import { didYouMean } from './engine/suggest.js';
import { invalidSuppression, reportSuppressionProblems } from './engine/suppression-rule.js';
import { applySuppressions, extendToStatements, findSuppressionComments, type SuppressionComment } from './engine/suppressions.js';
import { describeFirstSyntaxError } from './engine/source-files.js';
import { buildDispatchTable, walkFile } from './engine/walk.js';
import { Workspace } from './engine/workspace.js';
import { SEVERITIES, type AuditResult, type Finding, type Severity, type SkippedFile, type SuppressedFinding } from './types.js';
import { TOOL_VERSION } from './version.js';

export interface AuditOptions {
  /** Files or folders to scan; default `['.']`. */
  paths?: readonly string[];
  /** Base for relative paths in the input and the report; default `process.cwd()`. */
  cwd?: string;
  /** Only these rule ids (default: all). */
  rules?: readonly string[];
  /** Rule ids to turn off. */
  disable?: readonly string[];
  /** Extra glob patterns to skip, relative to each scanned root. */
  ignore?: readonly string[];
  /** Scan test, spec and fixture files too. */
  includeTests?: boolean;
  /** Files larger than this many bytes are skipped; default 1 MB. */
  maxFileSize?: number;
  /** Also report, at `info`, places where a rule could not know a value and stayed silent. */
  verbose?: boolean;
  /** Report suppression comments that match no finding (the CLI turns this on in CI). */
  reportUnusedSuppressions?: boolean;
  /** Severity per rule id, replacing the rule's default (findings a rule reports at another severity keep it). */
  severities?: Readonly<Record<string, Severity>>;
  /** A baseline file: findings it accepts are moved to `suppressed`. */
  baseline?: string;
  /**
   * The folder fingerprints and baseline entries are relative to, so they match from any working
   * directory; default `cwd`. The CLI uses the config file's folder or the git top level.
   */
  projectRoot?: string;
  /** Scan only these files (absolute paths) of the discovered ones: `--changed-since`. */
  onlyFiles?: readonly string[];
  /** Scan a deterministic share of the files: shard `index` (1-based) of `count`. */
  shard?: { index: number; count: number };
}

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

/** Thrown for a bad option value; the CLI maps it to exit code 2. */
export class UsageError extends Error {}

export function audit(options: AuditOptions = {}): AuditResult {
  const started = performance.now();
  const cwd = realpathSync(options.cwd ?? process.cwd());
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const activeRules = selectRules(options.rules, options.disable);
  const discovery = discoverFiles({
    paths: options.paths?.length ? options.paths : ['.'],
    cwd,
    ignore: options.ignore ?? [],
    includeTests: options.includeTests ?? false,
  });

  const files = selectFiles(discovery.files, options, cwd);
  const workspace = new Workspace(discovery.roots, maxFileSize, cwd);
  const needsRequestContext = activeRules.some((rule) => rule.usesRequestContext);
  const table = buildDispatchTable(activeRules, needsRequestContext ? [requestContextListeners] : []);
  const findings: Finding[] = [];
  const skipped: SkippedFile[] = [...discovery.skipped];
  const suppressionComments = new Map<string, SuppressionComment[]>();
  let scanned = 0;

  for (const filePath of files) {
    const displayPath = toDisplayPath(filePath, cwd);
    const format = discovery.configFormats.get(filePath);
    if (format) {
      const outcome = scanConfigFile({ filePath, displayPath, format, maxFileSize, rules: activeRules, run: workspace.runMemo });
      if (outcome.skipped) skipped.push({ file: displayPath, reason: outcome.skipped });
      if (outcome.scanned) scanned += 1;
      findings.push(...outcome.findings);
      if (outcome.suppressions?.length) suppressionComments.set(displayPath, outcome.suppressions);
      continue;
    }
    const read = readSourceFile(filePath, maxFileSize);
    if (!read.ok) {
      skipped.push({ file: displayPath, reason: read.reason });
      continue;
    }
    const comments = findSuppressionComments(read.text);
    if (comments.length) suppressionComments.set(displayPath, comments);
    try {
      const context = workspace.open(filePath, read.text);
      extendToStatements(comments, context.sourceFile);
      scanned += 1;
      // The parser recovers from syntax errors: the file is still walked, and listed so the
      // user knows part of it may have been misread.
      const syntaxError = describeFirstSyntaxError(context.sourceFile);
      if (syntaxError) skipped.push({ file: displayPath, reason: `${syntaxError} (the rest of the file was still checked)` });
      const fileRules = activeRules.filter((rule) => !rule.packages || context.mentionsAny(rule.packages));
      for (const { rule, report } of walkFile(context, fileRules, table)) {
        if (report.verboseOnly && !options.verbose) continue;
        const owner = report.context ?? context;
        const where = owner === context ? displayPath : toDisplayPath(owner.filePath, cwd);
        findings.push(createFinding(rule, report, owner.locate(report.node), where, owner.anchorOf(report.node)));
      }
      // Kept a while in case a file walked later imports it; then dropped, so memory stays flat.
      workspace.retain(context, read.text.length);
    } catch (error) {
      skipped.push({ file: displayPath, reason: describeFileError(error) });
    }
  }

  // Rules that join facts from several files speak last; those that read the others' findings
  // (to say what a sticky load balancer hides) after them.
  const ordered = [...activeRules].sort((a, b) => Number(a.readsOtherFindings ?? false) - Number(b.readsOtherFindings ?? false));
  const activeRuleIds = new Set(activeRules.map((rule) => rule.id));
  for (const rule of ordered) {
    for (const report of rule.endOfRun?.(workspace.runMemo, findings, activeRuleIds) ?? []) {
      findings.push(createFinding(rule, report, report.location, toDisplayPath(report.location.filePath, cwd)));
    }
  }
  const overridden = uniqueFindings(findings).map((finding) => withSeverityOverride(finding, options.severities));
  const walked = new Set(files.map((file) => toDisplayPath(file, cwd)));
  const settled = settleSuppressions(overridden, suppressionComments, walked, activeRules, options, cwd, maxFileSize);
  const projectRoot = realpathSync(options.projectRoot ?? cwd);
  const projectPath = (file: string): string => toProjectPath(file, cwd, projectRoot);
  numberFingerprints([...settled.findings, ...settled.suppressed].sort(compareFindings), projectPath);
  const { reported, suppressed, baseline } = options.baseline
    ? settleBaseline(settled.findings, settled.suppressed, options.baseline, files, activeRules, options, cwd, projectRoot)
    : { reported: settled.findings, suppressed: settled.suppressed, baseline: undefined };
  skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    version: 1,
    tool: { name: 'scale-audit', version: TOOL_VERSION },
    scanned,
    skipped,
    findings: reported,
    suppressed,
    ...(baseline ? { baseline } : {}),
    summary: {
      error: reported.filter((f) => f.severity === 'error').length,
      warning: reported.filter((f) => f.severity === 'warning').length,
      info: reported.filter((f) => f.severity === 'info').length,
    },
    durationMs: Math.round(performance.now() - started),
  };
}

function selectFiles(discovered: readonly string[], options: AuditOptions, cwd: string): string[] {
  let files = [...discovered];
  if (options.onlyFiles) {
    const wanted = new Set(options.onlyFiles.map((file) => path.resolve(file)));
    files = files.filter((file) => wanted.has(file));
  }
  const shard = options.shard;
  if (shard) files = files.filter((file) => shardOf(toDisplayPath(file, cwd), shard.count) === shard.index);
  return files;
}

/** 1-based shard of a file: from a hash of its path, so adding files does not move the others. */
/** A finding's file as a path from the project root: what fingerprints and baselines use. */
export function toProjectPath(file: string, cwd: string, projectRoot: string): string {
  return toDisplayPath(path.resolve(cwd, file), projectRoot);
}

export function shardOf(file: string, count: number): number {
  const hash = createHash('sha1').update(file).digest();
  return (hash.readUInt32BE(0) % count) + 1;
}

// A rule set to a severity: its findings at the default severity take the new one, and none stays
// above it (a lower-confidence warning under "info" becomes info too).
/**
 * Inline suppressions: hides what they cover and reports the comments themselves (no reason,
 * unknown rule, unused) as invalid-suppression findings.
 */
function settleSuppressions(
  findings: readonly Finding[],
  suppressionComments: Map<string, SuppressionComment[]>,
  walked: ReadonlySet<string>,
  activeRules: readonly Rule[],
  options: AuditOptions,
  cwd: string,
  maxFileSize: number,
): { findings: Finding[]; suppressed: SuppressedFinding[] } {
  // A finding can land in a file this run did not walk (a helper of a changed route, another
  // shard's file): its suppression comments count all the same.
  for (const file of new Set(findings.map((finding) => finding.file))) {
    if (walked.has(file) || suppressionComments.has(file)) continue;
    const read = readSourceFile(path.resolve(cwd, file), maxFileSize);
    const comments = read.ok ? findSuppressionComments(read.text) : [];
    if (comments.length) suppressionComments.set(file, comments);
  }
  const { kept, suppressed, unused } = applySuppressions(findings, suppressionComments);
  // A comment is "unused" only if its rules ran and its file was walked: on a partial run it may
  // well match a finding this run did not look for.
  const reportable = unused.filter(
    ({ file, comment }) => walked.has(file) && !options.onlyFiles && comment.ruleIds.every((id) => activeRules.some((rule) => rule.id === id)),
  );
  const checkComments = !(options.disable ?? []).includes(invalidSuppression.id);
  const knownRuleIds = allRules.map((rule) => rule.id);
  const problems = checkComments ? reportSuppressionProblems(suppressionComments, reportable, unused, knownRuleIds, options.reportUnusedSuppressions ?? false) : [];
  return { findings: [...kept, ...problems].sort(compareFindings), suppressed: suppressed.sort(compareFindings) };
}

/** The baseline: moves accepted findings to `suppressed` and lists the entries fixed since. */
function settleBaseline(
  findings: readonly Finding[],
  suppressed: readonly SuppressedFinding[],
  baselineFile: string,
  files: readonly string[],
  activeRules: readonly Rule[],
  options: AuditOptions,
  cwd: string,
  projectRoot: string,
): { reported: Finding[]; suppressed: SuppressedFinding[]; baseline: NonNullable<AuditResult['baseline']> } {
  const applied = applyBaseline(findings, readBaselineOrFail(baselineFile));
  // An entry of a rule that is off, or of a file not scanned this run (another shard), is not
  // "fixed"; nor is anything on a --changed-since run, which skips the files a finding may
  // depend on.
  const scannedFiles = new Set(files.map((file) => toDisplayPath(file, projectRoot)));
  const fixed = options.onlyFiles
    ? []
    : applied.fixed.filter((entry) => activeRules.some((rule) => rule.id === entry.ruleId) && scannedFiles.has(entry.file));
  return {
    reported: applied.kept,
    suppressed: [...suppressed, ...applied.suppressed].sort(compareFindings),
    baseline: { file: toDisplayPath(path.resolve(cwd, baselineFile), cwd), fixed },
  };
}

function withSeverityOverride(finding: Finding, severities: AuditOptions['severities']): Finding {
  const override = severities?.[finding.ruleId];
  const rule = allRules.find((candidate) => candidate.id === finding.ruleId);
  if (!override || !rule) return finding;
  const rank = (severity: Severity): number => SEVERITIES.indexOf(severity);
  return finding.severity === rule.severity || rank(finding.severity) < rank(override) ? { ...finding, severity: override } : finding;
}

function readBaselineOrFail(file: string): BaselineFile {
  try {
    return readBaseline(file);
  } catch (error) {
    if (error instanceof BaselineError) throw new UsageError(error.message);
    throw error;
  }
}

function describeFileError(error: unknown): string {
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return 'nested too deeply to analyse (the call stack ran out)';
  }
  return `internal error while checking: ${error instanceof Error ? error.message : String(error)}`;
}

function selectRules(only: readonly string[] | undefined, disable: readonly string[] | undefined): Rule[] {
  const known = new Set([...allRules.map((rule) => rule.id), invalidSuppression.id]);
  for (const id of [...(only ?? []), ...(disable ?? [])]) {
    if (!known.has(id)) {
      throw new UsageError(`unknown rule "${id}"${didYouMean(id, [...known])}; known rules: ${[...known].join(', ')}`);
    }
  }
  return allRules.filter(
    (rule) => (!only?.length || only.includes(rule.id)) && !(disable ?? []).includes(rule.id),
  );
}

