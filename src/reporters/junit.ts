// JUnit XML for CI systems that show test reports: a suite per rule, a failing case per file
// with findings, and a passing case for a rule with none, so every rule is listed.
import { rules } from '../../rules/index.js';
import type { Finding, Severity } from '../types.js';
import type { Reporter } from './types.js';

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

interface TestCase {
  name: string;
  failure?: { message: string; type: Severity; text: string };
}

export const junitReporter: Reporter = (result) => {
  const byRule = new Map<string, Map<string, Finding[]>>(rules.map((rule) => [rule.id, new Map()]));
  for (const finding of result.findings) {
    // A rule outside the catalog (the engine's own reports) gets a suite of its own, after the rules.
    const files = byRule.get(finding.ruleId) ?? new Map<string, Finding[]>();
    byRule.set(finding.ruleId, files);
    files.set(finding.file, [...(files.get(finding.file) ?? []), finding]);
  }

  const suites = [...byRule].map(([ruleId, files]) => ({
    ruleId,
    cases: files.size ? [...files].map(([file, findings]) => failingCase(ruleId, file, findings)) : [{ name: 'no findings' }],
  }));
  const tests = suites.reduce((sum, suite) => sum + suite.cases.length, 0);
  const failures = suites.reduce((sum, suite) => sum + countFailures(suite.cases), 0);

  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="scale-audit" tests="${tests}" failures="${failures}" errors="0">`,
  ];
  for (const { ruleId, cases } of suites) {
    const id = escapeAttribute(ruleId);
    out.push(`  <testsuite name="${id}" tests="${cases.length}" failures="${countFailures(cases)}" errors="0">`);
    for (const { name, failure } of cases) {
      const open = `    <testcase classname="${id}" name="${escapeAttribute(name)}"`;
      if (!failure) {
        out.push(`${open}/>`);
        continue;
      }
      out.push(
        `${open}>`,
        `      <failure message="${escapeAttribute(failure.message)}" type="${failure.type}">${escapeXml(failure.text)}</failure>`,
        '    </testcase>',
      );
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
};

function failingCase(ruleId: string, file: string, findings: readonly Finding[]): TestCase {
  const title = rules.find((rule) => rule.id === ruleId)?.docs.title ?? ruleId;
  const type = findings.map((finding) => finding.severity).sort((a, b) => SEVERITY_RANK[a] - SEVERITY_RANK[b])[0]!;
  // One line per finding, whatever line breaks a message holds.
  const lines = findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.message.replace(/\r\n?|\n/g, ' ')}`);
  return {
    name: file,
    failure: {
      message: `${findings.length} ${findings.length === 1 ? 'finding' : 'findings'}: ${title}`,
      type,
      text: [...lines, `fix: ${findings[0]!.fix}`].join('\n'),
    },
  };
}

function countFailures(cases: readonly TestCase[]): number {
  return cases.filter((testCase) => testCase.failure).length;
}

// XML 1.0 allows tab, LF, CR and U+0020 on, less the surrogates (unpaired ones here) and U+FFFE/U+FFFF.
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** For text and attributes alike; a CR goes in as a reference, or a parser would drop it. */
function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;');
}

/** A parser turns a raw line break or tab in an attribute into a space: they go in as references. */
function escapeAttribute(text: string): string {
  return escapeXml(text).replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}
