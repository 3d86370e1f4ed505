// Fingerprints name a finding across edits that do not touch it, so a baseline survives them.
import { afterAll, describe, expect, it } from 'vitest';
import { audit } from '../src/audit.js';
import { project, removeProjects } from './helpers/project.js';

afterAll(removeProjects);

const APP = [
  "const session = require('express-session');",
  "const rateLimit = require('express-rate-limit');",
  'function setup(app) {',
  "  app.use(session({ secret: process.env.S }));",
  '  app.use(rateLimit({ max: 5 }));',
  '  app.use(rateLimit({ max: 5 }));',
  '}',
  'module.exports = setup;',
].join('\n');

const fingerprints = async (text: string) => {
  const root = project({ 'app.js': text });
  return (await audit({ paths: [root], cwd: root })).findings.map((f) => [f.ruleId, f.line, f.fingerprint]);
};

describe('fingerprints', () => {
  it('stay the same when lines are added above and the code moves down', async () => {
    const before = await fingerprints(APP);
    const after = await fingerprints(`// a new comment\n\nconst unrelated = 1;\n${APP}`);
    expect(after.map(([ruleId, , fingerprint]) => [ruleId, fingerprint])).toEqual(before.map(([ruleId, , fingerprint]) => [ruleId, fingerprint]));
    expect(after.map(([, line]) => line)).toEqual(before.map(([, line]) => (line as number) + 3));
  });

  it('number identical constructs in the same file', async () => {
    const [, first, second] = await fingerprints(APP);
    expect(first![0]).toBe('in-memory-rate-limit');
    expect(String(first![2]).replace(/:\d+$/, '')).toBe(String(second![2]).replace(/:\d+$/, ''));
    expect([String(first![2]).endsWith(':1'), String(second![2]).endsWith(':2')]).toEqual([true, true]);
  });

  it('change when the flagged construct changes', async () => {
    const [session] = await fingerprints(APP);
    const [edited] = await fingerprints(APP.replace('secret: process.env.S', "secret: process.env.S, name: 'sid'"));
    expect(edited![2]).not.toBe(session![2]);
  });
});
