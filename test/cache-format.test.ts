// The result cache stores each finding's strings once, in a table; decoding rebuilds the same
// findings, field order included, and refuses a damaged table.
import { describe, expect, it } from 'vitest';
import { StringTable, unpackOutcome } from '../src/engine/cache-format.js';
import type { FileOutcome } from '../src/engine/file-outcome.js';

const finding = (line: number, message = 'shared message …') => ({
  ruleId: 'session-memory-store',
  severity: 'error' as const,
  file: 'src/app.ts',
  line,
  column: 3,
  endLine: line + 1,
  endColumn: 9,
  message,
  fix: '',
  source: '  app.use(session({ secret }));',
  fingerprint: 'e668bc0d3039a973e903',
});

const outcome = (findings: FileOutcome['findings']): FileOutcome => ({
  scanned: true,
  skipped: [],
  findings,
  suppressions: [],
  facts: [['key', { value: 1 }]],
  dependencies: { files: ['src/session.ts'], directories: ['src'] },
});

describe('cache format', () => {
  it('round-trips findings, with their fields in the order reports print them', () => {
    const original = outcome([finding(4), finding(9, 'another message')]);
    const table = new StringTable();
    const stored = table.pack(original);
    const restored = unpackOutcome(stored, table.strings);
    expect(restored).toEqual(original);
    expect(Object.keys(restored!.findings[0]!)).toEqual(Object.keys(finding(1)));
  });

  it('stores a string that several findings share once', () => {
    const table = new StringTable();
    table.pack(outcome([finding(1), finding(2), finding(3)]));
    table.pack(outcome([finding(7)]));
    expect(table.strings.filter((text) => text === 'shared message …')).toHaveLength(1);
    expect(table.strings).toHaveLength(6);
  });

  it('refuses findings that point outside the table or are not numbers', () => {
    const table = new StringTable();
    const stored = table.pack(outcome([finding(1)]));
    expect(unpackOutcome({ ...stored, findings: stored.findings.map((value, index) => (index === 7 ? 999 : value)) }, table.strings)).toBeUndefined();
    expect(unpackOutcome({ ...stored, findings: [...stored.findings.slice(0, 9), 'x' as unknown as number] }, table.strings)).toBeUndefined();
    expect(unpackOutcome({ ...stored, findings: stored.findings.slice(0, 5) }, table.strings)).toBeUndefined();
  });
});
