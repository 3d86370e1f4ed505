// Rate limits counted inside the process: behind a load balancer with N instances, each keeps
// its own counters and a client gets N times the limit.
// What it does while a file is walked: ./in-memory-rate-limit/listeners.ts.
import { defineRule } from '../src/engine/rule.js';

export type MessageId = 'defaultStore' | 'localStore' | 'partlyLocalStore' | 'memoryLimiter' | 'handRolled' | 'unknownOptions';

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
});
