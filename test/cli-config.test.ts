// The config file, init, print-config and the baseline, through the built CLI in a temp project.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import type { AuditResult } from '../src/types.js';
import { assertBuilt, repoRoot } from './helpers/cli.js';
import { commitAll, project, removeProjects } from './helpers/project.js';

beforeAll(assertBuilt);
afterAll(removeProjects);

const BIN = path.join(repoRoot, 'bin', 'scale-audit.js');
const APP = [
  "const session = require('express-session');",
  "const rateLimit = require('express-rate-limit');",
  "app.use(session({ secret: process.env.S }));",
  'app.use(rateLimit({ max: 5 }));',
].join('\n');

function run(cwd: string, args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: '' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function json(cwd: string, args: string[]): { status: number | null; report: AuditResult } {
  const { status, stdout } = run(cwd, [...args, '--format', 'json']);
  return { status, report: JSON.parse(stdout) as AuditResult };
}

describe('config file', () => {
  it('init writes every rule at its default severity, and refuses to overwrite', () => {
    const root = project({ 'src/app.js': APP });
    expect(run(root, ['init'])).toEqual({ status: 0, stdout: 'Wrote .scale-audit.json.\n', stderr: '' });
    const written = JSON.parse(readFileSync(path.join(root, '.scale-audit.json'), 'utf8'));
    expect(written).toEqual({
      rules: Object.fromEntries(rules.map((rule) => [rule.id, rule.severity])),
      ignore: [],
      includeTests: false,
      failOn: 'error',
      maxFileSize: '1mb',
    });
    const again = run(root, ['init']);
    expect([again.status, again.stderr]).toEqual([2, 'scale-audit: .scale-audit.json already exists; edit it, or delete it to start again\n']);
  });

  it('stops with exit 2 naming the file, the key path, the allowed values and a close spelling', () => {
    const root = project({ 'src/app.js': APP, '.scale-audit.json': '{ "rulez": {} }' });
    expect(run(root, []).stderr).toBe(
      'scale-audit: config .scale-audit.json: "rulez" is not a known key (did you mean "rules"?); allowed: rules, ignore, includeTests, failOn, maxFileSize, baseline, sharedStores\n',
    );
    writeFileSync(path.join(root, '.scale-audit.json'), '{ "rules": { "session-memory-store": "warn" } }');
    const bad = run(root, []);
    expect([bad.status, bad.stderr]).toEqual([
      2,
      'scale-audit: config .scale-audit.json: "rules.session-memory-store" is "warn" (did you mean "warning"?); allowed: off, error, warning, info\n',
    ]);
    writeFileSync(path.join(root, '.scale-audit.json'), '{ "rules": { "session-store": "off" } }');
    expect(run(root, []).stderr).toMatch(/^scale-audit: config \.scale-audit\.json: "rules\.session-store" is not a scale-audit rule/);
  });

  it('applies rule settings and failOn from the file; flags win over it; --no-config ignores it', () => {
    const root = project({
      'src/app.js': APP,
      '.scale-audit.json': JSON.stringify({ rules: { 'in-memory-rate-limit': 'off', 'session-memory-store': 'warning' }, failOn: 'warning' }),
    });
    const configured = json(root, []);
    expect(configured.status).toBe(1);
    expect(configured.report.findings.map((f) => [f.ruleId, f.severity])).toEqual([['session-memory-store', 'warning']]);
    expect(json(root, ['--fail-on', 'error']).status).toBe(0);
    const ignored = json(root, ['--no-config']);
    expect(ignored.report.findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['session-memory-store', 'error'],
      ['in-memory-rate-limit', 'error'],
    ]);
  });

  it('is found from a "scaleAudit" key in package.json, from a sub-folder, and printed by print-config', () => {
    const root = project({
      'src/app.js': APP,
      'package.json': JSON.stringify({ name: 'app', scaleAudit: { rules: { 'sticky-sessions': 'off' }, ignore: ['legacy/**'] } }),
    });
    const printed = JSON.parse(run(path.join(root, 'src'), ['print-config', 'app.js']).stdout);
    expect(printed).toEqual({
      configFile: '../package.json',
      rules: Object.fromEntries(rules.map((rule) => [rule.id, rule.id === 'sticky-sessions' ? 'off' : rule.severity])),
      ignore: ['legacy/**'],
      includeTests: false,
      failOn: 'error',
      maxFileSize: '1mb',
      baseline: null,
      sharedStores: [],
    });
  });
});

describe('baseline', () => {
  it('accepts today\'s findings, survives lines added above them, and fails only on a new one', () => {
    const root = project({ 'src/app.js': APP });
    expect(run(root, ['baseline'])).toEqual({ status: 0, stdout: 'Wrote 2 entries to .scale-audit-baseline.json.\n', stderr: '' });
    const baseline = JSON.parse(readFileSync(path.join(root, '.scale-audit-baseline.json'), 'utf8'));
    expect(baseline.entries.map((entry: { ruleId: string; file: string; line: number }) => [entry.ruleId, entry.file, entry.line])).toEqual([
      ['in-memory-rate-limit', 'src/app.js', 4],
      ['session-memory-store', 'src/app.js', 3],
    ]);

    writeFileSync(path.join(root, 'src/app.js'), `// a comment\n\n${APP}\n`);
    const unchanged = json(root, ['--baseline', '.scale-audit-baseline.json']);
    expect([unchanged.status, unchanged.report.findings, unchanged.report.suppressed.length]).toEqual([0, [], 2]);
    expect(unchanged.report.suppressed.map((f) => f.suppression)).toEqual([{ kind: 'external' }, { kind: 'external' }]);

    writeFileSync(path.join(root, 'src/new.js'), "const session = require('express-session');\napp.use(session({ secret: 'x' }));\n");
    const added = json(root, ['--baseline', '.scale-audit-baseline.json']);
    expect([added.status, added.report.findings.map((f) => [f.file, f.line])]).toEqual([1, [['src/new.js', 2]]]);
  });

  it('lists entries that are fixed, and is read from the config file', () => {
    const root = project({ 'src/app.js': APP, '.scale-audit.json': '{ "baseline": ".scale-audit-baseline.json" }' });
    run(root, ['baseline']);
    writeFileSync(path.join(root, 'src/app.js'), APP.replace("app.use(rateLimit({ max: 5 }));", ''));
    const { status, report } = json(root, []);
    expect(status).toBe(0);
    expect(report.baseline?.fixed.map((entry) => [entry.ruleId, entry.file])).toEqual([['in-memory-rate-limit', 'src/app.js']]);
    expect(run(root, []).stdout).toContain('1 baseline entry no longer found (fixed): run `scale-audit baseline` to shrink .scale-audit-baseline.json.');
  });

  it('stops with exit 2 on a baseline that is missing or is not one', () => {
    const root = project({ 'src/app.js': APP, 'other.json': '{ "entries": 3 }' });
    expect(run(root, ['--baseline', 'nope.json']).stderr).toBe('scale-audit: cannot read the baseline nope.json: no such file\n');
    const wrong = run(root, ['--baseline', 'other.json']);
    expect([wrong.status, wrong.stderr]).toEqual([
      2,
      'scale-audit: other.json is not a scale-audit baseline (expected { "version": 1, "entries": [{ ruleId, file, fingerprint, … }] })\n',
    ]);
  });
});

describe('several formats in one run', () => {
  it('pairs each --output with the --format before it', async () => {
    const { pairFormatsWithOutputs } = await import('../src/cli.js');
    expect(pairFormatsWithOutputs(['src', '--format', 'sarif', '--output', 'a.sarif', '--format', 'pretty'])).toEqual([
      { format: 'sarif', output: 'a.sarif' },
      { format: 'pretty', output: undefined },
    ]);
    expect(pairFormatsWithOutputs(['--output', 'r.json', '--format=json'])).toEqual([{ format: 'json', output: 'r.json' }]);
    expect(pairFormatsWithOutputs(['src'])).toEqual([{ format: 'pretty', output: undefined }]);
    expect(() => pairFormatsWithOutputs(['--format', 'json', '--format', 'sarif'])).toThrow('only one --format can print to standard output');
    expect(() => pairFormatsWithOutputs(['--format', 'sarf'])).toThrow(`argument 'sarf' is invalid (did you mean "sarif"?)`);
  });

  it('writes SARIF and prints pretty from one scan', () => {
    const root = project({ 'src/app.js': APP });
    const run1 = run(root, ['--format', 'sarif', '--output', 'scan.sarif', '--format', 'pretty', '-q']);
    expect(run1.status).toBe(1);
    expect(run1.stdout).toContain('src/app.js:3:9  error  session-memory-store');
    const sarif = JSON.parse(readFileSync(path.join(root, 'scan.sarif'), 'utf8'));
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['session-memory-store', 'in-memory-rate-limit']);
  });
});

describe('splitting and narrowing a scan', () => {
  it('gives every file to exactly one shard, and merge reports what one run reports', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i += 1) files[`src/app${i}.js`] = APP;
    const root = project(files);
    const single = json(root, []).report;
    const shards = [1, 2, 3].map((index) => {
      const out = `shard${index}.json`;
      run(root, ['--shard', `${index}/3`, '--format', 'json', '--output', out]);
      return out;
    });
    const scanned = shards.map((file) => (JSON.parse(readFileSync(path.join(root, file), 'utf8')) as AuditResult).scanned);
    expect(scanned.reduce((a, b) => a + b, 0)).toBe(12);
    const merged = run(root, ['merge', ...shards, '--format', 'json']);
    expect(merged.status).toBe(1);
    const report = JSON.parse(merged.stdout) as AuditResult;
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.fingerprint])).toEqual(single.findings.map((f) => [f.ruleId, f.file, f.line, f.fingerprint]));
    expect(report.summary).toEqual(single.summary);
    expect(run(root, ['--shard', '4/3']).stderr).toBe('scale-audit: invalid --shard "4/3": expected i/n with 1 <= i <= n, e.g. 2/4\n');
  });

  it('scans only the files changed since a git ref, and says why it cannot outside a repository', () => {
    const root = project({ 'src/app.js': APP });
    const outside = run(root, ['--changed-since', 'HEAD']);
    expect([outside.status, outside.stderr]).toEqual([2, `scale-audit: --changed-since compares with a git ref, but ${root} is not inside a git repository\n`]);
    commitAll(root);
    writeFileSync(path.join(root, 'src/new.js'), "const session = require('express-session');\napp.use(session({ secret: 'x' }));\n");
    const changed = json(root, ['--changed-since', 'HEAD']);
    expect([changed.report.scanned, changed.report.findings.map((f) => f.file)]).toEqual([1, ['src/new.js']]);
    expect(run(root, ['--changed-since', 'no-such-ref']).stderr).toBe('scale-audit: --changed-since: "no-such-ref" is not a commit, branch or tag in this repository\n');
  });
});

describe('suppressions and the baseline through the CLI', () => {
  it('handles each suppression form, with and without a reason, and unused ones in CI', () => {
    const root = project({
      'src/app.js': [
        "const session = require('express-session');",
        "const rateLimit = require('express-rate-limit');",
        '// scale-audit-ignore-next-line session-memory-store -- one instance only',
        "app.use(session({ secret: 'a' }));",
        "app.use(rateLimit({ max: 5 })); // scale-audit-ignore-line in-memory-rate-limit",
        '// scale-audit-ignore-next-line sticky-sessions -- nothing here',
        'const unrelated = 1;',
      ].join('\n'),
      'deploy/nginx.conf': '# scale-audit-ignore-file sticky-sessions -- websockets until the adapter lands\nupstream a {\n  ip_hash;\n}\n',
    });
    const { status, report } = json(root, []);
    expect(status).toBe(0);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([['invalid-suppression', 'src/app.js', 5]]);
    expect(report.suppressed.map((f) => [f.ruleId, f.file, f.line, f.suppression.justification ?? null])).toEqual([
      ['sticky-sessions', 'deploy/nginx.conf', 3, 'websockets until the adapter lands'],
      ['session-memory-store', 'src/app.js', 4, 'one instance only'],
      ['in-memory-rate-limit', 'src/app.js', 5, null],
    ]);
    const inCi = spawnSync(process.execPath, [BIN, '--format', 'json'], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    const ciReport = JSON.parse(inCi.stdout) as AuditResult;
    expect(ciReport.findings.map((f) => [f.ruleId, f.line])).toEqual([
      ['invalid-suppression', 5],
      ['invalid-suppression', 6],
    ]);
    expect(run(root, ['--show-suppressed']).stdout).toContain('  src/app.js:4:9  session-memory-store  (one instance only)');
  });

  it('keeps accepted findings accepted when code moves within the file', () => {
    const root = project({ 'src/app.js': APP });
    run(root, ['baseline']);
    const lines = APP.split('\n');
    writeFileSync(path.join(root, 'src/app.js'), [lines[0], lines[1], lines[3], '', lines[2]].join('\n'));
    const moved = json(root, ['--baseline', '.scale-audit-baseline.json']);
    expect([moved.status, moved.report.findings.length, moved.report.suppressed.length, moved.report.baseline?.fixed]).toEqual([0, 0, 2, []]);
  });
});

describe('review fixes', () => {
  it('gives options after a subcommand to it: baseline --output, merge --fail-on', () => {
    const root = project({ 'src/app.js': APP.replace("app.use(rateLimit({ max: 5 }));", '') });
    expect(run(root, ['baseline', '--output', 'custom.json', 'src']).stdout).toBe('Wrote 1 entry to custom.json.\n');
    writeFileSync(path.join(root, '.scale-audit.json'), '{ "rules": { "session-memory-store": "warning" } }');
    run(root, ['src', '--format', 'json', '--output', 'warn.json']);
    expect(run(root, ['merge', 'warn.json', '--fail-on', 'warning', '-q']).status).toBe(1);
    expect(run(root, ['merge', 'warn.json', '-q']).status).toBe(0);
  });

  it('matches a baseline written from a sub-folder when the scan runs from the project root', () => {
    const root = project({ 'src/app.js': APP, '.scale-audit.json': '{ "baseline": ".scale-audit-baseline.json" }' });
    run(path.join(root, 'src'), ['baseline', '.']);
    const entries = JSON.parse(readFileSync(path.join(root, '.scale-audit-baseline.json'), 'utf8')).entries;
    expect(entries.map((entry: { file: string }) => entry.file)).toEqual(['src/app.js', 'src/app.js']);
    const fromRoot = json(root, ['.']);
    expect([fromRoot.status, fromRoot.report.findings.length, fromRoot.report.suppressed.length]).toEqual([0, 0, 2]);
  });

  it('lets --rule run a rule the config turns off, and lowers every finding of a rule set to info', () => {
    const root = project({
      'src/app.js': [
        "const session = require('express-session');",
        "app.use(session({ secret: 's', store: process.env.PROD ? new (require('connect-redis').RedisStore)() : undefined }));",
        "app.use(session({ secret: 's' }));",
      ].join('\n'),
      '.scale-audit.json': '{ "rules": { "session-memory-store": "off" } }',
    });
    expect(json(root, ['--rule', 'session-memory-store']).report.findings.length).toBe(2);
    writeFileSync(path.join(root, '.scale-audit.json'), '\uFEFF{ "rules": { "session-memory-store": "info" } }');
    const lowered = json(root, ['--fail-on', 'warning']);
    expect([lowered.status, lowered.report.findings.map((f) => f.severity)]).toEqual([0, ['info', 'info']]);
  });

  it('keeps a helper file\'s suppression when --changed-since walks only the route that calls it', () => {
    const root = project({
      'lib/storage.js': "const fs = require('fs');\nexports.save = (name, data) => {\n  // scale-audit-ignore-next-line local-upload-storage -- a shared NFS mount\n  fs.writeFileSync('/mnt/shared/' + name, data);\n};\n",
      'routes/upload.js': "const router = require('express').Router();\nconst { save } = require('../lib/storage');\nrouter.post('/u', (req, res) => save(req.body.name, req.body.data));\n",
    });
    commitAll(root);
    writeFileSync(path.join(root, 'routes/upload.js'), `${readFileSync(path.join(root, 'routes/upload.js'), 'utf8')}// touched\n`);
    const changed = json(root, ['--changed-since', 'HEAD']);
    expect([changed.status, changed.report.findings, changed.report.suppressed.map((f) => f.file)]).toEqual([0, [], ['lib/storage.js']]);
  });
});
