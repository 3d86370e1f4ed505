// Session middleware that keeps server-side sessions, and the stores that keep them in one
// process. A new library is a data edit here.
import type { ModuleRef } from '../../src/engine/module-ref.js';
import { refersTo } from '../../src/engine/module-ref.js';
import type { LocalStoreMatch } from '../../src/engine/store-option.js';

export interface SessionLibrary {
  package: string;
  /** Export paths of the middleware factory (`[]` is the main export). */
  factories: readonly (readonly string[])[];
  /** How it is installed: a middleware call or a Fastify plugin registration. */
  form: 'middleware' | 'fastify-plugin';
  /** True when leaving out `store` keeps sessions in memory (false for koa-session's cookie). */
  memoryByDefault: boolean;
}

export const SESSION_LIBRARIES: readonly SessionLibrary[] = [
  { package: 'express-session', factories: [[], ['session']], form: 'middleware', memoryByDefault: true },
  { package: 'koa-generic-session', factories: [[], ['session']], form: 'middleware', memoryByDefault: true },
  { package: 'koa-session', factories: [[], ['session']], form: 'middleware', memoryByDefault: false },
  { package: '@fastify/session', factories: [[], ['fastifySession']], form: 'fastify-plugin', memoryByDefault: true },
  { package: 'fastify-session', factories: [[]], form: 'fastify-plugin', memoryByDefault: true },
];

const MEMORY = "this process's memory";
const DISK = "a file on this server's local disk";

/** Stores that are process-local, by how they are reached from their package. */
const LOCAL_SESSION_STORES: readonly { package: string; path: readonly string[]; calls: number; label: string; where: string }[] = [
  // new session.MemoryStore()  /  const { MemoryStore } = require('express-session')
  { package: 'express-session', path: ['MemoryStore'], calls: 0, label: 'express-session MemoryStore', where: MEMORY },
  { package: 'koa-generic-session', path: ['MemoryStore'], calls: 0, label: 'koa-generic-session MemoryStore', where: MEMORY },
  { package: '@fastify/session', path: ['MemoryStore'], calls: 0, label: '@fastify/session MemoryStore', where: MEMORY },
  { package: 'fastify-session', path: ['MemoryStore'], calls: 0, label: 'fastify-session MemoryStore', where: MEMORY },
  // const MemoryStore = require('memorystore')(session)
  { package: 'memorystore', path: [], calls: 1, label: 'memorystore', where: MEMORY },
  { package: 'session-memory-store', path: [], calls: 1, label: 'session-memory-store', where: MEMORY },
  { package: 'session-file-store', path: [], calls: 1, label: 'session-file-store', where: DISK },
  { package: 'connect-sqlite3', path: [], calls: 1, label: 'connect-sqlite3', where: 'a SQLite file on this server\'s local disk' },
  { package: 'better-sqlite3-session-store', path: [], calls: 1, label: 'better-sqlite3-session-store', where: 'a SQLite file on this server\'s local disk' },
  { package: 'connect-loki', path: [], calls: 1, label: 'connect-loki', where: DISK },
  { package: 'connect-nedb-session', path: [], calls: 1, label: 'connect-nedb-session', where: DISK },
];

export function matchLocalSessionStore(ref: ModuleRef): LocalStoreMatch | undefined {
  const entry = LOCAL_SESSION_STORES.find((store) => refersTo(ref, store.package, store.path, store.calls));
  return entry && { label: entry.label, where: entry.where };
}

export const SESSION_PACKAGES: readonly string[] = [
  ...SESSION_LIBRARIES.map((library) => library.package),
  ...LOCAL_SESSION_STORES.map((store) => store.package),
];
