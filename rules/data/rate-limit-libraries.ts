// Rate-limiting libraries, how each is installed, and which of their stores count in memory.
import type { ModuleRef } from '../../src/engine/module-ref.js';
import { refersTo } from '../../src/engine/module-ref.js';
import type { LocalStoreMatch } from '../../src/engine/store-option.js';

export type RateLimitForm =
  /** rateLimit({ … }) or new RateLimit({ … }); the options hold a store under `storeKeys`. */
  | 'options-call'
  /** new ExpressBrute(store, options): the store is the first argument. */
  | 'store-argument'
  /** new RateLimiterMemory({ … }): in memory whatever the options. */
  | 'always-local'
  /** fastify.register(rateLimit, { … }). */
  | 'fastify-plugin'
  /** ThrottlerModule.forRoot(…) / forRootAsync({ useFactory }). */
  | 'nest-module';

export interface RateLimitLibrary {
  package: string;
  exports: readonly (readonly string[])[];
  form: RateLimitForm;
  /** Option keys that point the library at a shared backend. */
  storeKeys: readonly string[];
}

export const RATE_LIMIT_LIBRARIES: readonly RateLimitLibrary[] = [
  { package: 'express-rate-limit', exports: [[], ['rateLimit']], form: 'options-call', storeKeys: ['store'] },
  { package: 'express-slow-down', exports: [[], ['slowDown']], form: 'options-call', storeKeys: ['store'] },
  { package: 'express-brute', exports: [[]], form: 'store-argument', storeKeys: [] },
  {
    package: 'rate-limiter-flexible',
    exports: [['RateLimiterMemory'], ['RateLimiterCluster'], ['RateLimiterPM2Cluster']],
    form: 'always-local',
    storeKeys: [],
  },
  { package: '@fastify/rate-limit', exports: [[], ['fastifyRateLimit']], form: 'fastify-plugin', storeKeys: ['redis', 'store'] },
  { package: 'fastify-rate-limit', exports: [[]], form: 'fastify-plugin', storeKeys: ['redis', 'store'] },
  {
    package: '@nestjs/throttler',
    exports: [['ThrottlerModule', 'forRoot'], ['ThrottlerModule', 'forRootAsync']],
    form: 'nest-module',
    storeKeys: ['storage'],
  },
];

const MEMORY = "this process's memory";

const LOCAL_RATE_LIMIT_STORES: readonly { package: string; path: readonly string[]; label: string }[] = [
  { package: 'express-rate-limit', path: ['MemoryStore'], label: 'express-rate-limit MemoryStore' },
  { package: 'express-slow-down', path: ['MemoryStore'], label: 'MemoryStore' },
  { package: 'express-brute', path: ['MemoryStore'], label: 'ExpressBrute.MemoryStore' },
  { package: 'rate-limiter-flexible', path: ['RateLimiterMemory'], label: 'RateLimiterMemory' },
];

export function matchLocalRateLimitStore(ref: ModuleRef): LocalStoreMatch | undefined {
  const entry = LOCAL_RATE_LIMIT_STORES.find((store) => refersTo(ref, store.package, store.path));
  return entry && { label: entry.label, where: MEMORY };
}

export function findRateLimitLibrary(ref: ModuleRef | undefined): { library: RateLimitLibrary; exportName: string } | undefined {
  if (!ref) return undefined;
  for (const library of RATE_LIMIT_LIBRARIES) {
    const path = library.exports.find((candidate) => refersTo(ref, library.package, candidate));
    if (path) return { library, exportName: path[path.length - 1] ?? library.package };
  }
  return undefined;
}

export const RATE_LIMIT_PACKAGES: readonly string[] = RATE_LIMIT_LIBRARIES.map((library) => library.package);
