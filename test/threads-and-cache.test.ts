// --jobs gives the same result on any number of threads; --cache reuses a file's outcome only while
// the file and everything its analysis read are unchanged, and never trusts a damaged cache.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { audit, type AuditOptions } from '../src/audit.js';
import type { AnalysisSettings } from '../src/engine/analyze.js';
import { readFacts, type FileOutcome } from '../src/engine/file-outcome.js';
import { statFilesInThread, statOf } from '../src/engine/file-stats.js';
import { ResultCache } from '../src/engine/result-cache.js';
import { moduleStateGrowth } from '../rules/module-state-growth.js';
import type { AuditResult } from '../src/types.js';
import { makeTempDir, removeTempDirs, repoRoot, runCli } from './helpers/cli.js';
import { project, removeProjects } from './helpers/project.js';

afterAll(() => {
  removeProjects();
  removeTempDirs();
});

const withoutTiming = ({ durationMs: _duration, cachedFiles: _cached, ...rest }: AuditResult) => rest;
const located = (result: AuditResult) => result.findings.map((f) => [f.ruleId, f.file, f.line]);

describe('--jobs', () => {
  it('finds exactly what one thread finds, on every fixture and the demo app, with four threads', async () => {
    const options: AuditOptions = { paths: ['fixtures'], cwd: repoRoot, includeTests: true };
    const single = await audit({ ...options, jobs: 1 });
    const threaded = await audit({ ...options, jobs: 4, filesPerThread: 10 });
    expect(single.findings.length).toBeGreaterThan(100);
    expect(withoutTiming(threaded)).toEqual(withoutTiming(single));
  });

  it('rejects a thread count that is not a whole number of 1 or more', () => {
    const run = runCli(['fixtures/demo-app', '--jobs', '0']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('invalid --jobs "0": expected a whole number of threads, 1 or more');
  });
});

const SESSION_APP = {
  'app.js': [
    "const session = require('express-session');",
    "const options = require('./config');",
    'app.use(session(options));',
    '',
  ].join('\n'),
  'config/index.js': "module.exports = { secret: process.env.SECRET, resave: false };\n",
  'routes.js': "const express = require('express');\nmodule.exports = express.Router();\n",
};

describe('--cache', () => {
  const scan = (root: string, cache: string, extra: AuditOptions = {}) => audit({ paths: [root], cwd: root, cache, ...extra });

  it('answers an unchanged tree from the cache with the same findings', async () => {
    const root = project(SESSION_APP);
    const cache = path.join(project({}), 'results.cache');
    const cold = await scan(root, cache);
    expect(located(cold)).toEqual([['session-memory-store', 'app.js', 3]]);
    expect(cold.cachedFiles).toBe(0);
    const written = statSync(cache).mtimeMs;
    const warm = await scan(root, cache);
    expect(warm.cachedFiles).toBe(3);
    // Nothing changed, so the cache file is not written again.
    expect(statSync(cache).mtimeMs).toBe(written);
    expect(withoutTiming(warm)).toEqual(withoutTiming(cold));
    // Nothing is written into the tree scanned.
    expect(readdirSync(root).sort()).toEqual(['app.js', 'config', 'routes.js']);
  });

  it('analyses again a file whose imported options changed (dependencies recorded on worker threads too)', async () => {
    const root = project(SESSION_APP);
    const cache = path.join(project({}), 'results.cache');
    await scan(root, cache, { jobs: 3, filesPerThread: 1 });
    writeFileSync(path.join(root, 'config/index.js'), "const RedisStore = require('connect-redis');\nmodule.exports = { store: new RedisStore({}) };\n");
    const warm = await scan(root, cache);
    expect(located(warm)).toEqual([]);
    expect(warm.cachedFiles).toBe(1);
  });

  it('analyses again a file whose import now resolves to a new file', async () => {
    const root = project(SESSION_APP);
    const cache = path.join(project({}), 'results.cache');
    await scan(root, cache);
    // './config' now means config.js, not config/index.js.
    writeFileSync(path.join(root, 'config.js'), "const RedisStore = require('connect-redis');\nmodule.exports = { store: new RedisStore({}) };\n");
    expect(located(await scan(root, cache))).toEqual([]);
  });

  it('keeps the entries of files a partial run did not look at', async () => {
    const root = project(SESSION_APP);
    const cache = path.join(project({}), 'results.cache');
    await scan(root, cache);
    const partial = await scan(root, cache, { onlyFiles: [path.join(root, 'routes.js')] });
    expect(partial.cachedFiles).toBe(1);
    writeFileSync(path.join(root, 'routes.js'), "const express = require('express');\nmodule.exports = express.Router({ strict: true });\n");
    await scan(root, cache, { onlyFiles: [path.join(root, 'routes.js')] });
    expect((await scan(root, cache)).cachedFiles).toBe(3);
  });

  it('starts over when the rule set changes', async () => {
    const root = project(SESSION_APP);
    const cache = path.join(project({}), 'results.cache');
    await scan(root, cache);
    const other = await scan(root, cache, { disable: ['sticky-sessions'] });
    expect(other.cachedFiles).toBe(0);
    expect(located(other)).toEqual([['session-memory-store', 'app.js', 3]]);
  });

  it('leaves alone, with a warning, a file that is not a cache', async () => {
    const root = project(SESSION_APP);
    const notACache = path.join(root, 'routes.js');
    const text = readFileSync(notACache, 'utf8');
    const warnings: string[] = [];
    const result = await scan(root, notACache, { onWarning: (message) => warnings.push(message) });
    expect(located(result)).toEqual([['session-memory-store', 'app.js', 3]]);
    expect(warnings).toEqual([`${notACache} is not a scale-audit cache; running without the cache and leaving that file alone`]);
    expect(readFileSync(notACache, 'utf8')).toBe(text);
  });

  it('ignores, with a warning, a damaged cache, and replaces it', async () => {
    const root = project(SESSION_APP);
    const cache = path.join(project({}), 'results.cache');
    await scan(root, cache);
    const bytes = readFileSync(cache);
    bytes[bytes.length - 20] ^= 1;
    writeFileSync(cache, bytes);
    const warnings: string[] = [];
    const damaged = await scan(root, cache, { onWarning: (message) => warnings.push(message) });
    expect(located(damaged)).toEqual([['session-memory-store', 'app.js', 3]]);
    expect(damaged.cachedFiles).toBe(0);
    expect(warnings).toEqual([`the cache ${cache} is damaged (its checksum does not match); ignoring it (it will be replaced)`]);
    expect((await scan(root, cache)).cachedFiles).toBe(3);
  });

  it('reads a relative location from the scan folder, and creates a folder named with a trailing slash', async () => {
    const root = project(SESSION_APP);
    const parent = project({});
    await audit({ paths: ['.'], cwd: root, cache: path.relative(root, path.join(parent, 'new', 'folder')) + '/' });
    expect(readdirSync(path.join(parent, 'new', 'folder'))).toEqual([expect.stringMatching(/^scale-audit-[0-9a-f]{16}\.cache$/)]);
  });

  it('on the command line: --cache-location takes a folder, and the summary says what came from the cache', () => {
    const root = project(SESSION_APP);
    const folder = path.join(project({}), 'cache-folder');
    mkdirSync(folder);
    const first = runCli([root, '--no-config', '--cache-location', folder]);
    const second = runCli([root, '--no-config', '--cache-location', folder]);
    expect(readdirSync(folder)).toEqual([expect.stringMatching(/^scale-audit-[0-9a-f]{16}\.cache$/)]);
    expect([first.status, second.status]).toEqual([1, 1]);
    expect(first.stdout).toMatch(/3 files scanned, 0 skipped: 1 error, 0 warnings, 0 info in [\d.]+s \(0 of 3 from the cache\)\.\n$/);
    expect(second.stdout).toMatch(/3 files scanned, 0 skipped: 1 error, 0 warnings, 0 info in [\d.]+s \(3 of 3 from the cache\)\.\n$/);
    rmSync(folder, { recursive: true });
  });

  it('keeps the end-of-run findings, and judges again only when a file changed or the files are others', async () => {
    const root = project({
      'app.js': [
        "const express = require('express');",
        'const app = express();',
        'const visits = new Map();',
        "app.get('/visit', (req, res) => {",
        '  visits.set(req.ip, Date.now());',
        '  res.end();',
        '});',
        '',
      ].join('\n'),
      'routes.js': "const express = require('express');\nmodule.exports = express.Router();\n",
    });
    const cache = path.join(project({}), 'results.cache');
    const judge = vi.spyOn(moduleStateGrowth, 'endOfRun');
    try {
      const cold = await scan(root, cache);
      expect(located(cold)).toEqual([['module-state-growth', 'app.js', 3]]);
      expect(judge).toHaveBeenCalledTimes(1);
      const warm = await scan(root, cache);
      expect(judge).toHaveBeenCalledTimes(1);
      expect(withoutTiming(warm)).toEqual(withoutTiming(cold));
      // Another set of files (a partial run): judged again, and the full run's are kept.
      expect(located(await scan(root, cache, { onlyFiles: [path.join(root, 'routes.js')] }))).toEqual([]);
      expect(judge).toHaveBeenCalledTimes(2);
      await scan(root, cache);
      expect(judge).toHaveBeenCalledTimes(2);
      writeFileSync(path.join(root, 'routes.js'), "const express = require('express');\nmodule.exports = express.Router({ strict: true });\n");
      expect(located(await scan(root, cache))).toEqual([['module-state-growth', 'app.js', 3]]);
      expect(judge).toHaveBeenCalledTimes(3);
    } finally {
      judge.mockRestore();
    }
  });

  it('does not load the compiler on a run answered wholly from the cache', () => {
    const root = project(SESSION_APP);
    const folder = makeTempDir();
    // Says, as the process exits, whether the compiler's script was ever loaded.
    const probe = path.join(makeTempDir(), 'probe.cjs');
    const compiler = JSON.stringify(path.join('@ts-morph', 'common', 'dist', 'typescript.js'));
    writeFileSync(probe, `process.on('exit', () => process.stderr.write('compiler loaded: ' + Object.keys(require.cache).some((file) => file.endsWith(${compiler})) + '\\n'));\n`);
    const run = () => runCli([root, '--no-config', '--cache-location', folder], { env: { NODE_OPTIONS: `--require "${probe}"` } });
    const [cold, warm] = [run(), run()];
    expect([cold.status, warm.status]).toEqual([1, 1]);
    expect(cold.stderr).toBe('compiler loaded: true\n');
    expect(warm.stderr).toBe('compiler loaded: false\n');
    expect(warm.stdout).toContain('(3 of 3 from the cache)');
    expect(warm.stdout.replace(/ in [\d.]+s \(3 of 3 from the cache\)/, '')).toBe(cold.stdout.replace(/ in [\d.]+s \(0 of 3 from the cache\)/, ''));
  });
});

describe('--cache: the stat kept with each hash', () => {
  const settings = (root: string): AnalysisSettings => ({ cwd: root, roots: [root], ruleIds: ['session-memory-store'], maxFileSize: 1 << 20, verbose: false, trackDependencies: true, projectRoot: root });
  const outcome = (directories: string[] = []): FileOutcome => ({ scanned: true, skipped: [], findings: [], suppressions: [], facts: [], dependencies: { files: [], directories } });
  // A run a minute from now: every file of the test was last changed long enough before it.
  const later = () => Date.now() + 60_000;
  /**
   * One run over `files`: each is looked up, and stored when it misses, as having listed `folder`
   * (to resolve an import). Returns the misses and the files read.
   */
  const run = (root: string, cache: string, files: string[], clock?: () => number, folder?: string) => {
    const results = ResultCache.open(cache, settings(root), () => {}, clock);
    const misses = files.filter((file) => !results.lookup(path.join(root, file)));
    for (const file of misses) results.store(path.join(root, file), outcome(folder ? [path.join(root, folder)] : []));
    results.save(() => {});
    lastFoldersListed = results.foldersListed;
    return { misses, filesRead: results.filesRead };
  };
  let lastFoldersListed = 0;

  it('answers a file whose stat is unchanged without reading it', () => {
    const root = project(SESSION_APP);
    const cache = path.join(project({}), 'results.cache');
    const files = ['app.js', 'routes.js'];
    expect(run(root, cache, files, later)).toEqual({ misses: files, filesRead: 2 });
    expect(run(root, cache, files, later)).toEqual({ misses: [], filesRead: 0 });
  });

  it('reads a file again when its change time moved, even with the same size and modification time', () => {
    const root = project(SESSION_APP);
    const cache = path.join(project({}), 'results.cache');
    const file = path.join(root, 'routes.js');
    const anHourAgo = Math.floor(Date.now() / 1000) - 3600;
    utimesSync(file, anHourAgo, anHourAgo);
    run(root, cache, ['routes.js'], later);
    const { size, mtimeMs } = statSync(file);
    writeFileSync(file, readFileSync(file, 'utf8').replace('Router()', 'Router(1)').replace('express = ', 'express ='));
    utimesSync(file, anHourAgo, anHourAgo);
    expect([statSync(file).size, statSync(file).mtimeMs]).toEqual([size, mtimeMs]);
    expect(run(root, cache, ['routes.js'], later)).toEqual({ misses: ['routes.js'], filesRead: 1 });
  });

  it('does not trust the stat of a file changed in the last seconds, which may change again within one tick of the clock', () => {
    const root = project(SESSION_APP);
    const cache = path.join(project({}), 'results.cache');
    run(root, cache, ['app.js']);
    expect(run(root, cache, ['app.js'])).toEqual({ misses: [], filesRead: 1 });
    // Once settled, the stat is kept, and the next run reads nothing.
    expect(run(root, cache, ['app.js'], later)).toEqual({ misses: [], filesRead: 1 });
    expect(run(root, cache, ['app.js'], later)).toEqual({ misses: [], filesRead: 0 });
  });

  it('answers from a folder listed before while its stat is unchanged, and lists it again once a file is added', () => {
    const root = project(SESSION_APP);
    const cache = path.join(project({}), 'results.cache');
    const anHourAgo = Math.floor(Date.now() / 1000) - 3600;
    run(root, cache, ['app.js'], later, 'config');
    expect(lastFoldersListed).toBe(1);
    expect(run(root, cache, ['app.js'], later)).toEqual({ misses: [], filesRead: 0 });
    expect(lastFoldersListed).toBe(0);
    // './config' would now resolve to config.js: the folder's listing, and the stat, changed.
    writeFileSync(path.join(root, 'config', 'extra.js'), 'module.exports = {};\n');
    utimesSync(path.join(root, 'config'), anHourAgo, anHourAgo);
    expect(run(root, cache, ['app.js'], later, 'config')).toEqual({ misses: ['app.js'], filesRead: 0 });
    expect(lastFoldersListed).toBe(1);
  });
  it('keeps a folder that is not there as such, and lists it again once it is', () => {
    const root = project(SESSION_APP);
    const cache = path.join(project({}), 'results.cache');
    // Nothing to list: the path is not a folder.
    run(root, cache, ['app.js'], later, 'lib');
    expect(lastFoldersListed).toBe(0);
    expect(run(root, cache, ['app.js'], later)).toEqual({ misses: [], filesRead: 0 });
    expect(lastFoldersListed).toBe(0);
    // './lib' would now resolve to lib/index.js.
    mkdirSync(path.join(root, 'lib'));
    writeFileSync(path.join(root, 'lib', 'index.js'), 'module.exports = {};\n');
    expect(run(root, cache, ['app.js'], later, 'lib')).toEqual({ misses: ['app.js'], filesRead: 0 });
    expect(lastFoldersListed).toBe(1);
  });
});

describe('--cache: facts that do not decode', () => {
  const expectedWarning = (cache: string) =>
    `the cache ${cache} is damaged (its files' facts do not decode); findings that join several files may be missing from this run, and the cache will be replaced`;

  // Whether the run reads the damaged facts itself, or only the save does (a run that reuses the
  // last end-of-run findings never reads them).
  it.each([['read by the run', true], ['first read by the save', false]])(
    'are read as none, with a warning, and only outcomes made since are written back: %s',
    (_, readByRun) => {
      const root = project(SESSION_APP);
      const cache = path.join(project({}), 'results.cache');
      const [app, routes] = ['app.js', 'routes.js'].map((name) => path.join(root, name)) as [string, string];
      const settings: AnalysisSettings = { cwd: root, roots: [root], ruleIds: ['session-memory-store'], maxFileSize: 1 << 20, verbose: false, trackDependencies: true, projectRoot: root };
      const later = () => Date.now() + 60_000;
      const withFacts: FileOutcome = { scanned: true, skipped: [], findings: [], suppressions: [], facts: [['key', 1]], dependencies: { files: [], directories: [] } };
      const first = ResultCache.open(cache, settings, () => {}, later);
      for (const file of [app, routes]) first.store(file, withFacts);
      first.save(() => {});
      // The facts damaged, the checksum made to match: as only a bug in scale-audit could.
      const written = readFileSync(cache);
      const newline = written.indexOf(10);
      const header = JSON.parse(written.subarray(0, newline).toString('utf8')) as { body: string };
      const body = v8.serialize({ ...(v8.deserialize(written.subarray(newline + 1)) as object), facts: new Uint8Array([1, 2, 3]) });
      writeFileSync(cache, Buffer.concat([Buffer.from(`${JSON.stringify({ ...header, body: createHash('sha1').update(body).digest('base64') })}\n`), body]));
      writeFileSync(routes, `${readFileSync(routes, 'utf8')}// changed\n`);

      const warnings: string[] = [];
      const second = ResultCache.open(cache, settings, (message) => warnings.push(message), later);
      const cached = second.lookup(app)!;
      expect(second.lookup(routes)).toBeUndefined();
      second.store(routes, withFacts);
      expect(warnings).toEqual([]);
      if (readByRun) expect(readFacts(cached.facts)).toEqual([]);
      second.save(() => {});
      expect(warnings).toEqual([expectedWarning(cache)]);
      const third = ResultCache.open(cache, settings, () => {}, later);
      expect([third.lookup(app), readFacts(third.lookup(routes)!.facts)]).toEqual([undefined, [['key', 1]]]);
    },
  );
});

describe('--cache: stats taken ahead on a thread of their own', () => {
  it('are the stats the main thread would take: a file, and none for a missing path or a folder', async () => {
    const root = project(SESSION_APP);
    const paths = [path.join(root, 'app.js'), path.join(root, 'gone.js'), root];
    const stats = await statFilesInThread(paths);
    expect(stats && [...stats]).toEqual(paths.map((file) => [file, statOf(file, 'file')]));
    expect(stats?.get(paths[0]!)?.[0]).toBe(statSync(paths[0]!).size);
  });

  it('are the ones a lookup compares, in place of its own', () => {
    const root = project(SESSION_APP);
    const cache = path.join(project({}), 'results.cache');
    const file = path.join(root, 'app.js');
    const settings: AnalysisSettings = { cwd: root, roots: [root], ruleIds: ['session-memory-store'], maxFileSize: 1 << 20, verbose: false, trackDependencies: true, projectRoot: root };
    const later = () => Date.now() + 60_000;
    const first = ResultCache.open(cache, settings, () => {}, later);
    first.store(file, { scanned: true, skipped: [], findings: [], suppressions: [], facts: [], dependencies: { files: [], directories: [] } });
    first.save(() => {});
    const lookUp = (stat: ReturnType<typeof statOf>) => {
      const results = ResultCache.open(cache, settings, () => {}, later);
      results.useStats(new Map([[file, stat]]));
      return [Boolean(results.lookup(file)), results.filesRead];
    };
    const stat = statOf(file, 'file')!;
    expect(lookUp(stat)).toEqual([true, 0]);
    // A stat taken ahead that differs: the file is read and hashed, and its text is unchanged.
    expect(lookUp([stat[0], stat[1] + 1, stat[2], stat[3]])).toEqual([true, 1]);
  });
});

describe("the compiler's cached code", () => {
  const scan = ['fixtures/demo-app', '--format', 'json', '--fail-on', 'none'];
  const cachedCode = (home: string): string[] => readdirSync(path.join(home, 'scale-audit')).filter((name) => /^compiler-\w+\.v8$/.test(name));

  it('is written by the first run, read unchanged by the next, and changes nothing found', () => {
    const untouched = makeTempDir();
    const plain = runCli(scan, { env: { XDG_CACHE_HOME: untouched, SCALE_AUDIT_NO_COMPILE_CACHE: '1' } });
    expect(existsSync(path.join(untouched, 'scale-audit'))).toBe(false);

    const home = makeTempDir();
    const first = runCli(scan, { env: { XDG_CACHE_HOME: home } });
    expect(cachedCode(home)).toHaveLength(1);
    const file = path.join(home, 'scale-audit', cachedCode(home)[0]!);
    const written = statSync(file).mtimeMs;
    const second = runCli(scan, { env: { XDG_CACHE_HOME: home } });
    expect(statSync(file).mtimeMs).toBe(written);

    expect(JSON.parse(plain.stdout).findings.length).toBeGreaterThan(5);
    for (const run of [first, second]) expect([run.status, run.stdout, run.stderr]).toEqual([plain.status, plain.stdout, plain.stderr]);
  });

  it('never uses code that is damaged or that others can write, and replaces it', () => {
    const home = makeTempDir();
    const expected = runCli(scan, { env: { XDG_CACHE_HOME: home } });
    const file = path.join(home, 'scale-audit', cachedCode(home)[0]!);
    const valid = readFileSync(file);
    // One byte of the code flipped: V8 would run it as it is, so the checksum has to catch it.
    const damaged = Buffer.from(valid);
    damaged[Math.floor(damaged.length / 2)]! ^= 0xff;
    for (const [content, mode] of [[damaged, 0o600], [Buffer.alloc(4096, 7), 0o600], [valid, 0o666]] as const) {
      writeFileSync(file, content);
      chmodSync(file, mode);
      const run = runCli(scan, { env: { XDG_CACHE_HOME: home } });
      expect([run.status, run.stdout, run.stderr]).toEqual([expected.status, expected.stdout, expected.stderr]);
      // Rewritten: the file is private again, and the next run leaves it as it is.
      expect(statSync(file).mode & 0o777).toBe(0o600);
      if (content !== valid) expect(readFileSync(file).equals(content)).toBe(false);
      const rewritten = statSync(file).mtimeMs;
      runCli(scan, { env: { XDG_CACHE_HOME: home } });
      expect(statSync(file).mtimeMs).toBe(rewritten);
    }
  });

  it('keeps a file for the CLI, which sets V8 flags as it starts, and one for an API caller, which does not', () => {
    const home = makeTempDir();
    const env = { ...process.env, XDG_CACHE_HOME: home };
    // V8 refuses code cached under other flags: sharing one file, each would rewrite the other's.
    // The caller is a script file, so Node's own arguments are the CLI's (none): only the flags
    // the CLI sets as it starts tell the two apart.
    const caller = path.join(makeTempDir(), 'call-api.mjs');
    const index = pathToFileURL(path.join(repoRoot, 'dist', 'src', 'index.js')).href;
    writeFileSync(caller, `const { audit } = await import(${JSON.stringify(index)});\nconsole.log((await audit({ paths: ['fixtures/demo-app'] })).findings.length);\n`);
    const api = (): string => execFileSync(process.execPath, [caller], { cwd: repoRoot, env, encoding: 'utf8', timeout: 60_000 });
    runCli(scan, { env: { XDG_CACHE_HOME: home } });
    const [cli] = cachedCode(home);
    expect(Number(api())).toBeGreaterThan(5);
    expect(cachedCode(home)).toHaveLength(2);
    const files = cachedCode(home).map((name) => path.join(home, 'scale-audit', name));
    const written = files.map((file) => statSync(file).mtimeMs);
    runCli(scan, { env: { XDG_CACHE_HOME: home } });
    api();
    expect(cachedCode(home)).toContain(cli);
    expect(files.map((file) => statSync(file).mtimeMs)).toEqual(written);
  });

  it('keeps the code of other Node versions and flags, and removes it once unused for 30 days', () => {
    const home = makeTempDir();
    const folder = path.join(home, 'scale-audit');
    mkdirSync(folder, { recursive: true });
    const recent = path.join(folder, 'compiler-1111111111111111.v8');
    const old = path.join(folder, 'compiler-2222222222222222.v8');
    writeFileSync(recent, 'x');
    writeFileSync(old, 'x');
    const longAgo = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000);
    utimesSync(old, longAgo, longAgo);
    runCli(scan, { env: { XDG_CACHE_HOME: home } });
    expect(cachedCode(home).sort()).toEqual(expect.arrayContaining([path.basename(recent)]));
    expect(existsSync(old)).toBe(false);
    expect(cachedCode(home)).toHaveLength(2);
  });
});
