// "What does this name refer to?": resolves an expression to a package export through every
// import/require form: default, named and renamed imports, namespaces, `require`, destructuring,
// `require('m')(…)` factories and `const alias = name` re-assignments. Relative imports are
// followed into the scanned tree.
import { ts } from '#typescript';
import type { FileContext } from './file-context.js';
import { NodeMemo } from './node-memo.js';
import { findDeclaration, getRootVariableDeclaration, keepsInitialValue, type Declaration } from './scope.js';
import { MAX_RESOLUTION_DEPTH, getAccessedName, getStaticPropertyName, isStringLiteralLike, skipOuterExpressions } from './syntax.js';

/**
 * A value exported by a package: `module`, then the property `path` read from it, then `calls`
 * invocations. `require('memorystore')(session)` is `{ module: 'memorystore', path: [], calls: 1 }`;
 * `session.MemoryStore` is `{ module: 'express-session', path: ['MemoryStore'], calls: 0 }`.
 */
export interface ModuleRef {
  module: string;
  path: string[];
  calls: number;
}

const MAX_DEPTH = MAX_RESOLUTION_DEPTH;

export function resolveModuleRef(expression: ts.Expression, context: FileContext, depth = 0): ModuleRef | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = skipOuterExpressions(expression);

  if (ts.isAwaitExpression(node)) return resolveModuleRef(node.expression, context, depth + 1);

  if (ts.isCallExpression(node)) {
    const specifier = getRequiredSpecifier(node, context);
    if (specifier !== undefined) return refForSpecifier(specifier, [], context, depth);
    const callee = resolveModuleRef(node.expression, context, depth + 1);
    return callee && { ...callee, calls: callee.calls + 1 };
  }

  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    const name = getAccessedName(node);
    if (name === undefined) return undefined;
    // lib.rateLimit, where lib is require('./lib'): the named export of that file
    const module = getRelativeModule(node.expression, context);
    if (module) return resolveExport(module, [name], depth);
    const base = resolveModuleRef(node.expression, context, depth + 1);
    if (!base || base.calls > 0) return undefined;
    return withMember(base, name);
  }

  if (ts.isIdentifier(node)) return resolveIdentifier(node, context, depth);
  return undefined;
}

/**
 * `require('m')` or `import('m')` with a literal specifier; `require` must be Node's, or one made
 * by `createRequire(import.meta.url)`.
 */
export function getRequiredSpecifier(call: ts.CallExpression, context: FileContext): string | undefined {
  const [argument] = call.arguments;
  if (!argument || !isStringLiteralLike(argument)) return undefined;
  if (call.expression.kind === ts.SyntaxKind.ImportKeyword) return argument.text;
  const callee = call.expression;
  if (!ts.isIdentifier(callee) || callee.text !== 'require') return undefined;
  const declaration = findDeclaration(callee);
  if (!declaration) return argument.text;
  const made = ts.isVariableDeclaration(declaration) && declaration.initializer;
  return made && refersTo(resolveModuleRef(made, context), 'module', ['createRequire'], 1) ? argument.text : undefined;
}

/** The scanned file an expression stands for: `require('./x')`, or a name bound to it. */
export function getRelativeModule(expression: ts.Expression, context: FileContext): FileContext | undefined {
  const node = skipOuterExpressions(expression);
  if (ts.isCallExpression(node)) {
    const specifier = getRequiredSpecifier(node, context);
    return specifier !== undefined && isRelativeSpecifier(specifier) ? context.loadRelative(specifier) : undefined;
  }
  if (!ts.isIdentifier(node)) return undefined;
  const declaration = findDeclaration(node);
  if (!declaration) return undefined;
  if (ts.isVariableDeclaration(declaration)) return getRelativeModuleOfVariable(declaration, context);
  if (ts.isNamespaceImport(declaration)) {
    const specifier = declaration.parent.parent.moduleSpecifier;
    return isStringLiteralLike(specifier) && isRelativeSpecifier(specifier.text) ? context.loadRelative(specifier.text) : undefined;
  }
  return undefined;
}

/**
 * The scanned file a variable stands for (`const x = require('./x')`, or a name bound to one) when
 * it keeps its initial value. The initial value's shape is checked first: whether a `var` or `let`
 * is ever assigned again takes a search of its whole scope, and most values are plainly no module.
 */
export function getRelativeModuleOfVariable(declaration: ts.VariableDeclaration, context: FileContext): FileContext | undefined {
  const { initializer } = declaration;
  if (!initializer || !mayBeRelativeModule(initializer)) return undefined;
  return keepsInitialValue(declaration) ? getRelativeModule(initializer, context) : undefined;
}

/** False when `getRelativeModule` cannot find a file in the expression, whatever its names hold. */
function mayBeRelativeModule(expression: ts.Expression): boolean {
  const node = skipOuterExpressions(expression);
  if (ts.isIdentifier(node)) return true;
  if (!ts.isCallExpression(node)) return false;
  const [argument] = node.arguments;
  return argument !== undefined && isStringLiteralLike(argument) && isRelativeSpecifier(argument.text);
}

function withMember(base: ModuleRef, name: string): ModuleRef {
  // Interop: `require('m').default` and `import x from 'm'` both mean the package's main export.
  if (name === 'default' && base.path.length === 0) return base;
  return { ...base, path: [...base.path, name] };
}

/**
 * Answers by declaration and depth: the names a file uses (`app`, `router`, `limiter`) are resolved
 * again at every call through them, over half of all resolutions on the synthetic benchmark trees.
 * The depth is part of the key because a chain cut at the depth limit answers nothing.
 */
const refsByDeclaration = new NodeMemo<Declaration, (ModuleRef | null)[]>();

function resolveIdentifier(identifier: ts.Identifier, context: FileContext, depth: number): ModuleRef | undefined {
  const declaration = findDeclaration(identifier);
  if (!declaration) return undefined;
  let byDepth = refsByDeclaration.get(declaration);
  const known = byDepth?.[depth];
  if (known !== undefined) return known ?? undefined;
  const ref = resolveDeclaration(declaration, context, depth);
  if (!byDepth) refsByDeclaration.set(declaration, (byDepth = []));
  byDepth[depth] = ref ?? null;
  return ref;
}

function resolveDeclaration(declaration: Declaration, context: FileContext, depth: number): ModuleRef | undefined {
  if (ts.isImportClause(declaration) || ts.isNamespaceImport(declaration) || ts.isImportSpecifier(declaration)) {
    const importDeclaration = ts.isImportClause(declaration)
      ? declaration.parent
      : ts.isNamespaceImport(declaration)
        ? declaration.parent.parent
        : declaration.parent.parent.parent;
    const specifier = importDeclaration.moduleSpecifier;
    if (!isStringLiteralLike(specifier)) return undefined;
    const path = ts.isImportSpecifier(declaration)
      ? [getStaticPropertyName(declaration.propertyName ?? declaration.name) ?? declaration.name.text]
      : [];
    return refForSpecifier(specifier.text, path.filter((name) => name !== 'default'), context, depth);
  }

  if (ts.isImportEqualsDeclaration(declaration)) {
    const reference = declaration.moduleReference;
    if (ts.isExternalModuleReference(reference) && isStringLiteralLike(reference.expression)) {
      return refForSpecifier(reference.expression.text, [], context, depth);
    }
    return undefined;
  }

  if (ts.isVariableDeclaration(declaration)) {
    return declaration.initializer && keepsInitialValue(declaration)
      ? resolveModuleRef(declaration.initializer, context, depth + 1)
      : undefined;
  }

  if (ts.isBindingElement(declaration)) {
    // const { a: { b: alias } } = require('m')  ->  m.a.b
    const root = getRootVariableDeclaration(declaration);
    if (!root?.initializer) return undefined;
    const path = getBindingPath(declaration);
    if (!path) return undefined;
    const module = getRelativeModule(root.initializer, context);
    if (module) return resolveExport(module, path, depth);
    let ref = resolveModuleRef(root.initializer, context, depth + 1);
    for (const name of path) {
      if (!ref || ref.calls > 0) return undefined;
      ref = withMember(ref, name);
    }
    return ref;
  }
  return undefined;
}

/** The property names from a variable's initializer down to a binding element. */
export function getBindingPath(element: ts.BindingElement): string[] | undefined {
  const path: string[] = [];
  let current: ts.Node = element;
  while (ts.isBindingElement(current)) {
    const pattern = current.parent;
    if (!ts.isObjectBindingPattern(pattern) || current.dotDotDotToken) return undefined;
    const name = getStaticPropertyName(current.propertyName ?? current.name);
    if (name === undefined) return undefined;
    path.unshift(name);
    current = pattern.parent;
  }
  return path;
}

/** A package specifier gives a ModuleRef; a relative one is followed into the scanned file. */
function refForSpecifier(specifier: string, path: string[], context: FileContext, depth: number): ModuleRef | undefined {
  if (!isRelativeSpecifier(specifier)) {
    const { module, subpath } = splitSpecifier(specifier);
    return { module, path: [...subpath, ...path], calls: 0 };
  }
  const target = context.loadRelative(specifier);
  return target ? resolveExport(target, path, depth) : undefined;
}

/** What `path` names in a scanned file's exports: `[]` its default export, `['a', 'b']` a.b. */
function resolveExport(target: FileContext, path: readonly string[], depth: number): ModuleRef | undefined {
  const [first, ...rest] = path;
  // export { rateLimit } from 'express-rate-limit'
  const reExported = first === undefined ? undefined : target.getPackageReExport(first);
  const exported = reExported ? undefined : target.getExportedExpression(first ?? 'default');
  let ref = reExported
    ? refForSpecifier(reExported.specifier, [reExported.name], target, depth + 1)
    : exported && resolveModuleRef(exported.node as ts.Expression, exported.context, depth + 1);
  for (const name of rest) {
    if (!ref || ref.calls > 0) return undefined;
    ref = withMember(ref, name);
  }
  return ref;
}

export function isRelativeSpecifier(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..';
}

// Node's promise subpaths are members of their module: `fs/promises` is `fs` then `promises`.
const BUILTIN_SUBPATHS = new Set(['fs/promises', 'stream/promises', 'timers/promises', 'dns/promises']);

/**
 * `node:fs` is `fs`; deep imports such as `express-rate-limit/dist/index.cjs` keep only the
 * package.
 */
function splitSpecifier(specifier: string): { module: string; subpath: string[] } {
  const bare = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  const parts = bare.split('/');
  if (BUILTIN_SUBPATHS.has(bare)) return { module: parts[0]!, subpath: [parts[1]!] };
  return { module: bare.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!, subpath: [] };
}

export function refersTo(ref: ModuleRef | undefined, module: string, path: readonly string[] = [], calls = 0): boolean {
  return (
    ref !== undefined &&
    ref.module === module &&
    ref.calls === calls &&
    ref.path.length === path.length &&
    ref.path.every((name, index) => name === path[index])
  );
}
