// Module-level Maps, Sets, arrays and objects that grow on every request, connection or event:
// per-instance state (instance #2 has its own copy) and, with nothing removing entries, a leak.
import { ts } from 'ts-morph';
import type { FileContext } from '../src/engine/file-context.js';
import { describePlace, getRequestContext, RequestScope, type RequestEntry } from '../src/engine/request-context.js';
import { findDeclaration, keepsInitialValue } from '../src/engine/scope.js';
import { getEnclosingFunction, skipOuterExpressions } from '../src/engine/syntax.js';
import { defineRule, type LocatedReport, type Location, type RunMemo } from '../src/engine/rule.js';
import { getSite, isBoundedKey, resolveBinding, type Binding, type ContainerKind, type Site } from './module-state-growth/bindings.js';

type MessageId = 'unbounded' | 'evictedUnbounded';

interface Growth {
  location: Location;
  name: string;
  kind: ContainerKind;
  declarationLine: number;
  growthWhere: string;
  routeWhere: string;
  entry: RequestEntry;
}

interface RunFacts {
  growth: Map<string, Growth>;
  evicted: Set<string>;
  bounded: Set<string>;
}

const SITES = 'module-state-growth/sites';
const FACTS = 'module-state-growth/facts';

const DESCRIPTION: Record<ContainerKind, { noun: string; gains: string; removes: string }> = {
  Map: { noun: 'a Map', gains: 'gains an entry', removes: 'entries are removed' },
  Set: { noun: 'a Set', gains: 'gains a member', removes: 'members are removed' },
  array: { noun: 'an array', gains: 'gains an element', removes: 'elements are removed' },
  object: { noun: 'a plain object', gains: 'gains a key', removes: 'keys are removed' },
};

export const moduleStateGrowth = defineRule<MessageId>({
  id: 'module-state-growth',
  severity: 'warning',
  docs: {
    title: 'Module-level state that grows with every request, connection or event',
    why:
      'A Map, Set, array or object at module level lives in one process. With two instances each ' +
      'holds a different part of the data (a user online on #1 is unknown to #2), a restart empties ' +
      'it, and if nothing removes entries it grows until the process runs out of memory.',
    fix:
      'Keep shared state where every instance sees it: a Redis hash or set with a TTL per entry ' +
      '(HSET + EXPIRE, or SET key EX), or a database table. If the data may stay per instance ' +
      '(a local cache), bound it: a maximum size with eviction, e.g. lru-cache with `max` and `ttl`.',
    example: {
      bad: ['const onlineUsers = {};', "io.on('connection', (socket) => {", '  onlineUsers[socket.id] = socket.handshake.auth.userId;', '});'].join('\n'),
      good: [
        "io.on('connection', async (socket) => {",
        "  await redis.hset('online-users', socket.id, socket.handshake.auth.userId);",
        "  socket.on('disconnect', () => redis.hdel('online-users', socket.id));",
        '});',
      ].join('\n'),
    },
  },
  messages: {
    unbounded:
      '`{{name}}` ({{noun}} declared at line {{line}}) {{gains}} on {{trigger}} (registered at {{where}}, grown at {{growthWhere}}) ' +
      'and nothing ever removes one: each instance keeps its own copy, and it grows until the process runs out of memory.',
    evictedUnbounded:
      '`{{name}}` ({{noun}} declared at line {{line}}) {{gains}} on {{trigger}} (registered at {{where}}, grown at {{growthWhere}}); ' +
      '{{removes}}, but nothing bounds its size, and each instance keeps its own copy.',
  },
  usesRequestContext: true,
  visit: {
    [ts.SyntaxKind.CallExpression]: (node, context) => void collect(node, context),
    [ts.SyntaxKind.BinaryExpression]: (node, context) => void collect(node, context),
    [ts.SyntaxKind.DeleteExpression]: (node, context) => void collect(node, context),
  },
  endOfFile: (context) => {
    const facts = getFacts(context);
    const { local, remote } = getRequestContext(context);
    for (const site of context.memo(SITES, () => [] as Site[])) recordSite(site, context, local, facts);
    // Helpers in other files of the scan that this file's handlers call: their growth is per request too.
    for (const { fn, entry } of remote) {
      const scope = RequestScope.forFunction(fn, entry);
      forEachSite(fn.node, (site) => site.kind === 'add' && recordSite(site, fn.context, scope, facts));
    }
    return undefined;
  },
  endOfRun: (run) => judgeGrowth(run),
});

function collect(node: ts.Node, context: FileContext): void {
  const site = getSite(node);
  if (site) context.memo(SITES, () => [] as Site[]).push(site);
}

function getFacts(context: FileContext): RunFacts {
  return context.runMemo(FACTS, (): RunFacts => ({ growth: new Map(), evicted: new Set(), bounded: new Set() }));
}

function recordSite(site: Site, context: FileContext, scope: RequestScope, facts: RunFacts): void {
  // Growth counts only per request; that check is cheap, so it comes before resolving the name.
  const entry = site.kind === 'add' ? scope.entryFor(site.node) : undefined;
  if (site.kind === 'add' && !entry) return;
  const binding = resolveBinding(site.target, context);
  if (!binding || !isMeaningful(site, binding)) return;
  if (site.kind === 'evict') facts.evicted.add(binding.key);
  else if (site.kind === 'bound') facts.bounded.add(binding.key);
  else if (entry && !facts.growth.has(binding.key) && !(site.key && isBoundedByCode(site, site.key, scope))) {
    const owner = binding.declaration.context;
    facts.growth.set(binding.key, {
      location: owner.locate(binding.declaration.node),
      name: binding.name,
      kind: binding.kind,
      declarationLine: owner.lineOf(binding.declaration.node),
      growthWhere: describePlace(`${context.displayPath()}:${context.lineOf(site.node)}`, owner.displayPath()),
      routeWhere: describePlace(entry.where, owner.displayPath()),
      entry,
    });
  }
}

const ADD_METHODS: Record<ContainerKind, readonly string[]> = { Map: ['set'], Set: ['add'], array: ['push', 'unshift'], object: [] };

// A method only grows the container it belongs to (`.set` on a Map, `.push` on an array); a plain
// object grows by `obj[key] = …` or Object.assign, not by a `set()` method of its own that may
// write elsewhere; `arr[i] = x` replaces an element; a key from a closed set stays bounded.
function isMeaningful(site: Site, binding: Binding): boolean {
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
function isBoundedByCode(site: Site, key: ts.Expression, scope: RequestScope): boolean {
  if (isReassignedKey(key) || isFreshKey(key)) return false;
  if (!scope.isHandlerDerived(key)) return true;
  if (scope.isRequestDerived(key)) return false;
  const fn = getEnclosingFunction(site.node);
  return fn !== undefined && getKeyedReads(fn).has(`${site.target.getText()}\0${key.getText()}`);
}

const keyedReadsByFunction = new WeakMap<ts.Node, Set<string>>();

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

function forEachSite(root: ts.Node, callback: (site: Site) => void): void {
  const visit = (node: ts.Node): void => {
    const site = getSite(node);
    if (site) callback(site);
    ts.forEachChild(node, visit);
  };
  visit(root);
}

function judgeGrowth(run: RunMemo): LocatedReport<MessageId>[] {
  const facts = run.get(FACTS, (): RunFacts => ({ growth: new Map(), evicted: new Set(), bounded: new Set() }));
  const reports: LocatedReport<MessageId>[] = [];
  for (const [key, growth] of facts.growth) {
    if (facts.bounded.has(key)) continue;
    const evicted = facts.evicted.has(key);
    const { noun, gains, removes } = DESCRIPTION[growth.kind];
    reports.push({
      location: growth.location,
      messageId: evicted ? 'evictedUnbounded' : 'unbounded',
      severity: evicted ? 'info' : undefined,
      data: {
        name: growth.name,
        noun,
        gains,
        removes,
        line: String(growth.declarationLine),
        trigger: growth.entry.trigger,
        where: growth.routeWhere,
        growthWhere: growth.growthWhere,
      },
    });
  }
  return reports;
}
