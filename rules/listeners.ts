// What each rule does while a file is walked, by rule id. Only the analysis of a file loads this
// (and with it the compiler): rules/index.ts is what the rest of a run needs.
import type { RuleListeners } from '../src/engine/rule.js';
import { inMemoryRateLimitListeners } from './in-memory-rate-limit/listeners.js';
import { localUploadStorageListeners } from './local-upload-storage/listeners.js';
import { moduleStateGrowthListeners } from './module-state-growth/listeners.js';
import { sessionMemoryStoreListeners } from './session-memory-store/listeners.js';
import { stickySessionsListeners } from './sticky-sessions/listeners.js';

export const listenersByRule: ReadonlyMap<string, RuleListeners> = new Map<string, RuleListeners>([
  ['in-memory-rate-limit', inMemoryRateLimitListeners],
  ['local-upload-storage', localUploadStorageListeners],
  ['module-state-growth', moduleStateGrowthListeners],
  ['session-memory-store', sessionMemoryStoreListeners],
  ['sticky-sessions', stickySessionsListeners],
]);
