// Rate limits counted inside the process: behind a load balancer with N instances, each keeps
// its own counters and a client gets N times the limit.
import { ts } from '#typescript';
import { describeCallee, type InstallNode } from '../src/engine/calls.js';
import type { FileContext } from '../src/engine/file-context.js';
import { defineRule, type Report } from '../src/engine/rule.js';
import { findHandRolledCounters, recordWrite } from './in-memory-rate-limit/hand-rolled.js';
import { judgeLibraryInstall } from './in-memory-rate-limit/libraries.js';

type MessageId = 'defaultStore' | 'localStore' | 'partlyLocalStore' | 'memoryLimiter' | 'handRolled' | 'unknownOptions';

export const inMemoryRateLimit = defineRule<MessageId>({
  id: 'in-memory-rate-limit',
  severity: 'error',
  docs: {
    title: 'Rate-limit counters kept in the memory of one server process',
    why:
      'Each instance counts only the requests the load balancer happens to send it. With three ' +
      'instances a client gets three times the limit (brute-force and abuse protection quietly ' +
      'weakens as you scale out), and every restart or deploy resets the counters.',
    fix:
      'Count in a store every instance shares: give the limiter a Redis store (rate-limit-redis, ' +
      'RateLimiterRedis, @fastify/rate-limit with `redis`, @nest-lab/throttler-storage-redis) or a ' +
      'database-backed one, or enforce the limit at the gateway.',
    example: {
      bad: 'app.use(rateLimit({ windowMs: 15 * 60 * 1000, limit: 100 }));',
      good: [
        "import { RedisStore } from 'rate-limit-redis';",
        '',
        'app.use(rateLimit({',
        '  windowMs: 15 * 60 * 1000,',
        '  limit: 100,',
        '  store: new RedisStore({ sendCommand: (...args) => redisClient.sendCommand(args) }),',
        '}));',
      ].join('\n'),
    },
  },
  messages: {
    defaultStore:
      '`{{call}}` from {{library}} has no {{storeKeys}}, so its counters live in this process\'s memory; ' +
      'with N instances each counts alone and clients get N times the limit.',
    localStore:
      '`{{call}}` from {{library}} counts in {{store}}, in this process\'s memory; with N instances ' +
      'each counts alone and clients get N times the limit.',
    partlyLocalStore:
      '`{{call}}` from {{library}} counts in this process\'s memory when `{{condition}}` is {{when}}; ' +
      'in that configuration N instances allow N times the limit.',
    memoryLimiter:
      '`{{call}}` from rate-limiter-flexible keeps its counters in {{where}}; with N instances ' +
      'each counts alone and clients get N times the limit.',
    unknownOptions: '`{{call}}` from {{library}}: the options are not known statically, so its store was not checked.',
    handRolled:
      '`{{name}}`, a module-level {{container}}, counts requests per client in this process\'s memory ' +
      '(keyed by `{{key}}` at line {{writeLine}}); with N instances each counts alone and clients get N times the limit.',
  },
  usesRequestContext: true,
  visit: {
    [ts.SyntaxKind.CallExpression]: (node, context) => {
      recordWrite(node, context);
      return checkLibrary(node as ts.CallExpression, context);
    },
    [ts.SyntaxKind.NewExpression]: (node, context) => checkLibrary(node as ts.NewExpression, context),
    [ts.SyntaxKind.ExportAssignment]: (node, context) => checkLibrary(node as ts.ExportAssignment, context),
    [ts.SyntaxKind.BinaryExpression]: (node, context) => void recordWrite(node, context),
    [ts.SyntaxKind.PostfixUnaryExpression]: (node, context) => void recordWrite(node, context),
    [ts.SyntaxKind.PrefixUnaryExpression]: (node, context) => void recordWrite(node, context),
  },
  endOfFile: (context) =>
    findHandRolledCounters(context).map(({ declaration, name, container, key, writeLine }) => ({
      node: declaration,
      messageId: 'handRolled',
      data: { name, container, key, writeLine },
    })),
});

function checkLibrary(node: InstallNode, context: FileContext): Report<MessageId> | undefined {
  const judged = judgeLibraryInstall(node, context);
  if (!judged) return undefined;
  const data = { call: describeCallee(node, context), library: judged.library.package };
  if ('alwaysLocal' in judged) return { node, messageId: 'memoryLimiter', data: { ...data, where: judged.alwaysLocal } };
  const verdict = judged.store;
  switch (verdict?.kind) {
    case 'default': {
      const storeKeys = judged.library.storeKeys.map((key) => `\`${key}\``).join(' or ');
      return { node, messageId: 'defaultStore', data: { ...data, storeKeys } };
    }
    case 'local':
      return { node, messageId: 'localStore', data: { ...data, store: verdict.store.label } };
    case 'partly-local':
      return { node, messageId: 'partlyLocalStore', data: { ...data, condition: verdict.condition, when: verdict.when }, severity: 'warning' };
    case 'other':
      return undefined;
    case undefined:
      return { node, messageId: 'unknownOptions', data, severity: 'info', verboseOnly: true };
  }
}
