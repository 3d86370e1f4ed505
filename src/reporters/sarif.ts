// SARIF 2.1.0 for GitHub code scanning: every rule with its docs, one result per finding, and
// suppressed findings kept with `suppressions` so they are tracked without opening alerts.
import { rules } from '../../rules/index.js';
import type { Rule } from '../engine/rule.js';
import type { AuditResult, Finding, Severity, SuppressedFinding, Suppression } from '../types.js';
import { jsonPieces } from './json-pieces.js';
import type { Reporter } from './types.js';

const SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://www.npmjs.com/package/scale-audit';
const FINGERPRINT_KEY = 'scaleAudit/v1';
const SRCROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note';

const LEVELS: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

interface ReportingDescriptor {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription?: { text: string };
  help?: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration?: { level: SarifLevel };
  properties: { tags: string[] };
}

// No `originalUriBaseIds`: the result holds no root directory, and writing the machine's absolute
// path into the log would make it differ from machine to machine. GitHub resolves %SRCROOT%
// against the checkout.
export function* sarifReportPieces(result: AuditResult): Generator<string> {
  const descriptors = rules.map(describeRule);
  const indexById = new Map(descriptors.map((descriptor, index) => [descriptor.id, index]));
  const all: (Finding | SuppressedFinding)[] = [...result.findings, ...result.suppressed];
  // A finding from a rule outside the catalog (the engine's own reports) still needs a descriptor
  // for ruleIndex to point at.
  for (const finding of all) {
    if (indexById.has(finding.ruleId)) continue;
    indexById.set(finding.ruleId, descriptors.length);
    descriptors.push(describeUnknownRule(finding.ruleId));
  }
  const log = {
    $schema: SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'scale-audit', version: result.tool.version, informationUri: INFORMATION_URI, rules: descriptors },
        },
        columnKind: 'utf16CodeUnits',
        results: all.map((finding) => toResult(finding, indexById.get(finding.ruleId)!)),
      },
    ],
  };
  yield* jsonPieces(log);
  yield '\n';
}

export const sarifReporter: Reporter = (result) => [...sarifReportPieces(result)].join('');

function describeRule(rule: Rule): ReportingDescriptor {
  const helpUri = `${INFORMATION_URI}#${rule.id}`;
  const { why, fix, example } = rule.docs;
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.docs.title },
    fullDescription: { text: why },
    help: {
      text: [fix, '', 'Flagged:', indent(example.bad), '', 'Stateless:', indent(example.good), '', `Docs: ${helpUri}`].join('\n'),
      markdown: [
        why,
        '',
        `**Fix:** ${fix}`,
        '',
        '**Flagged**',
        '',
        fence(example.bad),
        '',
        '**Stateless**',
        '',
        fence(example.good),
        '',
        `Docs: [${rule.id}](${helpUri})`,
      ].join('\n'),
    },
    helpUri,
    defaultConfiguration: { level: LEVELS[rule.severity] },
    properties: { tags: ['scalability', 'statelessness', rule.id] },
  };
}

function describeUnknownRule(id: string): ReportingDescriptor {
  return { id, name: pascalCase(id), shortDescription: { text: id }, properties: { tags: ['scalability', 'statelessness', id] } };
}

function toResult(finding: Finding | SuppressedFinding, ruleIndex: number): Record<string, unknown> {
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVELS[finding.severity],
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toUriReference(finding.file), uriBaseId: SRCROOT },
          region: {
            startLine: finding.line,
            startColumn: finding.column,
            endLine: finding.endLine,
            endColumn: finding.endColumn,
          },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    ...('suppression' in finding ? { suppressions: [toSuppression(finding)] } : {}),
  };
}

function toSuppression({ suppression: { kind, justification } }: SuppressedFinding): Suppression {
  return justification === undefined ? { kind } : { kind, justification };
}

/**
 * A relative path as a URI reference: every character outside RFC 3986's `pchar` is
 * percent-encoded, `:` included, so `c:x.js` is not read as a scheme and `#`, `?`, `%`, spaces
 * and non-ASCII names survive.
 */
function toUriReference(file: string): string {
  return file
    .split('/')
    .map((segment) => Array.from(segment, encodeChar).join(''))
    .join('/');
}

function encodeChar(char: string): string {
  if (/^[A-Za-z0-9\-._~!$&'()*+,;=@]$/.test(char)) return char;
  return Array.from(new TextEncoder().encode(char), (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/** `session-memory-store` → `SessionMemoryStore`. */
function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

function indent(code: string): string {
  return code
    .split('\n')
    .map((line) => (line ? `    ${line}` : ''))
    .join('\n');
}

/** A fenced code block whose fence is longer than any backtick run in the code. */
function fence(code: string): string {
  const longest = Math.max(0, ...Array.from(code.matchAll(/`+/g), (match) => match[0].length));
  const marks = '`'.repeat(Math.max(3, longest + 1));
  return `${marks}\n${code}\n${marks}`;
}
