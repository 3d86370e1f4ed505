// Every rule, sorted by id. The meta-test keeps this list, the files and the docs in step.
import type { Rule } from '../src/engine/rule.js';
import { inMemoryRateLimit } from './in-memory-rate-limit.js';
import { localUploadStorage } from './local-upload-storage.js';
import { moduleStateGrowth } from './module-state-growth.js';
import { sessionMemoryStore } from './session-memory-store.js';
import { stickySessions } from './sticky-sessions.js';

export const rules: readonly Rule[] = [inMemoryRateLimit, localUploadStorage, moduleStateGrowth, sessionMemoryStore, stickySessions] as Rule[];

export function findRule(id: string): Rule | undefined {
  return rules.find((rule) => rule.id === id);
}
