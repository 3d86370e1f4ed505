// Module-level Maps, Sets, arrays and objects that grow on every request, connection or event:
// per-instance state (instance #2 has its own copy) and, with nothing removing entries, a leak.
// What it does while a file is walked: ./module-state-growth/listeners.ts.
import type { RequestEntry } from '../src/engine/request-context.js';
import { defineRule, type LocatedReport, type Location, type RunFacts } from '../src/engine/rule.js';
import type { ContainerKind } from './module-state-growth/bindings.js';

export type MessageId = 'unbounded' | 'evictedUnbounded';

export interface Growth {
  location: Location;
  name: string;
  kind: ContainerKind;
  declarationLine: number;
  growthWhere: string;
  routeWhere: string;
  entry: RequestEntry;
}

export interface GrowthFacts {
  growth: Map<string, Growth>;
  evicted: Set<string>;
  bounded: Set<string>;
}

export const FACTS = 'module-state-growth/facts';

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
  endOfRun: (run) => judgeGrowth(run),
});

export function createFacts(): GrowthFacts {
  return { growth: new Map(), evicted: new Set(), bounded: new Set() };
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
