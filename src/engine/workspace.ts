// The files of one run. Parsed files (walked ones, and ones reached through a relative import to
// read an options object exported there) stay in a cache bounded by their source size, newest
// last, so a file is parsed once in practice while memory stays flat however large the tree.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { toDisplayPath } from './discovery.js';
import { FileContext } from './file-context.js';
import { isRelativeSpecifier } from './module-ref.js';
import { readSourceFile } from './read-source.js';
import { parseSource, SOURCE_EXTENSIONS } from './source-files.js';

/** Source text of the parsed files kept (their syntax trees take roughly ten times that). */
const CACHE_BUDGET = 2 * 1024 * 1024;

export class Workspace {
  /** Parsed files, least recently used first; `null` remembers a file that could not be loaded. */
  private readonly parsed = new Map<string, { context: FileContext | null; size: number }>();
  private parsedSize = 0;
  /** Resolved relative specifiers, by importing folder. */
  private readonly resolutions = new Map<string, string | undefined>();
  private parseCount = 0;
  private readonly mentions = new Map<string, { checked: Set<string>; named: Set<string> }>();
  private readonly askedPackages = new Set<string>();
  private readonly directoryFiles = new Map<string, Set<string>>();
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
    return this.take(filePath)?.context ?? this.parse(filePath, text);
  }

  /** The file a relative specifier of `fromFile` names, inside the scanned roots. */
  resolveImport(fromFile: string, specifier: string): string | undefined {
    return this.resolveRelative(path.dirname(fromFile), specifier);
  }

  /**
   * Whether a file's text names one of the packages. A file is read once: it is then checked for
   * every package any rule has asked about so far, so the next rule's list is answered from that.
   */
  fileMentions(filePath: string, packages: readonly string[]): boolean {
    for (const name of packages) this.askedPackages.add(name);
    let found = this.mentions.get(filePath);
    if (!found || packages.some((name) => !found!.checked.has(name))) {
      const read = readSourceFile(filePath, this.maxFileSize);
      const text = read.ok ? read.text : '';
      found = { checked: new Set(this.askedPackages), named: new Set([...this.askedPackages].filter((name) => text.includes(name))) };
      this.mentions.set(filePath, found);
    }
    return packages.some((name) => found!.named.has(name));
  }

  /** Keeps a walked file in the cache, in case a file walked later imports it. */
  retain(context: FileContext, size: number): void {
    this.remember(context.filePath, context, size);
  }

  loadRelative(fromFile: string, specifier: string): FileContext | undefined {
    if (!isRelativeSpecifier(specifier)) return undefined;
    const target = this.resolveRelative(path.dirname(fromFile), specifier);
    if (!target) return undefined;
    const cached = this.take(target);
    if (cached) {
      this.remember(target, cached.context, cached.size);
      return cached.context ?? undefined;
    }
    const read = readSourceFile(target, this.maxFileSize);
    const context = read.ok ? this.parse(target, read.text) : null;
    this.remember(target, context, read.ok ? read.text.length : 0);
    return context ?? undefined;
  }

  private take(filePath: string): { context: FileContext | null; size: number } | undefined {
    const entry = this.parsed.get(filePath);
    if (entry) {
      this.parsed.delete(filePath);
      this.parsedSize -= entry.size;
    }
    return entry;
  }

  private remember(filePath: string, context: FileContext | null, size: number): void {
    this.take(filePath);
    this.parsed.set(filePath, { context, size });
    this.parsedSize += size;
    for (const [oldest, entry] of this.parsed) {
      if (this.parsedSize <= CACHE_BUDGET) break;
      this.parsed.delete(oldest);
      this.parsedSize -= entry.size;
    }
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
      (candidate) => SOURCE_EXTENSIONS.some((ext) => candidate.endsWith(ext)) && this.isInsideRoots(candidate) && this.isFile(candidate),
    );
  }

  // One directory listing answers every candidate in it: far fewer system calls than a stat each.
  private isFile(candidate: string): boolean {
    const directory = path.dirname(candidate);
    let files = this.directoryFiles.get(directory);
    if (!files) {
      files = listFiles(directory);
      this.directoryFiles.set(directory, files);
    }
    return files.has(path.basename(candidate));
  }

  private isInsideRoots(candidate: string): boolean {
    return this.roots.some((root) => candidate === root || candidate.startsWith(root + path.sep));
  }
}

function listFiles(directory: string): Set<string> {
  try {
    const entries = readdirSync(directory, { withFileTypes: true });
    // A link to a file counts; the discovery step decides whether links are followed at all.
    return new Set(entries.filter((entry) => entry.isFile() || entry.isSymbolicLink()).map((entry) => entry.name));
  } catch {
    return new Set();
  }
}
