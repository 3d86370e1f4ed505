// Small helpers over raw TypeScript compiler nodes.
import { ts } from '#typescript';
import { NodeMemo } from './node-memo.js';

/** Strips wrappers that do not change a value: parentheses, `as`, `satisfies`, `!`, `<T>x`. */
export function skipOuterExpressions(node: ts.Expression): ts.Expression {
  let current = node;
  // One kind test per step (rules call this on nearly every node they look at).
  while (OUTER_EXPRESSION_KINDS.has(current.kind)) current = (current as ts.ParenthesizedExpression).expression;
  return current;
}

const OUTER_EXPRESSION_KINDS = new Set([
  ts.SyntaxKind.ParenthesizedExpression,
  ts.SyntaxKind.AsExpression,
  ts.SyntaxKind.SatisfiesExpression,
  ts.SyntaxKind.NonNullExpression,
  ts.SyntaxKind.TypeAssertionExpression,
]);

/** The static name of a property key (`a`, `'a'`, `1`), or `undefined` when computed. */
export function getStaticPropertyName(name: ts.PropertyName | ts.BindingName): string | undefined {
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name) || ts.isNumericLiteral(name)) {
    return name.text;
  }
  if (ts.isComputedPropertyName(name)) {
    const inner = skipOuterExpressions(name.expression);
    if (ts.isStringLiteralLike(inner)) return inner.text;
  }
  return undefined;
}

/** The name read by `a.b` or `a['b']`, or `undefined` when the key is dynamic. */
export function getAccessedName(node: ts.Node): string | undefined {
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isElementAccessExpression(node)) {
    const argument = skipOuterExpressions(node.argumentExpression);
    if (ts.isStringLiteralLike(argument)) return argument.text;
  }
  return undefined;
}

export function isStringLiteralLike(node: ts.Node): node is ts.StringLiteralLike {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);
}

export const FUNCTION_KINDS: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.Constructor,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
]);

/** True for functions of every syntactic form (it is asked for nearly every node: one set lookup). */
export function isFunctionLike(node: ts.Node): node is ts.SignatureDeclaration & { body?: ts.ConciseBody } {
  return FUNCTION_KINDS.has(node.kind);
}

/** The nearest enclosing function, or `undefined` at module level. */
export function getEnclosingFunction(node: ts.Node): ts.Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionLike(current)) return current;
  }
  return undefined;
}

/** The expressions a function can return: its expression body or every `return` of its block. */
export function getReturnedExpressions(fn: ts.Node): ts.Expression[] {
  const body = (fn as { body?: ts.Node }).body;
  if (!body) return [];
  if (!ts.isBlock(body)) return [body as ts.Expression];
  const returned: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) returned.push(node.expression);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return returned;
}

/** `undefined`, `void 0` or `null`. */
export function isNullish(node: ts.Expression): boolean {
  const inner = skipOuterExpressions(node);
  return (
    (ts.isIdentifier(inner) && inner.text === 'undefined') ||
    inner.kind === ts.SyntaxKind.NullKeyword ||
    ts.isVoidExpression(inner)
  );
}

/** `=`, `+=`, `??=` and the other assignment operators. */
export function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

/** True for `static` class members. */
export function isStatic(member: ts.Node): boolean {
  return ts.canHaveModifiers(member) && (ts.getModifiers(member) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
}

/**
 * How many hops a resolution follows (alias to alias, import to export, value to value) before it
 * gives up and treats the value as unknown. Real code needs a handful; the bound keeps cycles and
 * generated code from running away.
 */
export const MAX_RESOLUTION_DEPTH = 12;

const callsByFunction = new NodeMemo<ts.Node, ts.CallExpression[]>();

/**
 * Every call inside a function (nested ones too), found once per function: the request context
 * and the rules that judge a helper in another file all read the same list.
 */
export function getCallsIn(fn: ts.Node): readonly ts.CallExpression[] {
  let calls = callsByFunction.get(fn);
  if (!calls) {
    const found: ts.CallExpression[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) found.push(node);
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(fn, visit);
    calls = found;
    callsByFunction.set(fn, calls);
  }
  return calls;
}
