// The reporters, fed hand-made results: colour off, so the expected output is written out in full.
import { describe, expect, it } from 'vitest';
import { reporters } from '../src/reporters/index.js';
import { rateLimitFinding, sampleResult, sessionFinding } from './helpers/sample-findings.js';
import type { AuditResult, Finding } from '../src/types.js';

const PLAIN = { color: false, quiet: false };
const QUIET = { color: false, quiet: true };
const COLOR = { color: true, quiet: false };



const makeResult = sampleResult;

const FINDINGS_BLOCK = [
  'src/app.ts',
  '  src/app.ts:12:11  error  session-memory-store',
  '  `session(…)` has no `store`, so logins live in this process.',
  "  12 |   app.use(session({ secret: 's' }));",
  '     |           ^^^^^^^^^^^^^^^^^^^^^^^^',
  '  fix: Pass `store` a Redis store.',
  '',
  'src/middleware/limits.js',
  '  src/middleware/limits.js:7:22  warning  in-memory-rate-limit',
  '  `rateLimit(…)` has no `store`, so counters live in this process.',
  '  7 | const loginLimiter = rateLimit({',
  '    |                      ^^^^^^^^^^^',
  '  fix: Give the limiter a Redis store.',
  '',
  '',
].join('\n');

const SKIPPED_BLOCK = ['Skipped 1 file:', '  src/broken.js: syntax error at 3:1: Expression expected.', '', ''].join('\n');

const TABLE = [
  '┌──────────────────────┬──────────┬───────┐',
  '│ rule                 │ severity │ count │',
  '├──────────────────────┼──────────┼───────┤',
  '│ in-memory-rate-limit │ warning  │ 1     │',
  '├──────────────────────┼──────────┼───────┤',
  '│ session-memory-store │ error    │ 1     │',
  '└──────────────────────┴──────────┴───────┘',
].join('\n');

const ANSI = /\u001b\[[0-9;]*m/g;

describe('pretty reporter', () => {
  it('prints findings by file, the skipped list, the summary table and the stats line', () => {
    expect(reporters.pretty(makeResult(), PLAIN)).toBe(
      `${FINDINGS_BLOCK}${SKIPPED_BLOCK}${TABLE}\n\n5 files scanned, 1 skipped: 1 error, 1 warning, 0 info in 1.23s.\n`,
    );
  });

  it('groups several findings of one file under one header and counts them in one row', () => {
    const second: Finding = { ...sessionFinding, line: 40, column: 3, endLine: 40, endColumn: 12, source: '  session();' };
    const result = makeResult({ findings: [sessionFinding, second], skipped: [], summary: { error: 2, warning: 0, info: 0 } });
    expect(reporters.pretty(result, PLAIN)).toBe(
      [
        'src/app.ts',
        '  src/app.ts:12:11  error  session-memory-store',
        '  `session(…)` has no `store`, so logins live in this process.',
        "  12 |   app.use(session({ secret: 's' }));",
        '     |           ^^^^^^^^^^^^^^^^^^^^^^^^',
        '  fix: Pass `store` a Redis store.',
        '',
        '  src/app.ts:40:3  error  session-memory-store',
        '  `session(…)` has no `store`, so logins live in this process.',
        '  40 |   session();',
        '     |   ^^^^^^^^^',
        '  fix: Pass `store` a Redis store.',
        '',
        '┌──────────────────────┬──────────┬───────┐',
        '│ rule                 │ severity │ count │',
        '├──────────────────────┼──────────┼───────┤',
        '│ session-memory-store │ error    │ 2     │',
        '└──────────────────────┴──────────┴───────┘',
        '',
        '5 files scanned, 0 skipped: 2 errors, 0 warnings, 0 info in 1.23s.',
        '',
      ].join('\n'),
    );
  });

  it('quiet prints the findings only', () => {
    expect(reporters.pretty(makeResult(), QUIET)).toBe(FINDINGS_BLOCK);
  });

  it('quiet prints nothing for a clean scan', () => {
    expect(reporters.pretty(makeResult({ findings: [], summary: { error: 0, warning: 0, info: 0 } }), QUIET)).toBe('');
  });

  it('a clean scan prints one line', () => {
    const clean = makeResult({ findings: [], skipped: [], scanned: 3, summary: { error: 0, warning: 0, info: 0 }, durationMs: 50 });
    expect(reporters.pretty(clean, PLAIN)).toBe(
      'No scaling hazards found in 3 files (0 skipped) in 0.05s.\n',
    );
  });

  it('a clean scan with a skipped file lists it before the clean-scan line, in the singular', () => {
    const clean = makeResult({ findings: [], scanned: 1, summary: { error: 0, warning: 0, info: 0 }, durationMs: 7 });
    expect(reporters.pretty(clean, PLAIN)).toBe(
      `${SKIPPED_BLOCK}No scaling hazards found in 1 file (1 skipped) in 0.01s.\n`,
    );
  });

  it('leaves the time out of the stats line when there is no duration', () => {
    const result = makeResult({ durationMs: undefined });
    expect(reporters.pretty(result, PLAIN).endsWith('\n\n5 files scanned, 1 skipped: 1 error, 1 warning, 0 info.\n')).toBe(true);
  });

  it('has no escape codes with colour off', () => {
    expect(reporters.pretty(makeResult(), PLAIN)).not.toMatch(ANSI);
  });

  it('colours severities, the file header and the underline with colour on, and the text is otherwise the same', () => {
    const colored = reporters.pretty(makeResult(), COLOR);
    expect(colored).toMatch(ANSI);
    expect(colored).toContain('\u001b[31merror\u001b[39m');
    expect(colored).toContain('\u001b[33mwarning\u001b[39m');
    expect(colored).toContain('\u001b[4msrc/app.ts\u001b[24m');
    expect(colored).toContain(`\u001b[31m${'^'.repeat(24)}\u001b[39m`);
    expect(colored.replace(ANSI, '')).toBe(reporters.pretty(makeResult(), PLAIN));
  });
});

describe('json reporter', () => {
  const expected = {
    version: 1,
    tool: { name: 'scale-audit', version: '9.8.7' },
    scanned: 5,
    skipped: [{ file: 'src/broken.js', reason: 'syntax error at 3:1: Expression expected.' }],
    findings: [sessionFinding, rateLimitFinding],
    summary: { error: 1, warning: 1, info: 0 },
  };

  it('prints the documented shape, in the documented key order', () => {
    const parsed = JSON.parse(reporters.json(makeResult(), PLAIN)) as Record<string, unknown>;
    expect(parsed).toStrictEqual(expected);
    expect(Object.keys(parsed)).toEqual(['version', 'tool', 'scanned', 'skipped', 'findings', 'summary']);
  });

  it('leaves durationMs out', () => {
    const text = reporters.json(makeResult(), PLAIN);
    expect(text).not.toContain('durationMs');
    expect(text).not.toContain('1234');
    // So two results differing only in timing print the same bytes.
    expect(reporters.json(makeResult({ durationMs: 99 }), PLAIN)).toBe(text);
  });

  it('ends with exactly one newline', () => {
    const text = reporters.json(makeResult(), PLAIN);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
  });

  it('ignores colour and quiet', () => {
    const text = reporters.json(makeResult(), PLAIN);
    expect(reporters.json(makeResult(), COLOR)).toBe(text);
    expect(reporters.json(makeResult(), QUIET)).toBe(text);
    expect(text).not.toMatch(ANSI);
  });

  it('prints an empty report with empty lists', () => {
    const empty = makeResult({ scanned: 0, skipped: [], findings: [], summary: { error: 0, warning: 0, info: 0 } });
    expect(JSON.parse(reporters.json(empty, PLAIN))).toStrictEqual({
      ...expected,
      scanned: 0,
      skipped: [],
      findings: [],
      summary: { error: 0, warning: 0, info: 0 },
    });
  });
});
