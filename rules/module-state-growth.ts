// Module-level Maps, Sets, arrays and objects that grow on every request, connection or event:
// per-instance state (instance #2 has its own copy) and, with nothing removing entries, a leak.
import { ts } from '#typescript';
import type { FileContext } from '../src/engine/file-context.js';
import { describePlace, getRequestContext, RequestScope, type RequestEntry } from '../src/engine/request-context.js';
import { defineRule, type LocatedReport, type Location, type RunFacts } from '../src/engine/rule.js';
import { getSite, resolveBinding, type ContainerKind, type Site } from './module-state-growth/bindings.js';
import { isBoundedByCode, isMeaningful } from './module-state-growth/growth.js';

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

interface GrowthFacts {
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
    // Made on the first thing recorded: most files have none to keep.
    const facts = (): GrowthFacts => getFacts(context);
    const { local, remote } = getRequestContext(context);
    for (const site of context.memo(SITES, createSites)) recordSite(site, context, local, facts);
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
  if (site) context.memo(SITES, createSites).push(site);
}

function createSites(): Site[] {
  return [];
}

function getFacts(context: FileContext): GrowthFacts {
  return context.facts(FACTS, createFacts);
}

function createFacts(): GrowthFacts {
  return { growth: new Map(), evicted: new Set(), bounded: new Set() };
}

function recordSite(site: Site, context: FileContext, scope: RequestScope, factsOfFile: () => GrowthFacts): void {
  // Growth counts only per request; that check is cheap, so it comes before resolving the name.
  const entry = site.kind === 'add' ? scope.entryFor(site.node) : undefined;
  if (site.kind === 'add' && !entry) return;
  const binding = resolveBinding(site.target, context);
  if (!binding || !isMeaningful(site, binding)) return;
  const facts = factsOfFile();
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

function forEachSite(root: ts.Node, callback: (site: Site) => void): void {
  const visit = (node: ts.Node): void => {
    const site = getSite(node);
    if (site) callback(site);
    ts.forEachChild(node, visit);
  };
  visit(root);
}

function judgeGrowth(run: RunFacts): LocatedReport<MessageId>[] {
  // The files' facts in scan order: the first file to see a container grow names the route.
  const facts = createFacts();
  for (const file of run.all<GrowthFacts>(FACTS)) {
    for (const [key, growth] of file.growth) if (!facts.growth.has(key)) facts.growth.set(key, growth);
    for (const key of file.evicted) facts.evicted.add(key);
    for (const key of file.bounded) facts.bounded.add(key);
  }
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
