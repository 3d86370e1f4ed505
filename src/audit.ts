// The programmatic API: audit(options) -> the same result the JSON reporter prints.
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { rules as allRules } from '../rules/index.js';
import { applyBaseline, BaselineError, readBaseline, type BaselineFile } from './engine/baseline.js';
import { discoverFiles } from './engine/discovery.js';
import { toDisplayPath, toProjectPath } from './engine/paths.js';
import { compareFindings, createFinding, numberFingerprints, placeFingerprint, uniqueFindings } from './engine/findings.js';
import type { AnalysisSettings, FileAnalyzer } from './engine/analyze.js';
import { preloadCompiler } from './engine/compiler-cache.js';
import { readFacts, type FileOutcome, type JoinedOutcome } from './engine/file-outcome.js';
import type { LocatedReport, Rule, RunFacts } from './engine/rule.js';
import { readSourceFile } from './engine/read-source.js';
import { statFilesInThread } from './engine/file-stats.js';
import { cacheLocation, ResultCache } from './engine/result-cache.js';
import { didYouMean } from './engine/suggest.js';
import { invalidSuppression, reportSuppressionProblems } from './engine/suppression-rule.js';
import { applySuppressions, findSuppressionComments, type SuppressionComment } from './engine/suppressions.js';
import { analyzeInThreads, type AnalysisTask } from './engine/thread-pool.js';
import { v8FlagsSet } from './engine/v8-flags.js';
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
  /** Threads to analyse with; default: the available cores. The result is the same for any value. */
  jobs?: number;
  /** Fewest files worth a thread of their own (default 1,500); smaller scans use fewer threads. */
  filesPerThread?: number;
  /**
   * Reuse the outcomes of files unchanged since the last run: `true` for the default cache file
   * (in the user's cache folder), or a file or folder path.
   */
  cache?: boolean | string;
  /** Told about problems that do not stop the scan (a damaged cache file). */
  onWarning?: (message: string) => void;
}

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;
const FILES_PER_THREAD = 1500;
/**
 * Fewest files whose stats are worth a thread of their own in a `--cache` run (with `jobs` > 1).
 * Measured on 2 cores: 0.95x the time of a warm rerun of the 50k benchmark tree, no gain at 10k.
 */
const STAT_THREAD_MIN_FILES = 20_000;

/** Thrown for a bad option value; the CLI maps it to exit code 2. */
export class UsageError extends Error {}

export async function audit(options: AuditOptions = {}): Promise<AuditResult> {
  const started = performance.now();
  const cwd = realpathSync(options.cwd ?? process.cwd());
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const activeRules = selectRules(options.rules, options.disable);
  // Without a cache every file is analysed: the compiler is loaded first. Loaded after discovery,
  // it made V8 pretenure syntax trees (7% slower, 60 MB more on the npm corpus); the CLI turns
  // that heuristic off (bin/scale-audit.js), an API caller may not have.
  if (!options.cache) preloadCompiler(v8FlagsSet());
  const discovery = discoverFiles({
    paths: options.paths?.length ? options.paths : ['.'],
    cwd,
    ignore: options.ignore ?? [],
    includeTests: options.includeTests ?? false,
  });
  const files = selectFiles(discovery.files, options, cwd);
  const projectRoot = realpathSync(options.projectRoot ?? cwd);
  const settings: AnalysisSettings = {
    cwd,
    roots: discovery.roots,
    ruleIds: activeRules.map((rule) => rule.id),
    maxFileSize,
    verbose: options.verbose ?? false,
    trackDependencies: Boolean(options.cache),
    projectRoot,
  };
  const tasks = files.map((file) => ({ file, format: discovery.configFormats.get(file) }));

  // The outcomes joined in scan order, whichever thread or cache they came from; each is dropped
  // once joined, so memory holds findings and facts, not outcomes.
  const findings: Finding[] = [];
  const skipped: SkippedFile[] = [...discovery.skipped];
  const suppressionComments = new Map<string, SuppressionComment[]>();
  // Facts in scan order, grouped by key when the end of the run first asks for them (a cached
  // outcome's are decoded then, and not at all by a run that reuses the last end-of-run findings).
  const factLists: JoinedOutcome['facts'][] = [];
  let scanned = 0;
  const shared = new SharedStrings(activeRules);
  const join = (outcome: JoinedOutcome, index: number): void => {
    if (outcome.scanned) scanned += 1;
    skipped.push(...outcome.skipped);
    for (const finding of outcome.findings) findings.push(shared.of(finding));
    if (outcome.suppressions.length) suppressionComments.set(toDisplayPath(files[index]!, cwd), outcome.suppressions);
    if (!Array.isArray(outcome.facts) || outcome.facts.length > 0) factLists.push(outcome.facts);
  };
  const warn = options.onWarning ?? (() => {});
  // A large run's stats are taken on another thread while this one reads and decodes the cache
  // (opening it reports any problem as a warning, so the thread is always waited for).
  const location = options.cache ? cacheLocation(options.cache, cwd, projectRoot, settings.roots) : undefined;
  const statsAhead = location && jobsOf(options) > 1 && files.length >= STAT_THREAD_MIN_FILES ? statFilesInThread(files) : undefined;
  const cache = location ? ResultCache.open(location, settings, warn) : undefined;
  const stats = await statsAhead;
  if (stats) cache?.useStats(stats);
  const cachedFiles = await analyzeFiles(tasks, settings, options, cache, inScanOrder(join));
  let factsByKey: Map<string, unknown[]> | undefined;
  const runFacts: RunFacts = { all: <T>(key: string) => ((factsByKey ??= groupFacts(factLists)).get(key) ?? []) as T[] };
  const projectPaths = new Map<string, string>();
  const placed = (finding: Finding): Finding => {
    let projectFile = projectPaths.get(finding.file);
    if (projectFile === undefined) projectPaths.set(finding.file, (projectFile = toProjectPath(finding.file, cwd, projectRoot)));
    placeFingerprint(finding, projectFile);
    return finding;
  };
  // A run answered wholly from the cache has the end-of-run findings of the last run over the
  // same files: the rules would only make them again.
  const runFiles = cache && createHash('sha1').update(files.join('\0')).digest('base64');
  const reused = runFiles ? cache?.endOfRunFindings(runFiles) : undefined;
  // (shared.of makes each a finding of this run's own.)
  if (reused) findings.push(...reused.map((finding) => shared.of(finding)));
  else {
    const toFinding = (rule: Rule, report: LocatedReport): Finding =>
      shared.of(placed(createFinding(rule, report, report.location, toDisplayPath(report.location.filePath, cwd))));
    const made = judgeAtEndOfRun(activeRules, runFacts, findings, toFinding);
    if (runFiles) cache?.keepEndOfRun(runFiles, made);
  }
  cache?.save(warn);
  const overridden = uniqueFindings(findings).map((finding) => withSeverityOverride(finding, options.severities));
  const walked = new Set(files.map((file) => toDisplayPath(file, cwd)));
  const settled = settleSuppressions(overridden, suppressionComments, walked, activeRules, options, cwd, maxFileSize, placed);
  numberFingerprints([...settled.findings, ...settled.suppressed].sort(compareFindings));
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
    ...(cachedFiles === undefined ? {} : { cachedFiles }),
  };
}

/**
 * The rules' end-of-run findings; each is added to `findings` as it is made. Rules that join facts
 * from several files speak last, and those that read the others' findings (to say what a sticky
 * load balancer hides) after them.
 */
function judgeAtEndOfRun(
  rules: readonly Rule[],
  runFacts: RunFacts,
  findings: Finding[],
  toFinding: (rule: Rule, report: LocatedReport) => Finding,
): Finding[] {
  const ordered = [...rules].sort((a, b) => Number(a.readsOtherFindings ?? false) - Number(b.readsOtherFindings ?? false));
  const activeRuleIds = new Set(rules.map((rule) => rule.id));
  const made: Finding[] = [];
  for (const rule of ordered) {
    for (const report of rule.endOfRun?.(runFacts, findings, activeRuleIds) ?? []) {
      const finding = toFinding(rule, report);
      findings.push(finding);
      made.push(finding);
    }
  }
  return made;
}

/**
 * Every file's outcome, to `deliver`: from the result cache when the file and what it read are
 * unchanged, else analysed here or, for a large enough scan with `jobs` > 1, in worker threads too.
 * Returns how many scanned files came from the cache (`undefined` without one).
 */
async function analyzeFiles(
  tasks: readonly AnalysisTask[],
  settings: AnalysisSettings,
  options: AuditOptions,
  cache: ResultCache | undefined,
  deliver: (index: number, outcome: JoinedOutcome) => void,
): Promise<number | undefined> {
  const misses: number[] = [];
  let cachedScans = 0;
  tasks.forEach((task, index) => {
    const cached = cache?.lookup(task.file);
    if (cached) {
      if (cached.scanned) cachedScans += 1;
      deliver(index, cached);
    } else misses.push(index);
  });
  if (misses.length > 0) {
    // The analyzer, and with it the compiler, is loaded only when some file is not in the cache:
    // from V8's cached code when there is some (see compiler-cache.ts).
    preloadCompiler(v8FlagsSet());
    const { FileAnalyzer } = await import('./engine/analyze.js');
    let analyzer: FileAnalyzer | undefined;
    const local = (): FileAnalyzer => (analyzer ??= new FileAnalyzer(settings));
    const missed = misses.map((index) => tasks[index]!);
    const analysed = (position: number, outcome: FileOutcome): void => {
      cache?.store(missed[position]!.file, outcome);
      deliver(misses[position]!, outcome);
    };
    const threads = threadsFor(missed.length, options);
    if (threads > 1) await analyzeInThreads(missed, settings, threads, local, analysed);
    else missed.forEach((task, position) => analysed(position, local().analyze(task.file, task.format)));
  }
  return cache ? cachedScans : undefined;
}

/**
 * Outcomes arrive as copies (from a worker, the cache, or detached from their source text), so
 * every finding has its own copy of its rule id, severity, file name, message and flagged line:
 * one of each is kept (a message is often repeated, and is some 200 characters). Outcomes carry
 * no fix text (it is the rule's); it is put back here.
 */
class SharedStrings {
  private readonly files = new Map<string, string>();
  private readonly texts = new Map<string, string>();
  private readonly rules: Map<string, Rule>;

  constructor(rules: readonly Rule[]) {
    this.rules = new Map(rules.map((rule) => [rule.id, rule]));
  }

  of(finding: Finding): Finding {
    const rule = this.rules.get(finding.ruleId);
    // A new object: the outcome's own may be written to the cache, which keeps no fix text. Every
    // field is named in one literal, in the order of `Finding` (the order reports print), so V8
    // gives the object room for all of them: a copy by spread kept 2.7 MB more on the 50k tree.
    return {
      ruleId: rule?.id ?? finding.ruleId,
      severity: SEVERITIES.find((severity) => severity === finding.severity) ?? finding.severity,
      file: intern(this.files, finding.file),
      line: finding.line,
      column: finding.column,
      endLine: finding.endLine,
      endColumn: finding.endColumn,
      message: intern(this.texts, finding.message),
      fix: rule?.docs.fix ?? finding.fix,
      source: intern(this.texts, finding.source),
      fingerprint: finding.fingerprint,
    };
  }
}

function intern(strings: Map<string, string>, text: string): string {
  const known = strings.get(text);
  if (known !== undefined) return known;
  strings.set(text, text);
  return text;
}

/** Every file's facts by key, in scan order; `lists` is emptied, so only the groups stay in memory. */
function groupFacts(lists: JoinedOutcome['facts'][]): Map<string, unknown[]> {
  const byKey = new Map<string, unknown[]>();
  for (const facts of lists) {
    for (const [key, value] of readFacts(facts)) {
      const all = byKey.get(key) ?? [];
      all.push(value);
      byKey.set(key, all);
    }
  }
  lists.length = 0;
  return byKey;
}

/** Wraps `join` so outcomes delivered in any order reach it in scan order. */
function inScanOrder(join: (outcome: JoinedOutcome, index: number) => void): (index: number, outcome: JoinedOutcome) => void {
  const waiting = new Map<number, JoinedOutcome>();
  let next = 0;
  return (index, outcome) => {
    waiting.set(index, outcome);
    for (let ready = waiting.get(next); ready; ready = waiting.get(next)) {
      waiting.delete(next);
      join(ready, next);
      next += 1;
    }
  };
}

/**
 * Threads for `count` files, the main thread included: at most `jobs` (default: the available
 * cores), and one per `filesPerThread` files. Starting a thread (loading the parser) costs about
 * as much as analysing 300 files, and each thread repeats some cross-file work; below 1,500 files
 * per thread, measured on 2 cores, the second thread did not pay for itself.
 */
function threadsFor(count: number, options: AuditOptions): number {
  return Math.max(1, Math.min(jobsOf(options), Math.floor(count / (options.filesPerThread ?? FILES_PER_THREAD))));
}

/** The most threads a run may use: `jobs`, by default the available cores. */
function jobsOf(options: AuditOptions): number {
  return options.jobs ?? availableParallelism();
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
  /** Places the fingerprint of a finding made here (see `placeFingerprint`). */
  placed: (finding: Finding) => Finding,
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
  const problems = checkComments ? reportSuppressionProblems(suppressionComments, reportable, unused, knownRuleIds, options.reportUnusedSuppressions ?? false).map(placed) : [];
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

