// One file in, plain data out: what the main thread, a worker thread and the result cache share.
// Everything a file's analysis produces is in its FileOutcome, so outcomes can be computed
// anywhere, in any order, and joined in scan order at the end.
import { rules as allRules } from '../../rules/index.js';
import { listenersByRule } from '../../rules/listeners.js';
import type { SkippedFile } from '../types.js';
import { createFinding, placeFingerprint } from './findings.js';
import type { FileOutcome } from './file-outcome.js';
import type { ConfigFormat } from './config/index.js';
import { toProjectPath } from './paths.js';
import { readSourceFile } from './read-source.js';
import { requestContextListeners } from './request-context.js';
import type { RuleListeners, WalkingRule } from './rule.js';
import { scanConfigFile } from './scan-config.js';
import { describeFirstSyntaxError, NestingTooDeepError } from './source-files.js';
import { extendToStatements } from './suppression-spans.js';
import { findSuppressionComments } from './suppressions.js';
import { buildDispatchTable, walkFile } from './walk.js';
import { Workspace } from './workspace.js';

/** What every thread of one run analyses with: plain data, so it can be sent to a worker. */
export interface AnalysisSettings {
  cwd: string;
  /** Absolute, real paths of the scanned roots. */
  roots: readonly string[];
  ruleIds: readonly string[];
  maxFileSize: number;
  verbose: boolean;
  /** Record what each file's analysis read (only the result cache needs it). */
  trackDependencies: boolean;
  /** What fingerprints are relative to (see `placeFingerprint`). */
  projectRoot: string;
}

export class FileAnalyzer {
  private readonly rules: WalkingRule[];
  private readonly workspace: Workspace;
  private readonly table: ReturnType<typeof buildDispatchTable>;
  /** A file's findings are nearly all in the file itself: the last project path is kept. */
  private lastProjectPath = { file: '', projectFile: '' };

  constructor(private readonly settings: AnalysisSettings) {
    this.rules = allRules.filter((rule) => settings.ruleIds.includes(rule.id)).map((rule) => ({ ...rule, ...listenersOf(rule.id) }));
    this.workspace = new Workspace(settings.roots, settings.maxFileSize, settings.cwd, settings.trackDependencies);
    this.workspace.expectPackages(this.rules.flatMap((rule) => rule.packages ?? []));
    const needsRequestContext = this.rules.some((rule) => rule.usesRequestContext);
    this.table = buildDispatchTable(this.rules, needsRequestContext ? [requestContextListeners] : []);
  }

  /** How many files this analyzer parsed (for tests of the parse-once promise). */
  get parses(): number {
    return this.workspace.parses;
  }

  /**
   * A file's outcome, as a copy that holds nothing of the file: strings cut from its text (a
   * flagged line, a name) would otherwise keep the whole text alive for as long as the finding
   * lives, and memory would grow with the tree.
   */
  analyze(filePath: string, configFormat: ConfigFormat | undefined): FileOutcome {
    return structuredClone(this.analyzeUncopied(filePath, configFormat));
  }

  /**
   * A file's outcome as the analysis made it, for a caller that copies it anyway: a worker thread,
   * whose message to the main thread is a copy. (Copying twice cost 2% of a worker's time.)
   */
  analyzeUncopied(filePath: string, configFormat: ConfigFormat | undefined): FileOutcome {
    this.workspace.beginFile();
    const outcome = configFormat ? this.analyzeConfig(filePath, configFormat) : this.analyzeSource(filePath);
    const record = this.workspace.endFile(this.settings.trackDependencies ? filePath : undefined);
    for (const finding of outcome.findings) placeFingerprint(finding, this.projectPath(finding.file));
    return {
      ...outcome,
      // The fix text is the rule's: the join puts it back, so it is not copied per finding.
      findings: outcome.findings.map((finding) => ({ ...finding, fix: '' })),
      facts: [...record.facts],
      dependencies: { files: [...record.files].sort(), directories: [...record.directories].sort() },
    };
  }

  private analyzeConfig(filePath: string, format: ConfigFormat): Omit<FileOutcome, 'facts' | 'dependencies'> {
    const displayPath = this.displayPath(filePath);
    const scan = { filePath, displayPath, format, maxFileSize: this.settings.maxFileSize, rules: this.rules, facts: this.workspace.fileFacts };
    const outcome = scanConfigFile(scan);
    return {
      scanned: outcome.scanned,
      skipped: outcome.skipped ? [{ file: displayPath, reason: outcome.skipped }] : [],
      findings: outcome.findings,
      suppressions: outcome.suppressions ?? [],
    };
  }

  private analyzeSource(filePath: string): Omit<FileOutcome, 'facts' | 'dependencies'> {
    const displayPath = this.displayPath(filePath);
    const read = readSourceFile(filePath, this.settings.maxFileSize);
    if (!read.ok) return { scanned: false, skipped: [{ file: displayPath, reason: read.reason }], findings: [], suppressions: [] };
    const suppressions = findSuppressionComments(read.text);
    const skipped: SkippedFile[] = [];
    const findings = [];
    let parsed = false;
    try {
      const context = this.workspace.open(filePath, read.text);
      extendToStatements(suppressions, context.sourceFile);
      parsed = true;
      // The parser recovers from syntax errors: the file is still walked, and listed so the
      // user knows part of it may have been misread.
      const syntaxError = describeFirstSyntaxError(context.sourceFile);
      if (syntaxError) skipped.push({ file: displayPath, reason: `${syntaxError} (the rest of the file was still checked)` });
      const fileRules = this.rules.filter((rule) => !rule.packages || context.mentionsAny(rule.packages));
      for (const { rule, report } of walkFile(context, fileRules, this.table)) {
        if (report.verboseOnly && !this.settings.verbose) continue;
        const owner = report.context ?? context;
        const where = owner === context ? displayPath : this.displayPath(owner.filePath);
        findings.push(createFinding(rule, report, owner.locate(report.node), where, owner.anchorOf(report.node)));
      }
      // Kept a while in case a file walked later imports it; then dropped, so memory stays flat.
      this.workspace.retain(context, read.text.length);
    } catch (error) {
      // Refused by the parse itself (not by an import), the same on every thread: its suppression
      // comments are not judged.
      if (error instanceof NestingTooDeepError && !parsed) return { scanned: false, skipped: [{ file: displayPath, reason: error.reason }], findings: [], suppressions: [] };
      return { scanned: parsed, skipped: [...skipped, { file: displayPath, reason: describeFileError(error) }], findings, suppressions };
    }
    return { scanned: true, skipped, findings, suppressions };
  }

  private displayPath(filePath: string): string {
    return this.workspace.displayPath(filePath);
  }

  private projectPath(file: string): string {
    if (this.lastProjectPath.file !== file) this.lastProjectPath = { file, projectFile: toProjectPath(file, this.settings.cwd, this.settings.projectRoot) };
    return this.lastProjectPath.projectFile;
  }
}

function listenersOf(ruleId: string): RuleListeners {
  const listeners = listenersByRule.get(ruleId);
  if (!listeners) throw new Error(`rule ${ruleId} has no listeners in rules/listeners.ts`);
  return listeners;
}

function describeFileError(error: unknown): string {
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return 'nested too deeply to analyse (the call stack ran out)';
  }
  return `internal error while checking: ${error instanceof Error ? error.message : String(error)}`;
}
