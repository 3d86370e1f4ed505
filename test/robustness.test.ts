// Inputs that once stopped a scan: re-export cycles, very deep nesting. The scan goes on and
// reports every other file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSourceFile } from '../src/engine/read-source.js';
import { audit } from '../src/audit.js';
import { project, removeProjects } from './helpers/project.js';

afterAll(removeProjects);

const HAZARD = "const session = require('express-session');\napp.use(session({ secret: process.env.S }));\n";

describe('robustness', () => {
  it('ends re-export cycles instead of overflowing the stack', async () => {
    const root = project({
      'a.js': "export * from './b.js';\nexport { x } from './b.js';\n",
      'b.js': "export * from './a.js';\nexport { x } from './a.js';\n",
      'app.js': "import { handler, x } from './a.js';\nimport session from 'express-session';\napp.post('/upload', handler);\napp.use(session(x));\n",
      'hazard.js': HAZARD,
    });
    const result = await audit({ paths: [root], cwd: root });
    expect(result.skipped).toEqual([]);
    expect(result.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([['session-memory-store', 'hazard.js', 2]]);
  });

  it('skips a file nested too deeply to analyse, with that reason, and scans the rest', async () => {
    const root = project({
      'nested.js': `const x = ${'('.repeat(6000)}1${')'.repeat(6000)};\n`,
      'hazard.js': HAZARD,
    });
    const result = await audit({ paths: [root], cwd: root });
    expect(result.skipped).toEqual([{ file: 'nested.js', reason: 'nested too deeply to analyse (brackets more than 256 levels deep)' }]);
    expect(result.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([['session-memory-store', 'hazard.js', 2]]);
  });

  it('skips a syntax tree deeper than 1,000 levels the same way on every thread, and scans a shallower one', async () => {
    const sum = (terms: number): string => `export const total = ${Array(terms).fill('a').join(' + ')};\n`;
    const elseIfs = Array.from({ length: 1500 }, (_, i) => `${i ? 'else ' : ''}if (v === ${i}) return ${i};\n`).join('');
    const files: Record<string, string> = {
      'z/shallow.js': HAZARD + sum(900),
      'z/branches.js': `function pick(v) {\n${elseIfs}}\n`,
      // Its session options come from a file too deep to follow: they are unknown, not judged.
      'z/app.js': "import session from 'express-session';\nimport { options } from './options.js';\napp.use(session(options));\n",
      'z/options.js': `export const options = { secret: 's' };\n${sum(2500)}`,
    };
    // 36 files: with four threads, batches of four, the copies start the first batch of a
    // different thread each (where the stack ran out used to depend on the thread).
    for (let index = 0; index < 32; index += 1) {
      files[`f${String(index).padStart(2, '0')}.js`] = index % 8 === 0 ? sum(2500) : 'export const none = 0;\n';
    }
    const root = project(files);
    const reason = 'nested too deeply to analyse (syntax tree more than 1,000 levels deep)';
    const tooDeep = ['f00.js', 'f08.js', 'f16.js', 'f24.js', 'z/branches.js', 'z/options.js'];
    for (const jobs of [1, 4]) {
      const result = await audit({ paths: [root], cwd: root, jobs, filesPerThread: 1 });
      expect(result.skipped).toEqual(tooDeep.map((file) => ({ file, reason })));
      expect(result.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([['session-memory-store', 'z/shallow.js', 2]]);
    }
  });

  it('does not follow a package re-export as if it were a file of the scan', async () => {
    const root = project({
      'src/index.js': "export { sessionOptions } from 'config';\n",
      'src/config.js': "export const sessionOptions = { secret: 's' };\n",
      'src/app.js': "import session from 'express-session';\nimport { sessionOptions } from './index.js';\napp.use(session(sessionOptions));\n",
    });
    expect((await audit({ paths: [root], cwd: root })).findings).toEqual([]);
  });
});

describe('values followed across files', () => {
  it('sees a store set after the options are destructured, or set on a nested object', async () => {
    const root = project({
      'config/all.js': "module.exports = { session: { secret: 's' } };\n",
      'app.js': [
        "const { RedisStore } = require('connect-redis');",
        "const session = require('express-session');",
        "const { session: sessionOptions } = require('./config/all');",
        'sessionOptions.store = new RedisStore({});',
        'app.use(session(sessionOptions));',
        "const local = { session: { secret: 's' } };",
        'local.session.store = new RedisStore({});',
        'app.use(session(local.session));',
      ].join('\n'),
    });
    expect((await audit({ paths: [root], cwd: root })).findings).toEqual([]);
  });

  it('follows a store module and a controller object filled after its declaration', async () => {
    const root = project({
      'store.js': "const session = require('express-session');\nmodule.exports = new (require('memorystore')(session))({ checkPeriod: 1 });\n",
      'app.js': "const session = require('express-session');\nconst store = require('./store');\napp.use(session({ secret: 's', store }));\n",
      'controllers/upload.js':
        "const fs = require('fs');\nconst controller = {};\ncontroller.upload = (req, res) => fs.writeFileSync('/srv/uploads/' + req.body.name, req.body.data);\nmodule.exports = controller;\n",
      'routes.js': "const router = require('express').Router();\nconst controller = require('./controllers/upload');\nrouter.post('/upload', controller.upload);\n",
    });
    expect((await audit({ paths: [root], cwd: root })).findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      ['session-memory-store', 'app.js', 3],
      ['local-upload-storage', 'controllers/upload.js', 3],
    ]);
  });
});

describe('request context across files and calls', () => {
  it('follows a route to a controller in another file, and one step further', async () => {
    const root = project({
      'routes/files.js': "const router = require('express').Router();\nconst controller = require('../controllers/files');\nrouter.post('/files', controller.upload);\n",
      'controllers/files.js': [
        "const fs = require('fs');",
        "const storage = require('../services/storage');",
        'function persist(name, data) {',
        "  fs.writeFileSync('/srv/' + name, data);",
        '}',
        'exports.upload = (req, res) => {',
        '  persist(req.body.name, req.body.data);',
        '  storage.save(req.body.name, req.body.data);',
        '};',
      ].join('\n'),
      'services/storage.js': "const fs = require('fs');\nexports.save = (name, data) => {\n  fs.writeFileSync('/srv/b/' + name, data);\n};\n",
    });
    expect((await audit({ paths: [root], cwd: root })).findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      ['local-upload-storage', 'controllers/files.js', 4],
      ['local-upload-storage', 'services/storage.js', 3],
    ]);
  });

  it('joins what every route passes to a helper, and names the route that passes request data', async () => {
    const root = project({
      'app.js': [
        "const fs = require('fs');",
        "const app = require('express')();",
        'function save(name, data) {',
        "  fs.writeFileSync('/data/' + name, data);",
        '}',
        "app.post('/reset', (req, res) => save('default.txt', 'hello'));",
        "app.post('/upload', (req, res) => save(req.body.name, req.body.data));",
      ].join('\n'),
    });
    const [finding] = (await audit({ paths: [root], cwd: root })).findings;
    expect([finding?.line, finding?.message]).toEqual([
      4,
      "`fs.writeFileSync(…)` writes request data to this server's local disk on every `POST /upload` (registered at line 7); other instances cannot read the file, and it is lost when this instance is replaced.",
    ]);
  });

  it('follows this.method() from a NestJS handler', async () => {
    const root = project({
      'files.controller.ts': [
        "import { Controller, Post, UploadedFile } from '@nestjs/common';",
        "import { writeFile } from 'node:fs/promises';",
        "@Controller('files')",
        'export class FilesController {',
        '  @Post()',
        '  async upload(@UploadedFile() file) {',
        '    await this.persist(file);',
        '  }',
        '  private async persist(file) {',
        "    await writeFile('/srv/' + file.originalname, file.buffer);",
        '  }',
        '}',
      ].join('\n'),
    });
    expect((await audit({ paths: [root], cwd: root })).findings.map((f) => [f.file, f.line])).toEqual([['files.controller.ts', 10]]);
  });
});

describe('binary detection: a NUL byte in the first 8 KB of the file', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'scale-audit-read-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const read = (name: string, content: Buffer): ReturnType<typeof readSourceFile> => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return readSourceFile(file, 1024 * 1024);
  };

  it('is binary when the NUL is within the first 8 KB of bytes', () => {
    expect(read('early.js', Buffer.from('const a = 1;\0\u0001'))).toEqual({ ok: false, reason: 'binary file (contains NUL bytes)' });
  });

  it('is text when the NUL comes later, counted in bytes, not characters', () => {
    // 5,000 two-byte characters: the NUL is character 5,000 but byte 10,000.
    const late = read('late.js', Buffer.from(`${'é'.repeat(5000)}\0`));
    expect(late.ok && late.text.length).toBe(5001);
    expect(read('later.js', Buffer.from(`${'a'.repeat(9000)}\0`)).ok).toBe(true);
  });
});

describe('reading a source file', () => {
  it('reads to the end a file whose size the file system reports as 0', () => {
    // Linux's /proc files report a size of 0 and still have content.
    if (process.platform !== 'linux') return;
    const read = readSourceFile('/proc/self/status', 1024 * 1024);
    expect(read.ok && read.text.startsWith('Name:')).toBe(true);
  });

  it('reads an empty file as empty text', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'scale-audit-read-'));
    writeFileSync(path.join(dir, 'empty.js'), '');
    expect(readSourceFile(path.join(dir, 'empty.js'), 1024 * 1024)).toEqual({ ok: true, text: '' });
    rmSync(dir, { recursive: true, force: true });
  });
});
