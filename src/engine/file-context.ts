// Everything a rule may ask about the file being walked. One instance per parsed file.
import { ts } from '#typescript';
import { isRelativeSpecifier, resolveModuleRef, type ModuleRef } from './module-ref.js';
import { resolveObject, type ObjectValue } from './values.js';
import { getStaticPropertyName, isFunctionLike, isStringLiteralLike } from './syntax.js';
import type { Location } from './rule.js';
import type { Workspace } from './workspace.js';

/** A node together with the file it belongs to (values may come from another file). */
export interface Located {
  node: ts.Node;
  context: FileContext;
}

export class FileContext {
  private readonly memos = new Map<string, unknown>();
  private exportTable: Map<string, ExportEntry> | undefined;
  /** Export names being looked up, so re-export cycles end instead of recursing forever. */
  private readonly resolvingExports = new Set<string>();

  constructor(
    readonly sourceFile: ts.SourceFile,
    /** Absolute path on disk. */
    readonly filePath: string,
    private readonly workspace: Workspace,
  ) {}

  /** What a name or member expression refers to, as a package export. */
  resolveModuleRef(expression: ts.Expression): ModuleRef | undefined {
    return resolveModuleRef(expression, this);
  }

  /** The keys of an options argument, when they can be known statically. */
  resolveObject(expression: ts.Expression): ObjectValue | undefined {
    return resolveObject(expression, this);
  }

  /**
   * Per-file scratch space for a rule that collects during the walk and judges at the end.
   * `create` gets this context: rules pass module-level functions, not a closure per call (this
   * runs for nearly every node).
   */
  memo<T>(key: string, create: (context: FileContext) => T): T {
    let value = this.memos.get(key) as T | undefined;
    if (value === undefined && !this.memos.has(key)) {
      value = create(this);
      this.memos.set(key, value);
    }
    return value as T;
  }

  /**
   * True when this file, or a file of the scan it imports by relative path, names one of the
   * packages: the cheap test before a rule resolves names (a local `lib/session.js` that
   * re-exports express-session still counts).
   */
  mentionsAny(packages: readonly string[]): boolean {
    const key = mentionsKey(packages);
    const known = this.memos.get(key) as boolean | undefined;
    if (known !== undefined) return known;
    const mentions = this.findMentions(packages);
    this.memos.set(key, mentions);
    return mentions;
  }

  private findMentions(packages: readonly string[]): boolean {
    this.workspace.expectPackages(packages);
    const named = this.workspace.packagesNamedIn(this.filePath, () => this.sourceFile.text);
    if (packages.some((name) => named.has(name))) return true;
    return this.getRelativeImportPaths().some((target) => this.workspace.fileMentions(this.filePath, target, packages));
  }

  private relativeImports: string[] | undefined;

  private getRelativeImportPaths(): string[] {
    this.relativeImports ??= [...this.sourceFile.text.matchAll(RELATIVE_IMPORT)]
      .map((match) => this.workspace.resolveImport(this.filePath, match[1]!))
      .filter((target) => target !== undefined);
    return this.relativeImports;
  }

  /**
   * Plain data the file being walked contributes to a rule's end-of-run join. It belongs to the
   * walked file even when this context is a file it imports.
   */
  facts<T>(key: string, create: () => T): T {
    return this.workspace.fileFacts.get(key, create);
  }

  /** Where a node is, as plain data that outlives this file's syntax tree. */
  locate(node: ts.Node): Location {
    const sourceFile = this.sourceFile;
    const start = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
    const end = sourceFile.getLineAndCharacterOfPosition(node.getEnd());
    const lineStarts = sourceFile.getLineStarts();
    const lineEnd = lineStarts[start.line + 1] ?? sourceFile.text.length;
    return {
      filePath: this.filePath,
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      source: sourceFile.text.slice(lineStarts[start.line], lineEnd).replace(/\r?\n$/, '').trimEnd(),
    };
  }

  /** This file (or another) as findings name it: relative to the working directory. */
  displayPath(filePath: string = this.filePath): string {
    return this.workspace.displayPath(filePath);
  }

  /**
   * What identifies a flagged node across edits elsewhere in the file: its text and the name of
   * the function around it (not line numbers, not the function's other lines).
   */
  anchorOf(node: ts.Node): string {
    const text = node.getText(this.sourceFile);
    let owner = '';
    for (let current = node.parent; current; current = current.parent) {
      const name = (current as { name?: ts.Node }).name;
      if (isFunctionLike(current) || ts.isClassLike(current)) {
        owner = name ? name.getText(this.sourceFile) : current.getText(this.sourceFile).split('\n', 1)[0]!;
        break;
      }
    }
    return `${text}\0${owner}`;
  }

  /** 1-based line of a node. */
  lineOf(node: ts.Node): number {
    return this.sourceFile.getLineAndCharacterOfPosition(node.getStart(this.sourceFile)).line + 1;
  }

  /** The file a relative specifier points at, parsed once per run; `undefined` outside the scan. */
  loadRelative(specifier: string): FileContext | undefined {
    return this.workspace.loadRelative(this.filePath, specifier);
  }

  /**
   * The node an export of this file evaluates to. `default` also answers for CommonJS
   * `module.exports = …`, and a named export falls back to `exports.name = …` or a property of
   * the object assigned to `module.exports`.
   */
  getExportedExpression(name: string): Located | undefined {
    if (this.resolvingExports.has(name)) return undefined;
    this.resolvingExports.add(name);
    try {
      return this.findExport(name);
    } finally {
      this.resolvingExports.delete(name);
    }
  }

  /** `export { name } from 'package'`: the package and the name it exports. */
  getPackageReExport(name: string): { specifier: string; name: string } | undefined {
    const entry = this.getExportTable().get(name);
    return entry && 'package' in entry ? { specifier: entry.package, name: entry.name } : undefined;
  }

  private findExport(name: string): Located | undefined {
    const local = this.getExportTable().get(name);
    if (local && 'package' in local) return undefined;
    // export { a as b } from './x' is followed only when asked for
    if (local && 'from' in local) return this.loadRelative(local.from)?.getExportedExpression(local.name);
    if (local) return local;
    for (const statement of this.sourceFile.statements) {
      // export * from './other'
      if (
        ts.isExportDeclaration(statement) &&
        !statement.exportClause &&
        statement.moduleSpecifier &&
        isStringLiteralLike(statement.moduleSpecifier) &&
        isRelativeSpecifier(statement.moduleSpecifier.text) &&
        name !== 'default'
      ) {
        const found = this.loadRelative(statement.moduleSpecifier.text)?.getExportedExpression(name);
        if (found) return found;
      }
    }
    const moduleExports = this.getExportTable().get(MODULE_EXPORTS);
    if (moduleExports && 'node' in moduleExports && name !== 'default') {
      const object = resolveObject(moduleExports.node as ts.Expression, moduleExports.context);
      const property = object?.properties.get(name);
      const value = property?.value ?? property?.assigned;
      if (value) return { node: value, context: property!.context };
    }
    return undefined;
  }

  private getExportTable(): Map<string, ExportEntry> {
    this.exportTable ??= buildExportTable(this);
    return this.exportTable;
  }
}

const MODULE_EXPORTS = '\0module.exports';

// Rules call mentionsAny for every candidate node with the same few lists: build each key once.
const mentionsKeys = new WeakMap<readonly string[], string>();

function mentionsKey(packages: readonly string[]): string {
  let key = mentionsKeys.get(packages);
  if (!key) {
    key = `mentions:${packages.join(',')}`;
    mentionsKeys.set(packages, key);
  }
  return key;
}

// from './x', require('./x'), import('./x'): a textual pre-filter only, so over-matching is fine.
const RELATIVE_IMPORT = /(?:from|require\(|import\()\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/** An export: a node of this file, a re-export of another file's, or of a package's. */
type ExportEntry = Located | { from: string; name: string } | { package: string; name: string };

function buildExportTable(context: FileContext): Map<string, ExportEntry> {
  const located = new Map<string, ExportEntry>();
  const table = {
    set: (name: string, node: ts.Node) => located.set(name, { node, context }),
    has: (name: string) => located.has(name),
    get: (name: string) => located.get(name),
  };
  const isExported = (node: ts.Node): boolean =>
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const isDefault = (node: ts.Node): boolean =>
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);

  for (const statement of context.sourceFile.statements) {
    if (ts.isVariableStatement(statement) && isExported(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.initializer) {
          table.set(declaration.name.text, declaration.initializer);
        }
      }
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && isExported(statement)) {
      if (isDefault(statement)) table.set('default', statement);
      else if (statement.name) table.set(statement.name.text, statement);
    } else if (ts.isExportAssignment(statement)) {
      // export default expr;  export = expr;
      table.set(statement.isExportEquals ? MODULE_EXPORTS : 'default', statement.expression);
      if (statement.isExportEquals && !table.has('default')) table.set('default', statement.expression);
    } else if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      addExportSpecifiers(statement, context, located);
    } else if (ts.isExpressionStatement(statement)) {
      addCommonJsExport(statement.expression, table);
    }
  }
  const moduleExports = located.get(MODULE_EXPORTS);
  if (moduleExports && !located.has('default')) located.set('default', moduleExports);
  return located;
}

type ExportTable = { set(name: string, node: ts.Node): void };

function addExportSpecifiers(
  statement: ts.ExportDeclaration,
  context: FileContext,
  located: Map<string, ExportEntry>,
): void {
  const clause = statement.exportClause as ts.NamedExports;
  const from = statement.moduleSpecifier;
  for (const specifier of clause.elements) {
    const exportedName = getStaticPropertyName(specifier.name);
    const localName = specifier.propertyName ?? specifier.name;
    if (exportedName === undefined || !ts.isIdentifier(localName)) continue;
    if (from && isStringLiteralLike(from)) {
      // export { a as b } from './x';  export { rateLimit } from 'express-rate-limit'
      if (isRelativeSpecifier(from.text)) located.set(exportedName, { from: from.text, name: localName.text });
      else located.set(exportedName, { package: from.text, name: localName.text });
    } else {
      located.set(exportedName, { node: localName, context });
    }
  }
}

// module.exports = expr;  module.exports.name = expr;  exports.name = expr;
function addCommonJsExport(expression: ts.Expression, table: ExportTable): void {
  if (!ts.isBinaryExpression(expression) || expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
  const target = expression.left;
  if (isModuleExports(target)) {
    table.set(MODULE_EXPORTS, expression.right);
    return;
  }
  if (ts.isPropertyAccessExpression(target)) {
    const owner = target.expression;
    if (isModuleExports(owner) || (ts.isIdentifier(owner) && owner.text === 'exports')) {
      table.set(target.name.text, expression.right);
    }
  }
}

function isModuleExports(node: ts.Node): boolean {
  return (
    ts.isPropertyAccessExpression(node) &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === 'module' &&
    node.name.text === 'exports'
  );
}
