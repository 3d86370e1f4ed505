// Cross-file resolution parses each imported file once per run, however many files import it.
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { audit } from '../src/audit.js';
import { Workspace } from '../src/engine/workspace.js';

const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'scale-audit-workspace-')));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const importer = (name: string) =>
  `const session = require('express-session');\nconst options = require('./session-options');\nmodule.exports = session(options); // ${name}\n`;
writeFileSync(path.join(root, 'a.js'), importer('a'));
writeFileSync(path.join(root, 'b.js'), importer('b'));
writeFileSync(path.join(root, 'session-options.js'), "module.exports = { secret: process.env.SECRET, resave: false };\n");

describe('Workspace', () => {
  it('parses a file imported by two others once, and reuses it when the scan reaches it', async () => {
    const workspace = new Workspace([root], 1024 * 1024);
    for (const name of ['a.js', 'b.js']) {
      const context = workspace.open(path.join(root, name), importer(name));
      expect(context.loadRelative('./session-options')?.getExportedExpression('default')).toBeDefined();
    }
    const options = workspace.open(path.join(root, 'session-options.js'), '');
    expect(options.getExportedExpression('default')).toBeDefined();
    expect(workspace.parses).toBe(3);
  });

  it('does not follow a relative import out of the scanned roots', async () => {
    const workspace = new Workspace([path.join(root, 'nowhere')], 1024 * 1024);
    const context = workspace.open(path.join(root, 'a.js'), importer('a'));
    expect(context.loadRelative('./session-options')).toBeUndefined();
  });

  it('finds the hazard through options imported from another file, in each importer', async () => {
    const result = await audit({ paths: [root], cwd: root });
    expect(result.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      ['session-memory-store', 'a.js', 3],
      ['session-memory-store', 'b.js', 3],
    ]);
  });
});

describe('parse once', () => {
  it('reuses a file walked before the file that imports it', async () => {
    const workspace = new Workspace([root], 1024 * 1024);
    const options = workspace.open(path.join(root, 'session-options.js'), "module.exports = { secret: 's' };\n");
    workspace.retain(options, 40);
    const app = workspace.open(path.join(root, 'a.js'), importer('a'));
    expect(app.loadRelative('./session-options')).toBe(options);
    expect(workspace.parses).toBe(2);
  });
});

