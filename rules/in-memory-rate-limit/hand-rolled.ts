// Hand-rolled limiters: a module-level Map or object that request code uses to count hits per
// client (IP, user id, API key). Writes are collected during the walk and judged at the end.
import { ts } from '#typescript';
import { getContainerKind } from '../../src/engine/containers.js';
import type { FileContext } from '../../src/engine/file-context.js';
import { getRequestContext } from '../../src/engine/request-context.js';
import { getBindingPath } from '../../src/engine/module-ref.js';
import { findDeclaration, keepsInitialValue } from '../../src/engine/scope.js';
import { getAccessedName, getEnclosingFunction, isStringLiteralLike, skipOuterExpressions } from '../../src/engine/syntax.js';

interface KeyedAccess {
  /** The identifier of the Map/object written to. */
  target: ts.Identifier;
  key: ts.Expression;
}

/**
 * A write in a function, as the walk saw it. Which Map and key a slot such as `entry.count` stands
 * for is found only for writes in request code, at the end of the file: that means finding what
 * names hold, and most writes (in a library nearly all) are not in request code.
 */
interface CounterWrite {
  access: KeyedAccess | { slot: ts.Expression };
  /** True when the write itself counts (`++`, `+= 1`, `.push(Date.now())`). */
  counts: boolean;
  value: ts.Expression | undefined;
  node: ts.Node;
}

const MEMO_KEY = 'in-memory-rate-limit/writes';

// Keys and counts are built in a few steps (`const ip = req.ip; hits.get(ip)`); a longer chain is
// not a counter this matcher should guess about.
const SHORT_CHAIN = 5;

function createWrites(): CounterWrite[] {
  return [];
}

function getCounterWrites(context: FileContext): CounterWrite[] {
  return context.memo(MEMO_KEY, createWrites);
}

/** Records `hits.set(ip, …)`, `hits[ip] = …`, `hits[ip]++`, `hits.get(ip).count++`, `hits[ip].push(now)`. */
export function recordWrite(node: ts.Node, context: FileContext): void {
  if (ts.isCallExpression(node)) {
    const callee = skipOuterExpressions(node.expression);
    if (!ts.isPropertyAccessExpression(callee)) return;
    const [first, second] = node.arguments;
    const target = skipOuterExpressions(callee.expression);
    if (callee.name.text === 'set' && first && ts.isIdentifier(target) && getEnclosingFunction(node)) {
      getCounterWrites(context).push({ access: { target, key: first }, counts: false, value: second, node });
    } else if (callee.name.text === 'push' && first && isTimestamp(first)) {
      recordSlot(node, context, callee.expression, true, undefined);
    }
  } else if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    if (operator === ts.SyntaxKind.EqualsToken) recordSlot(node, context, node.left, false, node.right);
    else if (operator === ts.SyntaxKind.PlusEqualsToken) recordSlot(node, context, node.left, true, undefined);
  } else if (ts.isPostfixUnaryExpression(node) || ts.isPrefixUnaryExpression(node)) {
    if (node.operator === ts.SyntaxKind.PlusPlusToken) recordSlot(node, context, node.operand, true, undefined);
  }
}

function recordSlot(node: ts.Node, context: FileContext, slot: ts.Expression, counts: boolean, value: ts.Expression | undefined): void {
  // Writes at module level run once at load time: they fill a table, they do not count requests.
  if (getEnclosingFunction(node)) getCounterWrites(context).push({ access: { slot }, counts, value, node });
}

/**
 * `hits[key]`, `hits.get(key)`, the same followed by `.count`, or a variable read from one
 * (`const entry = hits.get(ip) || []; entry.push(Date.now())`): the Map and the key.
 */
function getKeyedAccess(slot: ts.Expression, depth = 0): KeyedAccess | undefined {
  if (depth > SHORT_CHAIN) return undefined;
  let current = skipOuterExpressions(slot);
  while (ts.isPropertyAccessExpression(current)) current = skipOuterExpressions(current.expression);
  if (ts.isElementAccessExpression(current)) {
    const target = skipOuterExpressions(current.expression);
    if (ts.isIdentifier(target)) return { target, key: current.argumentExpression };
  }
  if (ts.isCallExpression(current) && ts.isPropertyAccessExpression(current.expression)) {
    const target = skipOuterExpressions(current.expression.expression);
    const [key] = current.arguments;
    if (current.expression.name.text === 'get' && ts.isIdentifier(target) && key) return { target, key };
    // (hits.get(ip) || []).filter(…)
    return getKeyedAccess(current.expression.expression, depth + 1);
  }
  if (ts.isBinaryExpression(current)) {
    const operator = current.operatorToken.kind;
    if (operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken) {
      return getKeyedAccess(current.left, depth + 1);
    }
  }
  if (ts.isIdentifier(current)) {
    const declaration = findDeclaration(current);
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && getEnclosingFunction(declaration)) {
      return getKeyedAccess(declaration.initializer, depth + 1);
    }
  }
  return undefined;
}

/** The module-level declaration of a Map / plain object the write goes to, if it is one. */
function getModuleLevelContainer(target: ts.Identifier): ts.VariableDeclaration | undefined {
  const declaration = findDeclaration(target);
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
  if (!ts.isSourceFile(declaration.parent.parent.parent)) return undefined;
  if (!keepsInitialValue(declaration)) return undefined;
  // A counter table starts empty: a Map, `{}` or `Object.create(null)`.
  const kind = getContainerKind(declaration.initializer);
  const initializer = skipOuterExpressions(declaration.initializer);
  const isEmpty = !ts.isObjectLiteralExpression(initializer) || initializer.properties.length === 0;
  return (kind === 'Map' || kind === 'object') && isEmpty ? declaration : undefined;
}

function describeContainer(declaration: ts.VariableDeclaration): 'Map' | 'object' {
  return declaration.initializer && getContainerKind(declaration.initializer) === 'Map' ? 'Map' : 'object';
}

const CLIENT_HEADERS = new Set(['x-forwarded-for', 'x-real-ip', 'cf-connecting-ip', 'true-client-ip', 'authorization', 'x-api-key']);
const CLIENT_PROPERTIES = new Set(['ip', 'ips', 'remoteAddress', 'userId', 'apiKey', 'clientIp']);
const CLIENT_PARAMETERS = /^(ip|ipAddress|clientIp|remoteAddress|userId|apiKey)$/i;

/** True when a key identifies the client: its IP, user id, API key or token. */
function isClientKey(expression: ts.Expression, depth = 0): boolean {
  if (depth > SHORT_CHAIN) return false;
  const node = skipOuterExpressions(expression);
  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    const name = getAccessedName(node);
    if (name === undefined) return false;
    if (CLIENT_PROPERTIES.has(name) || CLIENT_HEADERS.has(name.toLowerCase())) return true;
    // req.user.id, ctx.state.user._id
    const owner = skipOuterExpressions(node.expression);
    return (name === 'id' || name === '_id') && getAccessedName(owner) === 'user';
  }
  if (ts.isCallExpression(node)) {
    // req.get('x-forwarded-for'), requestIp.getClientIp(req)
    const [argument] = node.arguments;
    if (argument && isStringLiteralLike(argument) && CLIENT_HEADERS.has(argument.text.toLowerCase())) return true;
    const callee = skipOuterExpressions(node.expression);
    const calleeName = ts.isIdentifier(callee) ? callee.text : getAccessedName(callee);
    return calleeName !== undefined && /ip(address)?$/i.test(calleeName);
  }
  if (ts.isTemplateExpression(node)) return node.templateSpans.some((span) => isClientKey(span.expression, depth + 1));
  if (ts.isBinaryExpression(node)) return isClientKey(node.left, depth + 1) || isClientKey(node.right, depth + 1);
  if (ts.isConditionalExpression(node)) return isClientKey(node.whenTrue, depth + 1) || isClientKey(node.whenFalse, depth + 1);
  if (ts.isIdentifier(node)) {
    const declaration = findDeclaration(node);
    if (!declaration) return false;
    if (ts.isVariableDeclaration(declaration)) return !!declaration.initializer && isClientKey(declaration.initializer, depth + 1);
    if (ts.isBindingElement(declaration)) {
      // const { ip } = req;
      const path = getBindingPath(declaration);
      return !!path && CLIENT_PROPERTIES.has(path[path.length - 1]!);
    }
    if (ts.isParameter(declaration)) return CLIENT_PARAMETERS.test(node.text);
  }
  return false;
}

const COUNTER_KEYS = /count|hits|requests|attempts|tokens|remaining|reset|window|timestamps/i;

/** True when a stored value is a count or a list of request times. */
function isCounterValue(expression: ts.Expression | undefined, depth = 0): boolean {
  if (!expression || depth > SHORT_CHAIN) return false;
  const node = skipOuterExpressions(expression);
  if (ts.isNumericLiteral(node)) return true;
  if (ts.isBinaryExpression(node)) {
    const arithmetic = node.operatorToken.kind === ts.SyntaxKind.PlusToken || node.operatorToken.kind === ts.SyntaxKind.MinusToken;
    return arithmetic && [node.left, node.right].some((side) => ts.isNumericLiteral(skipOuterExpressions(side)));
  }
  if (ts.isObjectLiteralExpression(node)) {
    return node.properties.some((property) => property.name !== undefined && COUNTER_KEYS.test(property.name.getText()));
  }
  if (ts.isArrayLiteralExpression(node)) return node.elements.some((element) => isTimestamp(element));
  if (ts.isIdentifier(node)) {
    const declaration = findDeclaration(node);
    return !!declaration && ts.isVariableDeclaration(declaration) && isCounterValue(declaration.initializer, depth + 1);
  }
  return false;
}

/** `Date.now()`, `new Date()`, `performance.now()`, `now`. */
function isTimestamp(expression: ts.Expression): boolean {
  const node = skipOuterExpressions(expression);
  if (ts.isIdentifier(node)) return /^(now|timestamp)$/i.test(node.text);
  const text = node.getText();
  return text === 'Date.now()' || text === 'new Date()' || text === 'performance.now()';
}

/** Names that announce a limiter: `hits`, `requestCounts`, `loginAttempts`, `rateLimits`. */
function hasLimiterName(name: string): boolean {
  return /rate|limit|throttl|attempt|hits|requests|count|bucket|quota|flood/i.test(name);
}

export interface HandRolledCounter {
  declaration: ts.VariableDeclaration;
  name: string;
  container: 'Map' | 'object';
  /** The key expression as written, and the line of the write that counts with it. */
  key: string;
  writeLine: string;
}

/** Module-level Maps/objects that request code uses to count per client, once each. */
export function findHandRolledCounters(context: FileContext): HandRolledCounter[] {
  const found = new Map<ts.VariableDeclaration, HandRolledCounter>();
  const { local } = getRequestContext(context);
  for (const write of getCounterWrites(context)) {
    // A tally in a script or a start-up function is not a rate limit: only request code counts.
    if (!local.entryFor(write.node)) continue;
    const access = 'slot' in write.access ? getKeyedAccess(write.access.slot) : write.access;
    if (!access) continue;
    const declaration = getModuleLevelContainer(access.target);
    if (!declaration || found.has(declaration) || !isClientKey(access.key)) continue;
    const name = access.target.text;
    if (!(write.counts || isCounterValue(write.value)) && !hasLimiterName(name)) continue;
    const { sourceFile } = context;
    found.set(declaration, {
      declaration,
      name,
      container: describeContainer(declaration),
      key: access.key.getText(sourceFile),
      writeLine: String(sourceFile.getLineAndCharacterOfPosition(write.node.getStart(sourceFile)).line + 1),
    });
  }
  return [...found.values()];
}
