// The files of one run. Files reached through a relative import (to read an options object
// exported elsewhere) are parsed once and kept for the run; every other file's syntax tree is
// dropped as soon as its walk is over, so memory does not grow with the tree.
import { statSync } from 'node:fs';
import path from 'node:path';
import { toDisplayPath } from './discovery.js';
import { FileContext } from './file-context.js';
import { isRelativeSpecifier } from './module-ref.js';
import { readSourceFile } from './read-source.js';
import { parseSource, SOURCE_EXTENSIONS } from './source-files.js';

/** Source text of recently walked files kept for later imports (their trees take ~10x that). */
const RECENT_BUDGET = 4 * 1024 * 1024;

export class Workspace {
  /** Files parsed for cross-file resolution; `null` remembers a file that could not be loaded. */
  private readonly imported = new Map<string, FileContext | null>();
  /**
   * Recently walked files, newest last, kept up to a budget of source text so a file imported
   * after its own walk is not parsed again; the oldest are dropped first.
   */
  private readonly recent = new Map<string, { context: FileContext; size: number }>();
  private recentSize = 0;
  /** Resolved relative specifiers, by importing folder. */
  private readonly resolutions = new Map<string, string | undefined>();
  private parseCount = 0;
  private readonly mentions = new Map<string, boolean>();
  private readonly runData = new Map<string, unknown>();
  /** Run-wide scratch space for rules that join facts from several files. */
  readonly runMemo = {
    get: <T>(key: string, create: () => T): T => {
      if (!this.runData.has(key)) this.runData.set(key, create());
      return this.runData.get(key) as T;
    },
  };

  constructor(
    /** Absolute, real paths of the scanned roots: imports are only followed inside them. */
    private readonly roots: readonly string[],
    private readonly maxFileSize: number,
    /** Findings and messages name files relative to this folder. */
    private readonly cwd: string = process.cwd(),
  ) {}

  displayPath(filePath: string): string {
    return toDisplayPath(filePath, this.cwd);
  }

  /** How many times a file was parsed in this run (for tests of the parse-once promise). */
  get parses(): number {
    return this.parseCount;
  }

  /** Parses a file of the scan, or reuses it when an import already brought it in. */
  open(filePath: string, text: string): FileContext {
    return this.imported.get(filePath) ?? this.parse(filePath, text);
  }

  /** The file a relative specifier of `fromFile` names, inside the scanned roots. */
  resolveImport(fromFile: string, specifier: string): string | undefined {
    return this.resolveRelative(path.dirname(fromFile), specifier);
  }

  /** Whether a file's text names one of the packages (read once per file and package list). */
  fileMentions(filePath: string, packages: readonly string[]): boolean {
    const key = `${filePath}\0${packages.join(',')}`;
    let mentions = this.mentions.get(key);
    if (mentions === undefined) {
      const read = readSourceFile(filePath, this.maxFileSize);
      mentions = read.ok && packages.some((name) => read.text.includes(name));
      this.mentions.set(key, mentions);
    }
    return mentions;
  }

  /** Keeps a walked file within the budget of recent files. */
  retain(context: FileContext, size: number): void {
    if (this.imported.has(context.filePath)) return;
    this.recent.set(context.filePath, { context, size });
    this.recentSize += size;
    for (const [filePath, entry] of this.recent) {
      if (this.recentSize <= RECENT_BUDGET) break;
      this.recent.delete(filePath);
      this.recentSize -= entry.size;
    }
  }

  loadRelative(fromFile: string, specifier: string): FileContext | undefined {
    if (!isRelativeSpecifier(specifier)) return undefined;
    const target = this.resolveRelative(path.dirname(fromFile), specifier);
    if (!target) return undefined;
    const cached = this.imported.get(target);
    if (cached !== undefined) return cached ?? undefined;
    const walked = this.recent.get(target);
    if (walked) {
      this.recent.delete(target);
      this.recentSize -= walked.size;
    }
    const read = walked ? undefined : readSourceFile(target, this.maxFileSize);
    const context = walked?.context ?? (read?.ok ? this.parse(target, read.text) : null);
    this.imported.set(target, context);
    return context ?? undefined;
  }

  private parse(filePath: string, text: string): FileContext {
    this.parseCount += 1;
    return new FileContext(parseSource(filePath, text), filePath, this);
  }

  // './config/session' -> config/session.ts, .js, …, or config/session/index.*; TypeScript's
  // ESM style './x.js' also finds x.ts.
  private resolveRelative(fromDirectory: string, specifier: string): string | undefined {
    const key = `${fromDirectory}\0${specifier}`;
    if (!this.resolutions.has(key)) this.resolutions.set(key, this.findFile(path.resolve(fromDirectory, specifier)));
    return this.resolutions.get(key);
  }

  private findFile(base: string): string | undefined {
    const candidates = [base];
    const extension = path.extname(base);
    if (['.js', '.jsx', '.mjs', '.cjs'].includes(extension)) {
      const stem = base.slice(0, -extension.length);
      candidates.push(...['.ts', '.tsx', '.mts', '.cts'].map((ext) => stem + ext));
    }
    candidates.push(...SOURCE_EXTENSIONS.map((ext) => base + ext));
    candidates.push(...SOURCE_EXTENSIONS.map((ext) => path.join(base, 'index' + ext)));
    return candidates.find(
      (candidate) => SOURCE_EXTENSIONS.some((ext) => candidate.endsWith(ext)) && this.isInsideRoots(candidate) && isFile(candidate),
    );
  }

  private isInsideRoots(candidate: string): boolean {
    return this.roots.some((root) => candidate === root || candidate.startsWith(root + path.sep));
  }
}

function isFile(candidate: string): boolean {
  try {
    return statSync(candidate).isFile();
  } catch {
    return false;
  }
}
