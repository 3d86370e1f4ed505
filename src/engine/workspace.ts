// The files of one run. Parsed files (walked ones, and ones reached through a relative import to
// read an options object exported there) stay a short while in a small cache, so a file is parsed
// once in practice while memory stays flat however large the tree.
import path from 'node:path';
import { BoundedMemo } from './bounded-memo.js';
import { SOURCE_EXTENSIONS, toDisplayPath } from './paths.js';
import { FileContext } from './file-context.js';
import { listFiles } from './list-files.js';
import { ParsedFileCache } from './parsed-cache.js';
import { isRelativeSpecifier } from './module-ref.js';
import { readSourceFile } from './read-source.js';
import type { FileFacts } from './rule.js';
import { NestingTooDeepError, parseSource } from './source-files.js';

const NONE: ReadonlySet<string> = new Set();
/** Entries kept by each memo of answers found again cheaply (see `BoundedMemo`). */
const MEMO_LIMIT = 4096;

export class Workspace {
  /** Parsed files; `null` remembers a file that could not be loaded. */
  private readonly parsed = new ParsedFileCache<FileContext | null>();
  /** Resolved relative specifiers, by importing folder. */
  private readonly resolutions = new BoundedMemo<string, { target: string | undefined; directories: string[] }>(MEMO_LIMIT);
  private parseCount = 0;
  private readonly mentions = new BoundedMemo<string, { checked: number; named: ReadonlySet<string> }>(MEMO_LIMIT);
  private readonly askedPackages: string[] = [];
  private readonly askedPackageSet = new Set<string>();
  private anyPackage: RegExp | undefined;
  private readonly directoryFiles = new BoundedMemo<string, Set<string>>(MEMO_LIMIT);
  private readonly displayPaths = new BoundedMemo<string, string>(MEMO_LIMIT);
  /**
   * What each file made the run read: files it imported or checked for package names, and folders
   * listed to resolve its imports. A file's answers are memoised in its context and reused by
   * later walks, so what a walk depends on is everything reachable from its file here.
   */
  private readonly reads = new Map<string, { files: Set<string>; directories: Set<string> }>();
  /** What the file being analysed contributes to end-of-run joins (see `beginFile`). */
  private currentFacts = new Map<string, unknown>();
  readonly fileFacts: FileFacts = {
    get: <T>(key: string, create: () => T): T => {
      if (!this.currentFacts.has(key)) this.currentFacts.set(key, create());
      return this.currentFacts.get(key) as T;
    },
  };

  constructor(
    /** Absolute, real paths of the scanned roots: imports are only followed inside them. */
    private readonly roots: readonly string[],
    private readonly maxFileSize: number,
    /** Findings and messages name files relative to this folder. */
    private readonly cwd: string = process.cwd(),
    /** Record what each file made the run read (for the result cache); off, nothing is kept. */
    private readonly trackReads = false,
  ) {}

  /** Starts collecting the facts of the next file analysed. */
  beginFile(): void {
    this.currentFacts = new Map();
  }

  /** The facts collected since `beginFile`, and every file and folder the analysis of `filePath` read. */
  endFile(filePath: string | undefined): FileRecord {
    const facts = this.currentFacts;
    this.currentFacts = new Map();
    const files = new Set<string>();
    const directories = new Set<string>();
    const pending = filePath === undefined ? [] : [filePath];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      const read = this.reads.get(next);
      if (!read) continue;
      for (const directory of read.directories) directories.add(directory);
      for (const file of read.files) {
        if (file === filePath || files.has(file)) continue;
        files.add(file);
        pending.push(file);
      }
    }
    return { facts, files, directories };
  }

  private readsOf(filePath: string): { files: Set<string>; directories: Set<string> } | undefined {
    if (!this.trackReads) return undefined;
    let read = this.reads.get(filePath);
    if (!read) {
      read = { files: new Set(), directories: new Set() };
      this.reads.set(filePath, read);
    }
    return read;
  }

  /** A file as findings name it (asked for every registration and finding: memoised). */
  displayPath(filePath: string): string {
    let display = this.displayPaths.get(filePath);
    if (display === undefined) {
      display = toDisplayPath(filePath, this.cwd);
      this.displayPaths.set(filePath, display);
    }
    return display;
  }

  /** How many times a file was parsed in this run (for tests of the parse-once promise). */
  get parses(): number {
    return this.parseCount;
  }

  /** Parses a file of the scan, or reuses it when an import already brought it in. */
  open(filePath: string, text: string): FileContext {
    return this.parsed.get(filePath)?.value ?? this.parse(filePath, text);
  }

  /** The file a relative specifier of `fromFile` names, inside the scanned roots. */
  resolveImport(fromFile: string, specifier: string): string | undefined {
    return this.resolveRelative(fromFile, specifier);
  }

  /**
   * Whether a file's text names one of the packages. A file is read once: it is then checked for
   * every package any rule has asked about so far, so the next rule's list is answered from that.
   */
  fileMentions(fromFile: string, filePath: string, packages: readonly string[]): boolean {
    this.expectPackages(packages);
    this.readsOf(fromFile)?.files.add(filePath);
    const named = this.packagesNamedIn(filePath, () => this.parsed.get(filePath)?.value?.sourceFile.text ?? readText(filePath, this.maxFileSize));
    return packages.some((name) => named.has(name));
  }

  /** Which of the expected packages a file's text names (as plain substrings). */
  packagesNamedIn(filePath: string, readText: () => string): ReadonlySet<string> {
    let found = this.mentions.get(filePath);
    // Packages are asked in a growing list, so "checked" is how far along it the file was read.
    if (!found || found.checked < this.askedPackages.length) {
      const text = readText();
      // One pass finds whether the text names any package at all; most files name none. Only
      // those that do are searched name by name.
      this.anyPackage ??= new RegExp(this.askedPackages.map(escapeRegExp).join('|'));
      const named = this.anyPackage.test(text) ? this.askedPackages.filter((name) => text.includes(name)) : [];
      found = { checked: this.askedPackages.length, named: named.length ? new Set(named) : NONE };
      this.mentions.set(filePath, found);
    }
    return found.named;
  }

  /** Package names rules will ask about: a file read for one is checked for all at once. */
  expectPackages(packages: readonly string[]): void {
    for (const name of packages) {
      if (this.askedPackageSet.has(name)) continue;
      this.askedPackageSet.add(name);
      this.askedPackages.push(name);
      this.anyPackage = undefined;
    }
  }

  /** Keeps a walked file in the cache, in case a file walked later imports it. */
  retain(context: FileContext, size: number): void {
    this.parsed.keep(context.filePath, context, size);
  }

  loadRelative(fromFile: string, specifier: string): FileContext | undefined {
    if (!isRelativeSpecifier(specifier)) return undefined;
    const target = this.resolveRelative(fromFile, specifier);
    if (!target) return undefined;
    this.readsOf(fromFile)?.files.add(target);
    const cached = this.parsed.get(target);
    if (cached) {
      this.parsed.share(target, cached.value, cached.size);
      return cached.value ?? undefined;
    }
    const read = readSourceFile(target, this.maxFileSize);
    const context = read.ok ? this.parseImport(target, read.text) : null;
    this.parsed.keep(target, context, read.ok ? read.text.length : 0);
    return context ?? undefined;
  }

  /** An imported file too deep to analyse is followed no more than an unreadable one. */
  private parseImport(filePath: string, text: string): FileContext | null {
    try {
      return this.parse(filePath, text);
    } catch (error) {
      if (error instanceof NestingTooDeepError) return null;
      throw error;
    }
  }

  private parse(filePath: string, text: string): FileContext {
    this.parseCount += 1;
    return new FileContext(parseSource(filePath, text), filePath, this);
  }

  // './config/session' -> config/session.ts, .js, …, or config/session/index.*; TypeScript's
  // ESM style './x.js' also finds x.ts.
  private resolveRelative(fromFile: string, specifier: string): string | undefined {
    const fromDirectory = path.dirname(fromFile);
    const key = `${fromDirectory}\0${specifier}`;
    let resolution = this.resolutions.get(key);
    if (!resolution) {
      const directories = new Set<string>();
      resolution = { target: this.findFile(path.resolve(fromDirectory, specifier), directories), directories: [...directories] };
      this.resolutions.set(key, resolution);
    }
    // The answer holds only while the folders it looked in hold the same files.
    const read = this.readsOf(fromFile);
    for (const directory of read ? resolution.directories : []) read!.directories.add(directory);
    return resolution.target;
  }

  private findFile(base: string, directories: Set<string>): string | undefined {
    const candidates = [base];
    const extension = path.extname(base);
    if (['.js', '.jsx', '.mjs', '.cjs'].includes(extension)) {
      const stem = base.slice(0, -extension.length);
      candidates.push(...['.ts', '.tsx', '.mts', '.cts'].map((ext) => stem + ext));
    }
    candidates.push(...SOURCE_EXTENSIONS.map((ext) => base + ext));
    // `base` comes from path.resolve: normalised, so a separator is all that join would add.
    const folder = base.endsWith(path.sep) ? base : base + path.sep;
    candidates.push(...SOURCE_EXTENSIONS.map((ext) => `${folder}index${ext}`));
    return candidates.find(
      (candidate) =>
        SOURCE_EXTENSIONS.some((ext) => candidate.endsWith(ext)) && this.isInsideRoots(candidate) && this.isFile(candidate, directories),
    );
  }

  // One directory listing answers every candidate in it: far fewer system calls than a stat each.
  private isFile(candidate: string, consulted: Set<string>): boolean {
    const directory = path.dirname(candidate);
    consulted.add(directory);
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

function readText(filePath: string, maxFileSize: number): string {
  const read = readSourceFile(filePath, maxFileSize);
  return read.ok ? read.text : '';
}

/** What one analysed file contributed and depended on, beyond its own text. */
export interface FileRecord {
  facts: Map<string, unknown>;
  /** Other files read: imported ones, and ones checked for package names. */
  files: Set<string>;
  /** Folders listed to resolve relative imports. */
  directories: Set<string>;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
