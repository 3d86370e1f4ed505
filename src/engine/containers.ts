// Recognising an in-memory container by how it is created.
import { ts } from '#typescript';
import { findDeclaration } from './scope.js';
import { skipOuterExpressions } from './syntax.js';

export type ContainerKind = 'Map' | 'Set' | 'array' | 'object';

/**
 * `new Map()`, `new Set()`, `[]`, `new Array()`, `{}`, `Object.create(null)`, with the built-ins
 * not shadowed by a local name. WeakMap and WeakSet are not containers that keep entries alive,
 * and a cache library's instance is bounded by its options.
 */
export function getContainerKind(initializer: ts.Expression): ContainerKind | undefined {
  const node = skipOuterExpressions(initializer);
  if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && isBuiltIn(node.expression)) {
    const kinds: Record<string, ContainerKind> = { Map: 'Map', Set: 'Set', Array: 'array' };
    return kinds[node.expression.text];
  }
  if (ts.isArrayLiteralExpression(node)) return 'array';
  if (ts.isObjectLiteralExpression(node)) return 'object';
  const callee = ts.isCallExpression(node) ? skipOuterExpressions(node.expression) : undefined;
  const isObjectCreate =
    callee !== undefined &&
    ts.isPropertyAccessExpression(callee) &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === 'Object' &&
    callee.name.text === 'create' &&
    isBuiltIn(callee.expression);
  return isObjectCreate ? 'object' : undefined;
}

function isBuiltIn(identifier: ts.Identifier): boolean {
  return findDeclaration(identifier) === undefined;
}
