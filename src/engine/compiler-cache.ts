// Loading the TypeScript compiler, one 9 MB script, is most of scale-audit's start-up: V8 parses
// and compiles it again on every run and in every worker thread. This keeps V8's compiled code
// for it in the user's cache folder and loads the compiler with it: 100 ms less on every run
// (0.50 s to 0.41 s on a one-file scan). Only a speed-up: any doubt about the file and any failure
// fall back to Node's own loading. SCALE_AUDIT_NO_COMPILE_CACHE=1 turns it off.
//
// V8 checks little of cached code itself (its version, its flags, the source's length), and code
// it accepts runs as it is: a damaged file can crash the process or change what the compiler
// does. So the file carries a SHA-256 of the code and is used only when it matches, and only when
// the file belongs to this user and no one else can write to it.
import { isAscii } from 'node:buffer';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { isMainThread } from 'node:worker_threads';
import { userCacheFolder } from './user-cache.js';

const PREFIX = 'compiler-';
const SUFFIX = '.v8';
const MAGIC = 'scale-audit compiled code 1\n';
const DIGEST_LENGTH = 64;
/** Files for another compiler or Node version are removed once nothing has written them this long. */
const STALE_AFTER_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Loads the compiler that ts-morph bundles, from V8's cached code when there is some. Call it
 * before '#typescript' is imported, with the V8 flags set at run time: `v8FlagsSet()` on the main
 * thread, the main thread's list on a worker (whose own `v8FlagsSet()` is empty).
 */
export function preloadCompiler(v8Flags: readonly string[]): void {
  if (process.env.SCALE_AUDIT_NO_COMPILE_CACHE) return;
  try {
    load(v8Flags);
  } catch {
    // Node loads the compiler the usual way when '#typescript' asks for it.
  }
}

function load(v8Flags: readonly string[]): void {
  const require = createRequire(import.meta.url);
  const common = createRequire(require.resolve('ts-morph')).resolve('@ts-morph/common');
  const compilerFile = path.join(path.dirname(common), 'typescript.js');
  if (require.cache[compilerFile]) return;
  const cacheFile = path.join(userCacheFolder(), `${PREFIX}${cacheKey(compilerFile, v8Flags)}${SUFFIX}`);
  const cachedData = readCachedCode(cacheFile);
  const script = new vm.Script(Module.wrap(readCompilerSource(compilerFile)), { filename: compilerFile, cachedData });
  const module = new Module(compilerFile);
  module.filename = compilerFile;
  try {
    const run = script.runInThisContext() as (...args: unknown[]) => void;
    run.call(module.exports, module.exports, createRequire(compilerFile), module, compilerFile, path.dirname(compilerFile));
  } catch (error) {
    // Code that fails to run is not kept for the next run either.
    if (cachedData) rmSync(cacheFile, { force: true });
    throw error;
  }
  module.loaded = true;
  require.cache[compilerFile] = module;
  // Written when the run ends, so the code of every function the scan used is in it. Only the
  // main thread writes; worker threads read.
  if (isMainThread && (!cachedData || script.cachedDataRejected)) process.once('exit', () => save(cacheFile, script));
}

// The compiler's source is plain ASCII, which decodes to the same string as Latin-1 as it does
// as UTF-8, without UTF-8's checks: 2 to 10 ms for its 9 MB instead of 16 to 25 ms, in every
// thread that loads it.
function readCompilerSource(file: string): string {
  const bytes = readFileSync(file);
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
}

// V8 refuses code for another V8 version or other flags, so the flags this process runs with are
// part of the name: runs with and without, say, --max-old-space-size keep a file each, and so do
// the CLI (which sets flags as it starts) and a program calling the API.
function cacheKey(compilerFile: string, v8Flags: readonly string[]): string {
  const { size, mtimeMs } = statSync(compilerFile);
  const flags = [process.execArgv.join(' '), process.env.NODE_OPTIONS ?? '', v8Flags.join(' ')];
  const parts = [compilerFile, size, mtimeMs, process.version, process.arch, ...flags];
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 16);
}

function readCachedCode(cacheFile: string): Buffer | undefined {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(cacheFile, 'r');
    if (!isPrivate(fstatSync(descriptor))) return undefined;
    const content = readFileSync(descriptor);
    const header = MAGIC.length + DIGEST_LENGTH + 1;
    if (content.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) return undefined;
    const digest = content.subarray(MAGIC.length, MAGIC.length + DIGEST_LENGTH).toString('latin1');
    const code = content.subarray(header);
    return digest === sha256(code) ? code : undefined;
  } catch {
    return undefined;
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/** Owned by this user and writable by no one else (where the platform has owners and modes). */
function isPrivate(stats: { uid: number; mode: number; isFile(): boolean }): boolean {
  if (!stats.isFile()) return false;
  if (process.platform === 'win32' || !process.getuid) return true;
  return stats.uid === process.getuid() && (stats.mode & 0o022) === 0;
}

function save(cacheFile: string, script: vm.Script): void {
  const folder = path.dirname(cacheFile);
  const temporary = `${cacheFile}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const code = script.createCachedData();
    // 'wx': a new file of our own, never one that is already there (or a link planted in its place).
    const descriptor = openSync(temporary, 'wx', 0o600);
    try {
      writeSync(descriptor, `${MAGIC}${sha256(code)}\n`);
      writeSync(descriptor, code);
    } finally {
      closeSync(descriptor);
    }
    renameSync(temporary, cacheFile);
    removeStaleFiles(folder, cacheFile);
  } catch {
    // An unwritable cache folder costs only the speed-up.
    rmSync(temporary, { force: true });
  }
}

function removeStaleFiles(folder: string, current: string): void {
  for (const name of readdirSync(folder)) {
    const file = path.join(folder, name);
    if (file === current || !name.startsWith(PREFIX) || !(name.endsWith(SUFFIX) || name.endsWith('.tmp'))) continue;
    try {
      if (Date.now() - statSync(file).mtimeMs > STALE_AFTER_MS) rmSync(file, { force: true });
    } catch {
      // Gone already, or not ours to remove.
    }
  }
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
