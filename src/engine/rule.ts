// The contract between the engine and a rule (ESLint style: data plus a visitor). A rule is two
// modules: rules/<id>.ts, what the CLI, the reports and the end of a run need (no compiler), and
// rules/<id>/listeners.ts, what it does while a file is walked. A run answered wholly from the
// result cache never loads the compiler.
import type { ts } from '#typescript';
import type { Finding, Severity } from '../types.js';
import type { ConfigContext } from './config-context.js';
import type { ConfigFile, Span } from './config/index.js';
import type { FileContext } from './file-context.js';

export interface RuleDocs {
  /** One line: the hazard. */
  title: string;
  /** Why it breaks as soon as a second instance runs. */
  why: string;
  /** The stateless fix, imperative, naming the shared store. */
  fix: string;
  /** A short example of the hazard and of the fix. */
  example: { bad: string; good: string };
}

/** What a handler returns: the engine turns it into a finding. */
export interface Report<MessageId extends string = string> {
  node: ts.Node;
  messageId: MessageId;
  data?: Record<string, string>;
  /** Overrides the rule's severity (e.g. lower confidence). */
  severity?: Severity;
  /** Shown only with `--verbose` (e.g. "could not know the options here, stayed silent"). */
  verboseOnly?: boolean;
  /** The file `node` belongs to, when it is not the file being walked (a helper it imports). */
  context?: FileContext;
}

/** A place in a file as plain data, kept across files until the end of the run. */
export interface Location {
  /** Absolute path. */
  filePath: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  source: string;
}

/** A report decided once every file has been walked (facts from several files joined). */
export interface LocatedReport<MessageId extends string = string> {
  location: Location;
  messageId: MessageId;
  data?: Record<string, string>;
  severity?: Severity;
}

export type Handler<MessageId extends string> = (
  node: ts.Node,
  context: FileContext,
) => Report<MessageId> | Report<MessageId>[] | undefined;

/** A rule as the CLI, the reports and the end of a run know it. */
export interface Rule<MessageId extends string = string> {
  id: string;
  severity: Severity;
  docs: RuleDocs;
  /** Message templates with `{{placeholders}}`, keyed by message id. */
  messages: Record<MessageId, string>;
  /**
   * Called once after every file, with the plain data each file kept in `context.facts` (for
   * facts that only several files together decide).
   */
  endOfRun?: (facts: RunFacts, findings: readonly Finding[], activeRuleIds: ReadonlySet<string>) => LocatedReport<MessageId>[];
  /** True when `endOfRun` reads the other rules' findings (it then runs after theirs). */
  readsOtherFindings?: boolean;
}

/** What a rule does while a file is walked. */
export interface RuleListeners<MessageId extends string = string> {
  /**
   * Package names the rule looks for. A file whose text names none of them is not
   * offered to the rule's `visit` handlers (a cheap pre-filter); `undefined` means always.
   */
  packages?: readonly string[];
  /** True when the rule asks which functions run per request (the walk then collects routes). */
  usesRequestContext?: boolean;
  visit: Partial<Record<ts.SyntaxKind, Handler<MessageId>>>;
  /** Called once the file's walk is over, for rules that collect before they judge. */
  endOfFile?: (context: FileContext) => Report<MessageId>[] | undefined;
  /** Reads a deployment config file (nginx, HAProxy, YAML, JSON, Terraform, TOML). */
  checkConfig?: (file: ConfigFile, context: ConfigContext) => ConfigReport<MessageId>[] | undefined;
}

/** A rule with its listeners: what the analysis of a file runs. */
export type WalkingRule<MessageId extends string = string> = Rule<MessageId> & RuleListeners<MessageId>;

/** A report on a config file: the span of the directive or key. */
export interface ConfigReport<MessageId extends string = string> {
  span: Span;
  messageId: MessageId;
  data?: Record<string, string>;
  severity?: Severity;
}

/**
 * What one file contributes to end-of-run joins, by key. Plain data only (objects, arrays, Maps,
 * Sets, strings, numbers): it crosses worker threads and is kept in the result cache.
 */
export interface FileFacts {
  get<T>(key: string, create: () => T): T;
}

/** Every file's facts for a key, in the order the files were scanned (the same for any --jobs). */
export interface RunFacts {
  all<T>(key: string): T[];
}

/** Typed helper so a wrong message id fails to compile. */
export function defineRule<MessageId extends string>(rule: Rule<MessageId>): Rule<MessageId> {
  return rule;
}

/** Typed helper: the listeners may report only `rule`'s message ids. */
export function defineListeners<MessageId extends string>(_rule: Rule<MessageId>, listeners: RuleListeners<MessageId>): RuleListeners<MessageId> {
  return listeners;
}
