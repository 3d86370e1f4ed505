// Every rule, sorted by id. The meta-test keeps this list, the files and the docs in step.
import type { Rule } from '../src/engine/rule.js';
import { invalidSuppression } from '../src/engine/suppression-rule.js';
import { inMemoryRateLimit } from './in-memory-rate-limit.js';
import { localUploadStorage } from './local-upload-storage.js';
import { moduleStateGrowth } from './module-state-growth.js';
import { sessionMemoryStore } from './session-memory-store.js';
import { stickySessions } from './sticky-sessions.js';

export const rules: readonly Rule[] = [inMemoryRateLimit, localUploadStorage, moduleStateGrowth, sessionMemoryStore, stickySessions] as Rule[];

/** A rule by id, including the engine's own `invalid-suppression`. */
export function findRule(id: string): Rule | undefined {
  return [...rules, invalidSuppression as Rule].find((rule) => rule.id === id);
}
