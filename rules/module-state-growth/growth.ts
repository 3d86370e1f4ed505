// Whether an addition really grows a container: the right method for its kind, and a key that can
// take a new value on every call (from the request, an event or a fresh id) rather than one the
// code picks from a closed set.
import { ts } from '#typescript';
import type { RequestScope } from '../../src/engine/request-context.js';
import { NodeMemo } from '../../src/engine/node-memo.js';
import { findDeclaration, keepsInitialValue } from '../../src/engine/scope.js';
import { getEnclosingFunction, skipOuterExpressions } from '../../src/engine/syntax.js';
import { isBoundedKey, type Binding, type ContainerKind, type Site } from './bindings.js';

const ADD_METHODS: Record<ContainerKind, readonly string[]> = { Map: ['set'], Set: ['add'], array: ['push', 'unshift'], object: [] };

// A method only grows the container it belongs to (`.set` on a Map, `.push` on an array); a plain
// object grows by `obj[key] = …` or Object.assign, not by a `set()` method of its own that may
// write elsewhere; `arr[i] = x` replaces an element; a key from a closed set stays bounded.
export function isMeaningful(site: Site, binding: Binding): boolean {
  if (site.kind !== 'add') return true;
  if (site.key && isBoundedKey(site.key)) return false;
  if (!ts.isCallExpression(site.node)) return binding.kind === 'object';
  const callee = site.node.expression;
  const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  return method === 'assign' ? binding.kind === 'object' : ADD_METHODS[binding.kind].includes(method);
}

/**
 * A key the code makes up (a plugin's tag names, `'pricing'`) takes few values. So does a cache
 * that looks its key up first (`if (!cache.has(name)) cache.set(name, …)`) when the key is not the
 * client's: a template name, a locale file. A key from the request or an event's payload can take
 * a new value on every call, so that stays a finding.
 */
export function isBoundedByCode(site: Site, key: ts.Expression, scope: RequestScope): boolean {
  if (isReassignedKey(key) || isFreshKey(key)) return false;
  if (!scope.isHandlerDerived(key)) return true;
  if (scope.isRequestDerived(key)) return false;
  const fn = getEnclosingFunction(site.node);
  return fn !== undefined && getKeyedReads(fn).has(`${site.target.getText()}\0${key.getText()}`);
}

const keyedReadsByFunction = new NodeMemo<ts.Node, Set<string>>();

/** `target\0key` for every `m.has(k)`, `m.get(k)`, `o[k]` read and `k in o` in a function, once. */
function getKeyedReads(fn: ts.Node): Set<string> {
  let reads = keyedReadsByFunction.get(fn);
  if (reads) return reads;
  const found = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const { name, expression } = node.expression;
      const [first] = node.arguments;
      if ((name.text === 'has' || name.text === 'get') && first) found.add(`${expression.getText()}\0${first.getText()}`);
    } else if (ts.isElementAccessExpression(node) && !isAssignmentTarget(node)) {
      found.add(`${node.expression.getText()}\0${node.argumentExpression.getText()}`);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.InKeyword) {
      found.add(`${node.right.getText()}\0${node.left.getText()}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(fn);
  reads = found;
  keyedReadsByFunction.set(fn, reads);
  return reads;
}

// randomUUID(), nanoid(), Date.now(), Math.random(), ++nextId: a new key every time (a name
// picked from a list by `names.random()` is not).
const FRESH_KEY_CALL = /uuid|nanoid|cuid|ulid|randomBytes|^now$|objectid|createid|generateid/i;

function isFreshKey(key: ts.Expression, depth = 0): boolean {
  const node = skipOuterExpressions(key);
  if (depth > 3) return false;
  if (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) {
    return node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken;
  }
  if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
    const callee = skipOuterExpressions(node.expression);
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
    const isMathRandom = callee.getText() === 'Math.random';
    return isMathRandom || FRESH_KEY_CALL.test(name) || (node.arguments ?? []).some((argument) => isFreshKey(argument, depth + 1));
  }
  if (ts.isTemplateExpression(node)) return node.templateSpans.some((span) => isFreshKey(span.expression, depth + 1));
  if (ts.isBinaryExpression(node)) return isFreshKey(node.left, depth + 1) || isFreshKey(node.right, depth + 1);
  if (ts.isIdentifier(node)) {
    const declaration = findDeclaration(node);
    return !!declaration && ts.isVariableDeclaration(declaration) && !!declaration.initializer && isFreshKey(declaration.initializer, depth + 1);
  }
  return false;
}

// `result += names[result]++; names[result] = 1`: the key changes, so each call adds a new one.
function isReassignedKey(key: ts.Expression): boolean {
  const inner = skipOuterExpressions(key);
  if (!ts.isIdentifier(inner)) return false;
  const declaration = findDeclaration(inner);
  return declaration !== undefined && ts.isVariableDeclaration(declaration) && !keepsInitialValue(declaration);
}

function isAssignmentTarget(node: ts.Node): boolean {
  const parent = node.parent;
  return ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
}
