// Lexical lookup: which declaration does an identifier refer to? Computed lazily, only for the
// few identifiers a rule asks about, and cached per scope node (released with the AST).
import { ts } from '#typescript';
import { NodeMemo } from './node-memo.js';
import { FUNCTION_KINDS, isAssignmentOperator, isFunctionLike } from './syntax.js';

/** A declaration an identifier can resolve to. */
export type Declaration =
  | ts.VariableDeclaration
  | ts.BindingElement
  | ts.ParameterDeclaration
  | ts.FunctionDeclaration
  | ts.FunctionExpression
  | ts.ClassDeclaration
  | ts.ClassExpression
  | ts.ImportClause
  | ts.ImportSpecifier
  | ts.NamespaceImport
  | ts.ImportEqualsDeclaration
  | ts.EnumDeclaration;

const scopeTables = new NodeMemo<ts.Node, Map<string, Declaration>>();
/** Several rules ask about the same identifiers: each is looked up once (`null`: not declared). */
const declarations = new NodeMemo<ts.Identifier, Declaration | null>();

export function findDeclaration(identifier: ts.Identifier): Declaration | undefined {
  let found = declarations.get(identifier);
  if (found === undefined) {
    found = lookUp(identifier) ?? null;
    declarations.set(identifier, found);
  }
  return found ?? undefined;
}

function lookUp(identifier: ts.Identifier): Declaration | undefined {
  const name = identifier.text;
  for (let scope: ts.Node | undefined = identifier.parent; scope; scope = scope.parent) {
    if (!SCOPE_KINDS.has(scope.kind)) continue;
    const found = getScopeTable(scope).get(name);
    if (found) return found;
  }
  return undefined;
}

const SCOPE_KINDS: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.SourceFile,
  ts.SyntaxKind.Block,
  ts.SyntaxKind.ModuleBlock,
  ts.SyntaxKind.CaseBlock,
  ts.SyntaxKind.ForStatement,
  ts.SyntaxKind.ForInStatement,
  ts.SyntaxKind.ForOfStatement,
  ts.SyntaxKind.CatchClause,
  ts.SyntaxKind.ClassExpression,
  ...FUNCTION_KINDS,
]);

function getScopeTable(scope: ts.Node): Map<string, Declaration> {
  let table = scopeTables.get(scope);
  if (!table) {
    table = buildScopeTable(scope);
    scopeTables.set(scope, table);
  }
  return table;
}

function buildScopeTable(scope: ts.Node): Map<string, Declaration> {
  const table = new Map<string, Declaration>();
  const addVariables = (list: ts.VariableDeclarationList): void => {
    for (const declaration of list.declarations) {
      if (ts.isIdentifier(declaration.name)) {
        if (!table.has(declaration.name.text)) table.set(declaration.name.text, declaration);
      } else {
        addPattern(declaration.name);
      }
    }
  };
  // Destructured names map to their own BindingElement, so a lookup keeps the property path.
  const addPattern = (pattern: ts.BindingPattern): void => {
    for (const element of pattern.elements) {
      if (!ts.isBindingElement(element)) continue;
      if (ts.isIdentifier(element.name)) table.set(element.name.text, element);
      else addPattern(element.name);
    }
  };
  if (isFunctionLike(scope)) {
    // A function expression's own name is visible inside it.
    if (ts.isFunctionExpression(scope) && scope.name) table.set(scope.name.text, scope);
    for (const parameter of scope.parameters) {
      if (ts.isIdentifier(parameter.name)) table.set(parameter.name.text, parameter);
      else addPattern(parameter.name);
    }
    return table;
  }
  if (ts.isClassExpression(scope)) {
    if (scope.name) table.set(scope.name.text, scope);
    return table;
  }
  if (ts.isCatchClause(scope)) {
    const variable = scope.variableDeclaration;
    if (variable) {
      if (ts.isIdentifier(variable.name)) table.set(variable.name.text, variable);
      else addPattern(variable.name);
    }
    return table;
  }
  if (ts.isForStatement(scope) || ts.isForInStatement(scope) || ts.isForOfStatement(scope)) {
    const initializer = scope.initializer;
    if (initializer && ts.isVariableDeclarationList(initializer)) addVariables(initializer);
    return table;
  }
  const statements = ts.isCaseBlock(scope)
    ? scope.clauses.flatMap((clause) => [...clause.statements])
    : (scope as ts.SourceFile | ts.Block | ts.ModuleBlock).statements;
  for (const statement of statements) addStatement(statement, table, addVariables);
  return table;
}

function addStatement(
  statement: ts.Statement,
  table: Map<string, Declaration>,
  addVariables: (list: ts.VariableDeclarationList) => void,
): void {
  if (ts.isVariableStatement(statement)) {
    addVariables(statement.declarationList);
  } else if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) {
    if (statement.name && !table.has(statement.name.text)) table.set(statement.name.text, statement);
  } else if (ts.isImportDeclaration(statement)) {
    const clause = statement.importClause;
    if (!clause || clause.isTypeOnly) return;
    if (clause.name) table.set(clause.name.text, clause);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) table.set(bindings.name.text, bindings);
    if (bindings && ts.isNamedImports(bindings)) {
      for (const specifier of bindings.elements) {
        if (!specifier.isTypeOnly) table.set(specifier.name.text, specifier);
      }
    }
  } else if (ts.isImportEqualsDeclaration(statement)) {
    table.set(statement.name.text, statement);
  }
}

/** True when the declaration is a `const`. */
export function isConstDeclaration(declaration: ts.VariableDeclaration): boolean {
  const list = declaration.parent;
  return ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0;
}

/** The top-level VariableDeclaration above a (possibly nested) binding element. */
export function getRootVariableDeclaration(node: ts.Node): ts.VariableDeclaration | undefined {
  let current: ts.Node = node;
  while (ts.isBindingElement(current) || ts.isObjectBindingPattern(current) || ts.isArrayBindingPattern(current)) {
    current = current.parent;
  }
  return ts.isVariableDeclaration(current) ? current : undefined;
}

const reassignedCache = new NodeMemo<ts.VariableDeclaration, boolean>();

/**
 * True when the variable keeps its initial value: `const`, or a `let`/`var` that is never
 * assigned again (CommonJS code declares most requires with `var`).
 */
export function keepsInitialValue(declaration: ts.VariableDeclaration): boolean {
  if (isConstDeclaration(declaration)) return true;
  if (!ts.isIdentifier(declaration.name)) return false;
  let reassigned = reassignedCache.get(declaration);
  if (reassigned === undefined) {
    reassigned = isAssignedAfterDeclaration(declaration, declaration.name.text);
    reassignedCache.set(declaration, reassigned);
  }
  return !reassigned;
}

function isAssignedAfterDeclaration(declaration: ts.VariableDeclaration, name: string): boolean {
  let scope: ts.Node | undefined = declaration.parent;
  while (scope && !ts.isSourceFile(scope) && !ts.isBlock(scope) && !ts.isModuleBlock(scope)) scope = scope.parent;
  if (!scope) return true;
  let assigned = false;
  const visit = (node: ts.Node): void => {
    if (assigned) return;
    if (ts.isIdentifier(node) && node.text === name && isWriteTarget(node) && findDeclaration(node) === declaration) {
      assigned = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(scope, visit);
  return assigned;
}

function isWriteTarget(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  if (ts.isBinaryExpression(parent) && parent.left === identifier) return isAssignmentOperator(parent.operatorToken.kind);
  return (
    (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) &&
    (parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken)
  );
}
