// The files of one run. Files reached through a relative import (to read an options object
// exported elsewhere) are parsed once and kept for the run; every other file is released as soon
// as its walk is over, so memory does not grow with the tree.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Project, SourceFile } from 'ts-morph';
import { toDisplayPath } from './discovery.js';
import { FileContext } from './file-context.js';
import { readSourceFile } from './read-source.js';
import { createParseOnlyProject, parseSource, SOURCE_EXTENSIONS } from './source-files.js';

export class Workspace {
  private readonly project: Project = createParseOnlyProject();
  /** Files parsed for cross-file resolution; `null` remembers a file that could not be loaded. */
  private readonly imported = new Map<string, { context: FileContext; wrapper: SourceFile } | null>();
  private parseCount = 0;
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
    const cached = this.imported.get(filePath);
    if (cached) return cached.context;
    return this.parse(filePath, text).context;
  }

  /** Forgets a walked file unless another file's import keeps it for the run. */
  release(context: FileContext): void {
    if (this.imported.get(context.filePath)?.context === context) return;
    const sourceFile = this.project.getSourceFile(context.filePath);
    if (sourceFile) this.project.removeSourceFile(sourceFile);
  }

  loadRelative(fromFile: string, specifier: string): FileContext | undefined {
    const target = this.resolveRelative(path.dirname(fromFile), specifier);
    if (!target) return undefined;
    const cached = this.imported.get(target);
    if (cached !== undefined) return cached?.context;
    const read = readSourceFile(target, this.maxFileSize);
    if (!read.ok) {
      this.imported.set(target, null);
      return undefined;
    }
    const existing = this.project.getSourceFile(target);
    const entry = existing
      ? { wrapper: existing, context: new FileContext(existing.compilerNode, target, this) }
      : this.parse(target, read.text);
    this.imported.set(target, entry);
    return entry.context;
  }

  private parse(filePath: string, text: string): { context: FileContext; wrapper: SourceFile } {
    this.parseCount += 1;
    const wrapper = parseSource(this.project, filePath, text);
    return { wrapper, context: new FileContext(wrapper.compilerNode, filePath, this) };
  }

  // './config/session' -> config/session.ts, .js, …, or config/session/index.*; TypeScript's
  // ESM style './x.js' also finds x.ts.
  private resolveRelative(fromDirectory: string, specifier: string): string | undefined {
    const base = path.resolve(fromDirectory, specifier);
    const candidates = [base];
    const extension = path.extname(base);
    if (['.js', '.jsx', '.mjs', '.cjs'].includes(extension)) {
      const stem = base.slice(0, -extension.length);
      candidates.push(...['.ts', '.tsx', '.mts', '.cts'].map((ext) => stem + ext));
    }
    candidates.push(...SOURCE_EXTENSIONS.map((ext) => base + ext));
    candidates.push(...SOURCE_EXTENSIONS.map((ext) => path.join(base, 'index' + ext)));
    for (const candidate of candidates) {
      if (!SOURCE_EXTENSIONS.some((ext) => candidate.endsWith(ext))) continue;
      if (!this.isInsideRoots(candidate)) continue;
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    }
    return undefined;
  }

  private isInsideRoots(candidate: string): boolean {
    return this.roots.some((root) => candidate === root || candidate.startsWith(root + path.sep));
  }
}
