// The built CLI, spawned as a user would run it: exit codes, stdout, stderr, files written.
import { chmodSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import type { AuditResult, Finding } from '../src/types.js';
import { readAnnotations } from './annotations.js';
import { assertBuilt, makeTempDir, removeTempDirs, repoRoot, runCli, snapshotTree, writeTree } from './helpers/cli.js';

const DEMO = 'fixtures/demo-app';
const DEMO_SOURCES = /\.(js|cjs|mjs|jsx|ts|cts|mts|tsx|conf|ya?ml)$/;
const FINDING_FIELDS = ['column', 'endColumn', 'endLine', 'file', 'fingerprint', 'fix', 'line', 'message', 'ruleId', 'severity', 'source'];
const HAZARD = "const session = require('express-session'); app.use(session({ secret: 's' }));\n";
const HAZARD_COLUMN = HAZARD.indexOf('session({') + 1;
const ANSI = /\u001b\[/;
const STATS_LINE = /^(\d+) files? scanned, (\d+) skipped: (\d+) errors?, (\d+) warnings?, (\d+) info in \d+\.\d\ds\.$/m;
const ALL_RULES = rules.map((rule) => rule.id).join(',');

/** `file:line ruleId` for every `expect:` annotation in the demo app, paths as the CLI prints them. */
function demoExpectations(): string[] {
  const folder = path.join(repoRoot, DEMO);
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((relative) => DEMO_SOURCES.test(relative))
    .flatMap((relative) => {
      const display = `${DEMO}/${relative.split(path.sep).join('/')}`;
      return readAnnotations(path.join(folder, relative))
        .filter((annotation) => annotation.kind === 'expect' || annotation.kind === 'todo-ok')
        .map((annotation) => `${display}:${annotation.line} ${annotation.ruleId}`);
    })
    .sort();
}

function demoSourceCount(): number {
  return readdirSync(path.join(repoRoot, DEMO), { recursive: true, encoding: 'utf8' }).filter((f) => DEMO_SOURCES.test(f)).length;
}

function keyOf(finding: Pick<Finding, 'file' | 'line' | 'ruleId'>): string {
  return `${finding.file}:${finding.line} ${finding.ruleId}`;
}

function parseReport(stdout: string): AuditResult {
  return JSON.parse(stdout) as AuditResult;
}

/** Runs `--format json` and returns the exit code and the parsed report. */
function scanJson(args: readonly string[]): { status: number | null; report: AuditResult; stderr: string } {
  const run = runCli([...args, '--format', 'json']);
  return { status: run.status, report: parseReport(run.stdout), stderr: run.stderr };
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

beforeAll(assertBuilt);
afterAll(removeTempDirs);

describe('scanning the demo app', () => {
  const expectations = demoExpectations();

  it('has the annotated hazards the README promises', () => {
    // Guards the tests below: they compare against these annotations.
    expect(expectations).toEqual([
      'fixtures/demo-app/deploy/nginx.conf:7 sticky-sessions',
      'fixtures/demo-app/src/app.ts:19 session-memory-store',
      'fixtures/demo-app/src/middleware/limits.js:17 in-memory-rate-limit',
      'fixtures/demo-app/src/middleware/limits.js:26 in-memory-rate-limit',
      'fixtures/demo-app/src/routes/auth.ts:17 in-memory-rate-limit',
      'fixtures/demo-app/src/routes/auth.ts:17 module-state-growth',
      'fixtures/demo-app/src/routes/uploads.ts:13 local-upload-storage',
      'fixtures/demo-app/src/routes/uploads.ts:19 module-state-growth',
    ]);
  });

  it('pretty: exits 1, prints every annotated location and the summary', () => {
    const run = runCli([DEMO]);
    const json = scanJson([DEMO]).report;
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).not.toMatch(ANSI);

    const locations = [...run.stdout.matchAll(/^ {2}(\S+):(\d+):(\d+) {2}(error|warning|info) {2}(\S+)$/gm)];
    expect(locations.map(([, file, line, , , ruleId]) => `${file}:${line} ${ruleId}`).sort()).toEqual(expectations);
    // The column printed is the one in the JSON report.
    expect(locations.map(([, file, line, column]) => `${file}:${line}:${column}`)).toEqual(
      json.findings.map((f) => `${f.file}:${f.line}:${f.column}`),
    );
    for (const finding of json.findings) {
      expect(run.stdout).toContain(`  ${finding.message}\n`);
      expect(run.stdout).toContain(`  fix: ${finding.fix}\n`);
    }

    expect(run.stdout).toContain('│ in-memory-rate-limit │ error    │ 3     │');
    expect(run.stdout).toContain('│ local-upload-storage │ error    │ 1     │');
    expect(run.stdout).toContain('│ module-state-growth  │ info     │ 1     │');
    expect(run.stdout).toContain('│ module-state-growth  │ warning  │ 1     │');
    expect(run.stdout).toContain('│ session-memory-store │ error    │ 1     │');
    expect(run.stdout).toContain('│ sticky-sessions      │ warning  │ 1     │');
    const stats = STATS_LINE.exec(run.stdout);
    expect(stats?.slice(1)).toEqual([String(demoSourceCount()), '0', '5', '2', '1']);
    expect(run.stdout.endsWith(`${stats?.[0]}\n`)).toBe(true);
  });

  it('json: the documented shape, sorted findings with exactly the documented fields', () => {
    const { status, report, stderr } = scanJson([DEMO]);
    expect(stderr).toBe('');
    expect(status).toBe(1);
    expect(Object.keys(report)).toEqual(['version', 'tool', 'scanned', 'skipped', 'findings', 'suppressed', 'summary']);
    expect(report.suppressed).toEqual([]);
    expect(report.version).toBe(1);
    expect(report.tool).toEqual({ name: 'scale-audit', version: readPackageVersion() });
    expect(report.scanned).toBe(demoSourceCount());
    expect(report.skipped).toEqual([]);
    expect(report.summary).toEqual({ error: 5, warning: 2, info: 1 });

    const sorted = [...report.findings].sort(
      (a, b) => compareStrings(a.file, b.file) || a.line - b.line || a.column - b.column || compareStrings(a.ruleId, b.ruleId),
    );
    expect(report.findings).toEqual(sorted);

    for (const finding of report.findings) {
      expect(Object.keys(finding).sort()).toEqual(FINDING_FIELDS);
      const allowed = { 'module-state-growth': ['warning', 'info'], 'sticky-sessions': ['warning'] }[finding.ruleId] ?? ['error'];
      expect(allowed).toContain(finding.severity);
      const lines = readFileSync(path.join(repoRoot, finding.file), 'utf8').split(/\r?\n/);
      expect(finding.source).toBe(lines[finding.line - 1]!.trimEnd());
      expect(finding.endLine).toBeGreaterThanOrEqual(finding.line);
      expect(finding.fix).toBe(rules.find((rule) => rule.id === finding.ruleId)!.docs.fix);
    }
    expect(report.findings.map(keyOf).sort()).toEqual(expectations);
  });

  it('json: two runs print byte-identical output', () => {
    const first = runCli([DEMO, '--format', 'json']);
    const second = runCli([DEMO, '--format', 'json']);
    expect(first.status).toBe(1);
    expect(second.stdout).toBe(first.stdout);
    expect(first.stdout).not.toContain('durationMs');
    expect(first.stdout.endsWith('}\n')).toBe(true);
  });
});

describe('exit codes and rule selection', () => {
  it('--fail-on none exits 0 and still reports the findings', () => {
    const { status, report } = scanJson([DEMO, '--fail-on', 'none']);
    expect(status).toBe(0);
    expect(report.findings).toHaveLength(8);

    const pretty = runCli([DEMO, '--fail-on', 'none']);
    expect(pretty.status).toBe(0);
    expect(STATS_LINE.exec(pretty.stdout)?.slice(3)).toEqual(['5', '2', '1']);
  });

  it('--fail-on sets the lowest severity that fails the run', () => {
    const onlyGrowth = [DEMO, '--rule', 'module-state-growth'];
    expect(runCli([...onlyGrowth, '--fail-on', 'error']).status).toBe(0);
    expect(runCli([...onlyGrowth, '--fail-on', 'warning']).status).toBe(1);
    expect(runCli([...onlyGrowth, '--fail-on', 'info']).status).toBe(1);
    const onlyInfo = [DEMO, '--rule', 'module-state-growth', '--ignore', 'src/routes/uploads.ts'];
    expect(runCli([...onlyInfo, '--fail-on', 'warning']).status).toBe(0);
    expect(runCli([...onlyInfo, '--fail-on', 'info']).status).toBe(1);
    expect(runCli([DEMO, '--fail-on', 'error']).status).toBe(1);
  });

  it('--disable of every rule with findings exits 0 with the clean-scan line', () => {
    const run = runCli([DEMO, '--disable', ALL_RULES]);
    // With no config rule on, only the JavaScript and TypeScript files are read.
    const files = readdirSync(path.join(repoRoot, DEMO), { recursive: true, encoding: 'utf8' }).filter((f) => /\.(js|ts)$/.test(f)).length;
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`^No scaling hazards found in ${files} files \\(0 skipped\\) in \\d+\\.\\d\\ds\\.\\n$`),
    );
  });

  it('--disable is repeatable', () => {
    const { status, report } = scanJson([DEMO, ...rules.flatMap((rule) => ['--disable', rule.id])]);
    expect(status).toBe(0);
    expect(report.findings).toEqual([]);
  });

  it('--rule session-memory-store reports only that rule', () => {
    const { status, report } = scanJson([DEMO, '--rule', 'session-memory-store']);
    expect(status).toBe(1);
    expect(report.findings.map(keyOf)).toEqual(demoExpectations().filter((key) => key.endsWith(' session-memory-store')));
    expect(report.summary).toEqual({ error: 1, warning: 0, info: 0 });
  });

  it('--rule in-memory-rate-limit reports only that rule', () => {
    const { report } = scanJson([DEMO, '--rule', 'in-memory-rate-limit']);
    expect(report.findings.map(keyOf)).toEqual(demoExpectations().filter((key) => key.endsWith(' in-memory-rate-limit')));
  });
});

describe('output options', () => {
  it('--quiet prints the findings but no skipped list, summary table or stats line', () => {
    const quiet = runCli([DEMO, '--quiet']);
    const full = runCli([DEMO]);
    expect(quiet.status).toBe(1);
    const locations = quiet.stdout.match(/^ {2}\S+:\d+:\d+ {2}(error|warning|info) {2}\S+$/gm) ?? [];
    expect(locations).toHaveLength(8);
    expect(quiet.stdout).not.toContain('┌');
    expect(quiet.stdout).not.toContain('│ rule');
    expect(quiet.stdout).not.toMatch(/files? scanned/);
    expect(quiet.stdout).not.toContain('No scaling hazards');
    // The findings part of the full report, unchanged.
    expect(full.stdout.startsWith(quiet.stdout)).toBe(true);
    expect(runCli([DEMO, '-q']).stdout).toBe(quiet.stdout);
  });

  it('--quiet on a clean scan prints nothing and exits 0', () => {
    const run = runCli([DEMO, '--quiet', '--disable', ALL_RULES]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
  });

  it('--output <file> --format json writes the report to the file and nothing to stdout', () => {
    const dir = makeTempDir();
    const target = path.join(dir, 'report.json');
    const run = runCli([DEMO, '--output', target, '--format', 'json']);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('');
    const written = readFileSync(target, 'utf8');
    expect(written).toBe(runCli([DEMO, '--format', 'json']).stdout);
    expect(parseReport(written).findings.map(keyOf).sort()).toEqual(demoExpectations());
  });
});

describe('usage errors exit 2 and name the bad value and what is allowed', () => {
  it('--output into a folder that does not exist names the file, exits 2 and writes nothing', () => {
    const target = path.join(makeTempDir(), 'missing', 'report.json');
    const run = runCli([DEMO, '--format', 'json', '--output', target]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`scale-audit: cannot write the report to ${target}: ENOENT: no such file or directory, open '${target}'\n`);
  });

  it('an unknown flag', () => {
    const run = runCli(['--frobnicate', DEMO]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--frobnicate');
    // Where to find the allowed options: the help, or the options themselves.
    expect(run.stderr).toMatch(/--help|--format[\s\S]*--fail-on/);
  });

  it('--format xml', () => {
    const run = runCli(['--format', 'xml', DEMO]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('xml');
    expect(run.stderr).toMatch(/pretty, json/);
  });

  it('--fail-on fatal', () => {
    const run = runCli(['--fail-on', 'fatal', DEMO]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('fatal');
    expect(run.stderr).toMatch(/error, warning, info, none/);
  });

  it('--rule no-such-rule', () => {
    const run = runCli(['--rule', 'no-such-rule', DEMO]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('"no-such-rule"');
    expect(run.stderr).toContain(rules.map((rule) => rule.id).join(', '));
  });

  it('--disable no-such-rule', () => {
    const run = runCli(['--disable', 'no-such-rule', DEMO]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('"no-such-rule"');
    expect(run.stderr).toContain(rules.map((rule) => rule.id).join(', '));
  });

  it('--max-file-size lots', () => {
    const run = runCli(['--max-file-size', 'lots', DEMO]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('"lots"');
    expect(run.stderr).toMatch(/kb/i);
    expect(run.stderr).toMatch(/mb/i);
  });

  it('explain no-such-rule', () => {
    const run = runCli(['explain', 'no-such-rule']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('"no-such-rule"');
    expect(run.stderr).toContain(rules.map((rule) => rule.id).join(', '));
  });

  it('a path that does not exist', () => {
    const run = runCli(['does-not-exist/']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('does-not-exist/');
    expect(run.stderr).toMatch(/not found/);
  });
});

describe('information commands', () => {
  it('--version prints the package.json version', () => {
    const run = runCli(['--version']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${readPackageVersion()}\n`);
    expect(run.stderr).toBe('');
  });

  it('--help exits 0 and lists the options and commands', () => {
    const run = runCli(['--help']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^Usage: scale-audit /);
    for (const option of [
      '--version',
      '--format <name>',
      '--output <file>',
      '--fail-on <severity>',
      '--rule <ids>',
      '--disable <ids>',
      '--ignore <globs>',
      '--include-tests',
      '--max-file-size <size>',
      '--no-color',
      '-q, --quiet',
      '--verbose',
      '-h, --help',
    ]) {
      expect(run.stdout).toContain(option);
    }
    expect(run.stdout).toMatch(/^ {2}rules\b/m);
    expect(run.stdout).toMatch(/^ {2}explain\b/m);
  });

  it('rules prints a table with every rule id and its severity', () => {
    const run = runCli(['rules']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(rules.map((rule) => rule.id)).toEqual(expect.arrayContaining(['in-memory-rate-limit', 'session-memory-store']));
    for (const rule of rules) {
      expect(run.stdout).toMatch(new RegExp(`│ ${rule.id} +│ ${rule.severity} +│ ${escapeRegExp(rule.docs.title)} +│`));
    }
    expect(run.stdout).toContain('│ in-memory-rate-limit │ error    │');
    expect(run.stdout).toContain('│ session-memory-store │ error    │');
  });

  it('explain session-memory-store prints the title, why and fix', () => {
    const rule = rules.find((r) => r.id === 'session-memory-store')!;
    const run = runCli(['explain', 'session-memory-store']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toMatch(ANSI);
    expect(run.stdout.startsWith(`session-memory-store (default severity: error)\n${rule.docs.title}\n`)).toBe(true);
    const why = run.stdout.indexOf(`Why it breaks with two instances\n${rule.docs.why}\n`);
    const fix = run.stdout.indexOf(`The fix\n${rule.docs.fix}\n`);
    expect(why).toBeGreaterThan(0);
    expect(fix).toBeGreaterThan(why);
    expect(run.stdout).toContain(rule.docs.example.bad.split('\n')[0]!);
    expect(run.stdout).toContain(rule.docs.example.good.split('\n')[0]!);
  });
});

describe('awkward input in a temporary project', () => {
  /** Scans `root` (absolute) with `--format json`; findings and skipped use absolute paths. */
  function scan(root: string, extra: readonly string[] = []) {
    const run = runCli([root, '--format', 'json', ...extra]);
    expect(run.signal).toBeNull();
    expect(run.stderr).toBe('');
    const report = parseReport(run.stdout);
    return { status: run.status, report, found: report.findings.map((f) => `${f.file}:${f.line}:${f.column}`) };
  }
  const at = (root: string, relative: string) => `${root}/${relative}:1:${HAZARD_COLUMN}`;

  it('a file with a syntax error is listed in skipped and the hazard beside it is still reported', () => {
    const root = makeTempDir();
    writeTree(root, { 'app.js': HAZARD, 'broken.js': 'const config = {;\nfunction (\n' });
    const { status, report, found } = scan(root);
    expect(status).toBe(1);
    expect(found).toEqual([at(root, 'app.js')]);
    // The parser recovers, so the broken file is walked too, and counted as scanned.
    expect(report.scanned).toBe(2);
    expect(report.skipped).toHaveLength(1);
    expect(report.skipped[0]!.file).toBe(`${root}/broken.js`);
    expect(report.skipped[0]!.reason).toMatch(/syntax error/);
  });

  it('a binary file with a .js extension is skipped as binary and not scanned', () => {
    const root = makeTempDir();
    writeTree(root, { 'app.js': HAZARD, 'blob.js': Buffer.concat([Buffer.from(HAZARD), Buffer.from([0, 0, 1, 2, 0])]) });
    const { status, report, found } = scan(root);
    expect(status).toBe(1);
    expect(found).toEqual([at(root, 'app.js')]);
    expect(report.scanned).toBe(1);
    expect(report.skipped).toEqual([{ file: `${root}/blob.js`, reason: expect.stringMatching(/binary/) }]);
  });

  it('a file over --max-file-size 1kb is skipped with the limit in the reason', () => {
    const root = makeTempDir();
    writeTree(root, { 'app.js': HAZARD, 'big.js': `${'// padding\n'.repeat(200)}${HAZARD}` });
    const { status, report, found } = scan(root, ['--max-file-size', '1kb']);
    expect(status).toBe(1);
    expect(found).toEqual([at(root, 'app.js')]);
    expect(report.skipped).toEqual([{ file: `${root}/big.js`, reason: expect.stringMatching(/1 KB limit/) }]);
    // Under the default limit the same file is scanned.
    expect(scan(root).found).toEqual([at(root, 'app.js'), `${root}/big.js:201:${HAZARD_COLUMN}`]);
  });

  it('lists every skipped file once, sorted by file, and scans the rest', () => {
    const root = makeTempDir();
    writeTree(root, {
      'z-broken.js': 'const config = {;\n',
      'b-big.js': `${'// padding\n'.repeat(200)}${HAZARD}`,
      'a-blob.js': Buffer.from([0x63, 0, 0, 1]),
      'm-app.js': HAZARD,
    });
    const { status, report, found } = scan(root, ['--max-file-size', '1kb']);
    expect(status).toBe(1);
    expect(found).toEqual([at(root, 'm-app.js')]);
    expect(report.scanned).toBe(2);
    expect(report.skipped.map((s) => s.file)).toEqual([`${root}/a-blob.js`, `${root}/b-big.js`, `${root}/z-broken.js`]);
    expect(report.summary).toEqual({ error: 1, warning: 0, info: 0 });
  });

  it('an unreadable file is skipped, not a crash', () => {
    const root = makeTempDir();
    writeTree(root, { 'app.js': HAZARD, 'locked.js': HAZARD });
    chmodSync(path.join(root, 'locked.js'), 0o000);
    const { status, report, found } = scan(root);
    expect(status).toBe(1);
    if (process.getuid?.() === 0) {
      // root reads a mode-000 file anyway, so it is scanned like any other.
      expect(found).toEqual([at(root, 'app.js'), at(root, 'locked.js')]);
    } else {
      expect(found).toEqual([at(root, 'app.js')]);
      expect(report.skipped).toEqual([{ file: `${root}/locked.js`, reason: expect.stringMatching(/permission denied/) }]);
    }
  });

  it('an empty folder exits 0 and says there was nothing to scan', () => {
    const root = makeTempDir();
    const run = runCli([root]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^No JavaScript or TypeScript files to scan \(0 skipped\) in \d+\.\d\ds\.\n$/);
  });

  it('.gitignore\'d files are not reported, at the root and in nested .gitignore files', () => {
    const root = makeTempDir();
    writeTree(root, {
      '.gitignore': 'generated/\nsecret-*.js\n',
      'app.js': HAZARD,
      'generated/app.js': HAZARD,
      'secret-config.js': HAZARD,
      'lib/.gitignore': 'local.js\n',
      'lib/local.js': HAZARD,
      'lib/shared.js': HAZARD,
    });
    const { status, found } = scan(root);
    expect(status).toBe(1);
    expect(found).toEqual([at(root, 'app.js'), at(root, 'lib/shared.js')]);
  });

  it('a .gitignore is read for its patterns, never scanned itself, even where every file is nginx config', () => {
    const root = makeTempDir();
    const sticky = 'upstream api {\n  ip_hash;\n  server api1:4000;\n  server api2:4000;\n}\n';
    // The same text in a file of the folder is flagged: the .gitignore would be too, if it were read as config.
    writeTree(root, { 'nginx/conf.d/.gitignore': `local.conf\n${sticky}`, 'nginx/conf.d/api.conf': sticky, 'nginx/conf.d/local.conf': sticky });
    const { report } = scan(root);
    expect(report.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual([`sticky-sessions ${root}/nginx/conf.d/api.conf:2`]);
    expect(report.scanned).toBe(1);
    expect(report.skipped).toEqual([]);
  });

  it('node_modules/ is never reported; test/ only with --include-tests', () => {
    const root = makeTempDir();
    writeTree(root, {
      'app.js': HAZARD,
      'node_modules/some-lib/index.js': HAZARD,
      'test/helper.js': HAZARD,
    });
    expect(scan(root).found).toEqual([at(root, 'app.js')]);
    expect(scan(root, ['--include-tests']).found).toEqual([at(root, 'app.js'), at(root, 'test/helper.js')]);
  });

  it("--ignore 'legacy/**' skips that folder", () => {
    const root = makeTempDir();
    writeTree(root, { 'app.js': HAZARD, 'legacy/old.js': HAZARD, 'legacy/deep/older.js': HAZARD });
    expect(scan(root).found).toEqual([at(root, 'app.js'), at(root, 'legacy/deep/older.js'), at(root, 'legacy/old.js')]);
    const ignored = scan(root, ['--ignore', 'legacy/**']);
    expect(ignored.status).toBe(1);
    expect(ignored.found).toEqual([at(root, 'app.js')]);
    expect(ignored.report.scanned).toBe(1);
  });

  it('a symlink loop does not hang the scan', () => {
    const root = makeTempDir();
    writeTree(root, { 'app.js': HAZARD });
    symlinkSync('.', path.join(root, 'loop'));
    const run = runCli([root, '--format', 'json'], { timeoutMs: 20_000 });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    const report = parseReport(run.stdout);
    expect(report.findings.map((f) => `${f.file}:${f.line}`)).toEqual([`${root}/app.js:1`]);
    expect(report.scanned).toBe(1);
  });

  it('a symlink to a file outside the scanned folder is listed in skipped and not scanned', () => {
    const root = makeTempDir();
    const outside = makeTempDir();
    writeTree(outside, { 'elsewhere.js': HAZARD });
    writeTree(root, { 'app.js': HAZARD });
    symlinkSync(path.join(outside, 'elsewhere.js'), path.join(root, 'linked.js'));
    const { status, report, found } = scan(root);
    expect(status).toBe(1);
    expect(found).toEqual([at(root, 'app.js')]);
    expect(report.scanned).toBe(1);
    expect(report.skipped).toEqual([{ file: `${root}/linked.js`, reason: expect.stringMatching(/outside/) }]);
  });

  it('never writes into the scanned tree', () => {
    const root = makeTempDir();
    writeTree(root, {
      '.gitignore': 'ignored.js\n',
      'app.js': HAZARD,
      'ignored.js': HAZARD,
      'src/broken.ts': 'export const = ;\n',
      'src/ok.ts': 'export const answer = 42;\n',
      'test/helper.js': HAZARD,
      'node_modules/lib/index.js': HAZARD,
    });
    symlinkSync('.', path.join(root, 'loop'));
    const before = snapshotTree(root);
    const runs = [
      runCli([root]),
      runCli([root, '--format', 'json', '--include-tests']),
      runCli([root, '--verbose', '--max-file-size', '10b']),
    ];
    expect(runs.map((run) => run.status)).toEqual([1, 1, 0]);
    expect(snapshotTree(root)).toEqual(before);
  });
});

function readPackageVersion(): string {
  return (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
