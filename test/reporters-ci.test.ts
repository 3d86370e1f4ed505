// The CI reporters (sarif, github, markdown, junit), fed hand-made results. SARIF is validated
// against the standard's own schema; the others are compared with their full expected text.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { reporters } from '../src/reporters/index.js';
import { rateLimitFinding, sampleResult, sessionFinding } from './helpers/sample-findings.js';
import type { AuditResult, Finding, SuppressedFinding } from '../src/types.js';

const PLAIN = { color: false, quiet: false };



const growthFinding: Finding = {
  ruleId: 'module-state-growth',
  severity: 'info',
  file: 'src/app.ts',
  line: 3,
  column: 7,
  endLine: 3,
  endColumn: 12,
  message: '`cache` grows per request; entries are deleted but nothing bounds its size.',
  fix: 'Keep it in Redis with a TTL.',
  source: 'const cache = new Map();',
  fingerprint: 'aaaaaaaaaaaaaaaaaaaa:1',
};

const suppressedInSource: SuppressedFinding = {
  ...sessionFinding,
  line: 30,
  column: 3,
  endLine: 30,
  endColumn: 12,
  source: '  session();',
  fingerprint: '0123456789abcdef0123:2',
  suppression: { kind: 'inSource', justification: 'test server only' },
};

const suppressedByBaseline: SuppressedFinding = {
  ...rateLimitFinding,
  file: 'src/legacy.js',
  fingerprint: '99999999999999999999:1',
  suppression: { kind: 'external' },
};

function makeResult(overrides: Partial<AuditResult> = {}): AuditResult {
  return sampleResult({
    findings: [sessionFinding, rateLimitFinding, growthFinding],
    suppressed: [suppressedInSource],
    summary: { error: 1, warning: 1, info: 1 },
    ...overrides,
  });
}

const CLEAN = { findings: [], suppressed: [], skipped: [], summary: { error: 0, warning: 0, info: 0 } } satisfies Partial<AuditResult>;

describe('sarif reporter', () => {
  // The standard's own schema, kept as a test fixture (its source: test/sarif/SOURCE.md).
  const schemaPath = fileURLToPath(new URL('./sarif/sarif-schema-2.1.0.json', import.meta.url));
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true });
  // The schema uses three formats; check them rather than ignore them.
  ajv.addFormat('uri', (value: string) => isUriReference(value) && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value));
  ajv.addFormat('uri-reference', isUriReference);
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/i);
  const validate = ajv.compile(schema);

  function expectValid(log: unknown): void {
    const valid = validate(log);
    if (!valid) console.error(JSON.stringify(validate.errors, null, 2));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  }

  function expectInvalid(log: unknown): void {
    expect(validate(log)).toBe(false);
    expect(validate.errors?.length).toBeGreaterThan(0);
  }

  const result = makeResult({ suppressed: [suppressedInSource, suppressedByBaseline] });
  const text = reporters.sarif(result, PLAIN);
  const log = JSON.parse(text) as SarifLog;
  const run = log.runs[0]!;

  it('is valid against the official SARIF 2.1.0 schema', () => {
    expect(schema.title).toBe('Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema');
    expectValid(log);
  });

  it('is valid for a clean scan too', () => {
    const clean = JSON.parse(reporters.sarif(makeResult(CLEAN), PLAIN)) as SarifLog;
    expectValid(clean);
    expect(clean.runs[0]!.results).toEqual([]);
    expect(clean.runs[0]!.tool.driver.rules).toHaveLength(rules.length);
  });

  it('the schema check rejects broken SARIF', () => {
    const broken = structuredClone(log) as unknown as { version: string; runs: { results: Record<string, unknown>[] }[] };
    broken.runs[0]!.results[0]!.level = 'fatal';
    expectInvalid(broken);
    expect(validate.errors!.some((error) => error.instancePath === '/runs/0/results/0/level')).toBe(true);

    expectInvalid({ ...log, version: '2.0.0' });
    const { runs: _runs, ...noRuns } = log;
    expectInvalid(noRuns);
    const zeroLine = structuredClone(log);
    zeroLine.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine = 0;
    expectInvalid(zeroLine);
    const badUri = structuredClone(log);
    badUri.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri = 'src/my app.js';
    expectInvalid(badUri);
  });

  it('is JSON with a two-space indent and one trailing newline, the same bytes every run', () => {
    expect(text.startsWith('{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",\n  "version": "2.1.0",\n')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
    expect(reporters.sarif(makeResult({ suppressed: [suppressedInSource, suppressedByBaseline], durationMs: 5 }), PLAIN)).toBe(text);
  });

  it('names the tool and writes no absolute path', () => {
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({
      name: 'scale-audit',
      version: '9.8.7',
      informationUri: 'https://www.npmjs.com/package/scale-audit',
    });
    expect(run).not.toHaveProperty('originalUriBaseIds');
    expect(text).not.toContain(process.cwd());
    expect(text).not.toContain('file://');
  });

  it('describes every rule of the catalog, in order, with its docs', () => {
    const descriptors = run.tool.driver.rules;
    expect(descriptors).toHaveLength(rules.length);
    expect(descriptors.map((descriptor) => descriptor.id)).toEqual(rules.map((rule) => rule.id));
    const levels = { error: 'error', warning: 'warning', info: 'note' } as const;
    rules.forEach((rule, index) => {
      const descriptor = descriptors[index]!;
      expect(descriptor.shortDescription.text).toBe(rule.docs.title);
      expect(descriptor.fullDescription.text).toBe(rule.docs.why);
      expect(descriptor.helpUri).toBe(`https://www.npmjs.com/package/scale-audit#${rule.id}`);
      expect(descriptor.defaultConfiguration.level).toBe(levels[rule.severity]);
      expect(descriptor.properties.tags).toEqual(['scalability', 'statelessness', rule.id]);
      expect(descriptor.help.text.startsWith(`${rule.docs.fix}\n`)).toBe(true);
      expect(descriptor.help.markdown).toContain(rule.docs.why);
      expect(descriptor.help.markdown).toContain(`**Fix:** ${rule.docs.fix}`);
      expect(descriptor.help.markdown).toContain(`\`\`\`\n${rule.docs.example.bad}\n\`\`\``);
      expect(descriptor.help.markdown).toContain(`\`\`\`\n${rule.docs.example.good}\n\`\`\``);
      expect(descriptor.help.markdown).toContain(`(${descriptor.helpUri})`);
    });
  });

  it('gives each rule a PascalCase name and a complete help for one rule, exactly', () => {
    const session = run.tool.driver.rules.find((descriptor) => descriptor.id === 'session-memory-store')!;
    const rule = rules.find((candidate) => candidate.id === 'session-memory-store')!;
    expect(session.name).toBe('SessionMemoryStore');
    expect(run.tool.driver.rules.map((descriptor) => descriptor.name)).toEqual([
      'InMemoryRateLimit',
      'LocalUploadStorage',
      'ModuleStateGrowth',
      'SessionMemoryStore',
      'StickySessions',
    ]);
    expect(session.help.markdown).toBe(
      [
        rule.docs.why,
        '',
        `**Fix:** ${rule.docs.fix}`,
        '',
        '**Flagged**',
        '',
        '```',
        rule.docs.example.bad,
        '```',
        '',
        '**Stateless**',
        '',
        '```',
        rule.docs.example.good,
        '```',
        '',
        'Docs: [session-memory-store](https://www.npmjs.com/package/scale-audit#session-memory-store)',
      ].join('\n'),
    );
    const indented = (code: string): string => code.split('\n').map((line) => (line ? `    ${line}` : '')).join('\n');
    expect(session.help.text).toBe(
      [
        rule.docs.fix,
        '',
        'Flagged:',
        indented(rule.docs.example.bad),
        '',
        'Stateless:',
        indented(rule.docs.example.good),
        '',
        'Docs: https://www.npmjs.com/package/scale-audit#session-memory-store',
      ].join('\n'),
    );
  });

  it('writes one result per finding and per suppressed finding, pointing at its rule', () => {
    expect(run.results.map((entry) => [entry.ruleId, entry.ruleIndex, entry.level])).toEqual([
      ['session-memory-store', 3, 'error'],
      ['in-memory-rate-limit', 0, 'warning'],
      ['module-state-growth', 2, 'note'],
      ['session-memory-store', 3, 'error'],
      ['in-memory-rate-limit', 0, 'warning'],
    ]);
    for (const entry of run.results) expect(run.tool.driver.rules[entry.ruleIndex]!.id).toBe(entry.ruleId);
  });

  it('gives each result its message, a relative location with a 1-based region and the fingerprint', () => {
    expect(run.results[1]).toEqual({
      ruleId: 'in-memory-rate-limit',
      ruleIndex: 0,
      level: 'warning',
      message: { text: '`rateLimit(…)` has no `store`, so counters live in this process.' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'src/middleware/limits.js', uriBaseId: '%SRCROOT%' },
            region: { startLine: 7, startColumn: 22, endLine: 10, endColumn: 3 },
          },
        },
      ],
      partialFingerprints: { 'scaleAudit/v1': 'fedcba9876543210fedc:1' },
    });
    expect(run.results.map((entry) => entry.partialFingerprints['scaleAudit/v1'])).toEqual([
      'a1b2c3d4e5f6a7b8c9d0:1',
      'fedcba9876543210fedc:1',
      'aaaaaaaaaaaaaaaaaaaa:1',
      '0123456789abcdef0123:2',
      '99999999999999999999:1',
    ]);
    expect(run.results[3]!.locations[0]!.physicalLocation.region).toEqual({ startLine: 30, startColumn: 3, endLine: 30, endColumn: 12 });
    expect(run.columnKind).toBe('utf16CodeUnits');
  });

  it('marks suppressed findings with their suppression, and only those', () => {
    expect(run.results.map((entry) => entry.suppressions)).toEqual([
      undefined,
      undefined,
      undefined,
      [{ kind: 'inSource', justification: 'test server only' }],
      [{ kind: 'external' }],
    ]);
  });

  it('percent-encodes file names into valid relative URI references', () => {
    const odd: Finding = { ...sessionFinding, file: 'src/my app/#1:ü%.js' };
    const oddLog = JSON.parse(reporters.sarif(makeResult({ findings: [odd], suppressed: [] }), PLAIN)) as SarifLog;
    expectValid(oddLog);
    expect(oddLog.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('src/my%20app/%231%3A%C3%BC%25.js');
  });

  it('adds a descriptor for a rule outside the catalog so its ruleIndex stays valid', () => {
    const engineReport: Finding = { ...sessionFinding, ruleId: 'unused-suppression', severity: 'warning' };
    const extraLog = JSON.parse(reporters.sarif(makeResult({ findings: [engineReport, sessionFinding], suppressed: [] }), PLAIN)) as SarifLog;
    expectValid(extraLog);
    const extraRun = extraLog.runs[0]!;
    expect(extraRun.tool.driver.rules).toHaveLength(rules.length + 1);
    expect(extraRun.tool.driver.rules[rules.length]).toEqual({
      id: 'unused-suppression',
      name: 'UnusedSuppression',
      shortDescription: { text: 'unused-suppression' },
      properties: { tags: ['scalability', 'statelessness', 'unused-suppression'] },
    });
    expect(extraRun.results.map((entry) => entry.ruleIndex)).toEqual([rules.length, 3]);
  });
});

describe('github reporter', () => {
  it('prints one workflow command per finding; columns only for a one-line range', () => {
    expect(reporters.github(makeResult(), PLAIN)).toBe(
      [
        '::error file=src/app.ts,line=12,col=11,endLine=12,endColumn=35,title=session-memory-store::' +
          '`session(…)` has no `store`, so logins live in this process. Fix: Pass `store` a Redis store.',
        '::warning file=src/middleware/limits.js,line=7,endLine=10,title=in-memory-rate-limit::' +
          '`rateLimit(…)` has no `store`, so counters live in this process. Fix: Give the limiter a Redis store.',
        '::notice file=src/app.ts,line=3,col=7,endLine=3,endColumn=12,title=module-state-growth::' +
          '`cache` grows per request; entries are deleted but nothing bounds its size. Fix: Keep it in Redis with a TTL.',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing for a clean scan, and nothing for suppressed findings', () => {
    expect(reporters.github(makeResult(CLEAN), PLAIN)).toBe('');
    expect(reporters.github(makeResult({ ...CLEAN, suppressed: [suppressedInSource, suppressedByBaseline] }), PLAIN)).toBe('');
  });

  it('escapes %, CR and LF in the message, and also : and , in properties', () => {
    const tricky: Finding = {
      ...sessionFinding,
      file: 'src/a,b:c%d.js',
      message: '100% of `a:b, c`\r\nline two\nline three',
      fix: 'Use 50%: a, b.',
    };
    expect(reporters.github(makeResult({ findings: [tricky] }), PLAIN)).toBe(
      '::error file=src/a%2Cb%3Ac%25d.js,line=12,col=11,endLine=12,endColumn=35,title=session-memory-store::' +
        '100%25 of `a:b, c`%0D%0Aline two%0Aline three Fix: Use 50%25: a, b.\n',
    );
  });

  it('escapes % before the rest, so an existing %0A is not read back as a line break', () => {
    const literal: Finding = { ...sessionFinding, file: 'x%2C.js', message: 'a %0A b', fix: 'f' };
    expect(reporters.github(makeResult({ findings: [literal] }), PLAIN)).toBe(
      '::error file=x%252C.js,line=12,col=11,endLine=12,endColumn=35,title=session-memory-store::a %250A b Fix: f\n',
    );
  });
});

describe('markdown reporter', () => {
  it('prints the heading, the counts, the table and a collapsible section per file', () => {
    expect(reporters.markdown(makeResult(), PLAIN)).toBe(
      [
        '### scale-audit',
        '',
        '5 files scanned, 1 skipped: 1 error, 1 warning, 1 info, 1 suppressed.',
        '',
        '| rule | severity | count |',
        '| --- | --- | ---: |',
        '| `in-memory-rate-limit` | warning | 1 |',
        '| `module-state-growth` | info | 1 |',
        '| `session-memory-store` | error | 1 |',
        '',
        '<details><summary><code>src/app.ts</code> (2 findings)</summary>',
        '',
        '- 12:11 **error** `session-memory-store`: `session(…)` has no `store`, so logins live in this process.<br>' +
          'Fix: Pass `store` a Redis store.',
        '- 3:7 **info** `module-state-growth`: `cache` grows per request; entries are deleted but nothing bounds its size.<br>' +
          'Fix: Keep it in Redis with a TTL.',
        '',
        '</details>',
        '',
        '<details><summary><code>src/middleware/limits.js</code> (1 finding)</summary>',
        '',
        '- 7:22 **warning** `in-memory-rate-limit`: `rateLimit(…)` has no `store`, so counters live in this process.<br>' +
          'Fix: Give the limiter a Redis store.',
        '',
        '</details>',
        '',
      ].join('\n'),
    );
  });

  it('counts a rule once per severity in the table, in the singular and plural', () => {
    const second: Finding = { ...sessionFinding, line: 40 };
    const lowered: Finding = { ...sessionFinding, line: 50, severity: 'warning' };
    const text = reporters.markdown(
      makeResult({ findings: [sessionFinding, second, lowered], suppressed: [], skipped: [], scanned: 1, summary: { error: 2, warning: 1, info: 0 } }),
      PLAIN,
    );
    expect(text).toContain(
      [
        '### scale-audit',
        '',
        '1 file scanned, 0 skipped: 2 errors, 1 warning, 0 info, 0 suppressed.',
        '',
        '| rule | severity | count |',
        '| --- | --- | ---: |',
        '| `session-memory-store` | error | 2 |',
        '| `session-memory-store` | warning | 1 |',
        '',
        '<details><summary><code>src/app.ts</code> (3 findings)</summary>',
      ].join('\n'),
    );
  });

  it('a clean scan prints the heading and one line', () => {
    expect(reporters.markdown(makeResult({ ...CLEAN, scanned: 3 }), PLAIN)).toBe('### scale-audit\n\nNo scaling hazards found in 3 files.\n');
    expect(reporters.markdown(makeResult({ ...CLEAN, scanned: 1 }), PLAIN)).toBe('### scale-audit\n\nNo scaling hazards found in 1 file.\n');
  });

  it('a clean scan says what was skipped or suppressed', () => {
    const result = makeResult({ ...CLEAN, scanned: 3, skipped: makeResult().skipped, suppressed: [suppressedInSource, suppressedByBaseline] });
    expect(reporters.markdown(result, PLAIN)).toBe('### scale-audit\n\nNo scaling hazards found in 3 files (1 skipped, 2 suppressed).\n');
  });

  it('keeps code spans, escapes the text around them, and cannot be broken by a message', () => {
    const tricky: Finding = {
      ...sessionFinding,
      ruleId: 'odd|rule',
      file: 'src/<a> & "b".ts',
      message: 'The `a|b` map and `<T>` *grow* 100% [see] a|b <img> & co\nnext line: `` x`y ``, one stray ` tick',
      fix: 'Use @fastify/session, or mail a@b.io with `@scope/pkg`.',
    };
    expect(reporters.markdown(makeResult({ findings: [tricky], suppressed: [], summary: { error: 1, warning: 0, info: 0 } }), PLAIN)).toBe(
      [
        '### scale-audit',
        '',
        '5 files scanned, 1 skipped: 1 error, 0 warnings, 0 info, 0 suppressed.',
        '',
        '| rule | severity | count |',
        '| --- | --- | ---: |',
        '| `odd\\|rule` | error | 1 |',
        '',
        '<details><summary><code>src/&lt;a&gt; &amp; &quot;b&quot;.ts</code> (1 finding)</summary>',
        '',
        '- 12:11 **error** `odd|rule`: The `a|b` map and `<T>` \\*grow\\* 100% \\[see\\] a|b &lt;img&gt; &amp; co ' +
          'next line: `` x`y ``, one stray \\` tick<br>Fix: Use `@fastify/session`, or mail a@b.io with `@scope/pkg`.',
        '',
        '</details>',
        '',
      ].join('\n'),
    );
  });
});

describe('junit reporter', () => {
  const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>';
  const passing = (id: string): string[] => [
    `  <testsuite name="${id}" tests="1" failures="0" errors="0">`,
    `    <testcase classname="${id}" name="no findings"/>`,
    '  </testsuite>',
  ];

  it('prints a suite per rule, a failing case per rule and file, and a passing case for a rule with none', () => {
    const second: Finding = { ...sessionFinding, line: 40, column: 3, message: 'Second `session()` call.', severity: 'warning' };
    const result = makeResult({ findings: [sessionFinding, rateLimitFinding, growthFinding, second] });
    expect(reporters.junit(result, PLAIN)).toBe(
      [
        XML_HEAD,
        '<testsuites name="scale-audit" tests="5" failures="3" errors="0">',
        '  <testsuite name="in-memory-rate-limit" tests="1" failures="1" errors="0">',
        '    <testcase classname="in-memory-rate-limit" name="src/middleware/limits.js">',
        '      <failure message="1 finding: Rate-limit counters kept in the memory of one server process" type="warning">' +
          'src/middleware/limits.js:7:22 `rateLimit(…)` has no `store`, so counters live in this process.',
        'fix: Give the limiter a Redis store.</failure>',
        '    </testcase>',
        '  </testsuite>',
        ...passing('local-upload-storage'),
        '  <testsuite name="module-state-growth" tests="1" failures="1" errors="0">',
        '    <testcase classname="module-state-growth" name="src/app.ts">',
        '      <failure message="1 finding: Module-level state that grows with every request, connection or event" type="info">' +
          'src/app.ts:3:7 `cache` grows per request; entries are deleted but nothing bounds its size.',
        'fix: Keep it in Redis with a TTL.</failure>',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="session-memory-store" tests="1" failures="1" errors="0">',
        '    <testcase classname="session-memory-store" name="src/app.ts">',
        '      <failure message="2 findings: Login sessions stored in the memory or on the disk of one server process" type="error">' +
          'src/app.ts:12:11 `session(…)` has no `store`, so logins live in this process.',
        'src/app.ts:40:3 Second `session()` call.',
        'fix: Pass `store` a Redis store.</failure>',
        '    </testcase>',
        '  </testsuite>',
        ...passing('sticky-sessions'),
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('lists every rule as passing for a clean scan; suppressed findings are not failures', () => {
    const result = makeResult({ ...CLEAN, suppressed: [suppressedInSource, suppressedByBaseline] });
    expect(reporters.junit(result, PLAIN)).toBe(
      [
        XML_HEAD,
        `<testsuites name="scale-audit" tests="${rules.length}" failures="0" errors="0">`,
        ...rules.flatMap((rule) => passing(rule.id)),
        '</testsuites>',
        '',
      ].join('\n'),
    );
    expect(rules.length).toBe(5);
  });

  it('escapes & < > " \' in attributes and text, keeps line breaks in attributes, and drops characters XML 1.0 forbids', () => {
    const tricky: Finding = {
      ...sessionFinding,
      ruleId: 'odd"rule',
      file: `src/<a> & 'b' "c".ts`,
      message: 'Keeps <T> & "x" \'y\' ]]> in a\u0001\u000b\ufffe\ud800 map 😀\r\nsecond line\ttab',
    };
    expect(reporters.junit(makeResult({ findings: [tricky] }), PLAIN)).toBe(
      [
        XML_HEAD,
        '<testsuites name="scale-audit" tests="6" failures="1" errors="0">',
        ...rules.flatMap((rule) => passing(rule.id)),
        '  <testsuite name="odd&quot;rule" tests="1" failures="1" errors="0">',
        '    <testcase classname="odd&quot;rule" name="src/&lt;a&gt; &amp; &apos;b&apos; &quot;c&quot;.ts">',
        '      <failure message="1 finding: odd&quot;rule" type="error">' +
          'src/&lt;a&gt; &amp; &apos;b&apos; &quot;c&quot;.ts:12:11 Keeps &lt;T&gt; &amp; &quot;x&quot; &apos;y&apos; ]]&gt; in a map 😀 second line\ttab',
        'fix: Pass `store` a Redis store.</failure>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('writes a line break in an attribute as a character reference', () => {
    const multiLine: Finding = { ...sessionFinding, file: 'a\nb\r\tc.ts' };
    expect(reporters.junit(makeResult({ findings: [multiLine] }), PLAIN)).toContain(
      '<testcase classname="session-memory-store" name="a&#10;b&#13;&#9;c.ts">',
    );
  });
});

/** RFC 3986 URI-reference: only allowed characters, well-formed escapes, and a valid scheme if any. */
function isUriReference(value: string): boolean {
  if (!/^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]]|%[0-9A-Fa-f]{2})*$/.test(value)) return false;
  const schemeOrPath = /^[^/?#]*/.exec(value)![0];
  return !schemeOrPath.includes(':') || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(schemeOrPath);
}

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        informationUri: string;
        rules: {
          id: string;
          name: string;
          shortDescription: { text: string };
          fullDescription: { text: string };
          help: { text: string; markdown: string };
          helpUri: string;
          defaultConfiguration: { level: string };
          properties: { tags: string[] };
        }[];
      };
    };
    columnKind: string;
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: {
        physicalLocation: {
          artifactLocation: { uri: string; uriBaseId: string };
          region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
        };
      }[];
      partialFingerprints: Record<string, string>;
      suppressions?: { kind: string; justification?: string }[];
    }[];
  }[];
}
