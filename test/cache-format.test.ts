// The result cache stores its entries flattened, with each string once, in a table; decoding
// rebuilds the same entries, findings' field order included, and refuses anything damaged.
import { describe, expect, it, vi } from 'vitest';
import v8 from 'node:v8';
import { packEntries, unpackEntries, type CacheEntry, type EndOfRunRecord, type FolderRecord, type StoredCache } from '../src/engine/cache-format.js';
import { readFacts, type JoinedOutcome } from '../src/engine/file-outcome.js';

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

const outcome = (findings: JoinedOutcome['findings']): JoinedOutcome => ({
  scanned: true,
  skipped: [],
  findings,
  suppressions: [],
  facts: [['key', { value: 1 }]],
});

describe('cache format', () => {
  const entry = (hash: string, found: JoinedOutcome['findings'], extra: Partial<CacheEntry> = {}): CacheEntry => ({
    hash,
    outcome: outcome(found),
    files: [['/app/src/session.ts', 'h-session']],
    directories: [['/app/src', 'h-src']],
    ...extra,
  });
  const roundTrip = (entries: Map<string, CacheEntry>, folders = new Map<string, FolderRecord>(), endOfRun?: EndOfRunRecord) =>
    unpackEntries(structuredClone(packEntries(entries, folders, endOfRun)));
  /** The entries with their facts read. */
  const withFactsRead = (entries: Map<string, CacheEntry>) =>
    new Map([...entries].map(([file, entry]) => [file, { ...entry, outcome: { ...entry.outcome, facts: readFacts(entry.outcome.facts) } }]));

  it('round-trips entries (hashes, stats, findings with their fields in the order reports print them, facts, dependencies), folders and end-of-run findings', () => {
    const entries = new Map([
      ['/app/src/app.ts', entry('h-app', [finding(4), finding(9, 'another message')], { stat: [120, 1700000000123.456, 1700000000123.5, 77] })],
      ['/app/src/empty.ts', { hash: '', outcome: { scanned: false, skipped: [{ file: 'src/empty.ts', reason: 'binary file' }], findings: [], suppressions: [], facts: [] }, files: [], directories: [] }],
    ]);
    const folders = new Map([['/app/src', { hash: 'h-src', stat: [4096, 1700000000000.25, 1700000000000.25, 12] as FolderRecord['stat'] }]]);
    const endOfRun = { files: 'key-of-the-files', findings: [finding(12, 'made at the end')] };
    const restored = roundTrip(entries, folders, endOfRun);
    expect({ ...restored, entries: withFactsRead(restored!.entries) }).toEqual({ entries, folders, endOfRun });
    expect(roundTrip(entries, folders)?.endOfRun).toBeUndefined();
    expect(Object.keys(restored!.entries.get('/app/src/app.ts')!.outcome.findings[0]!)).toEqual(Object.keys(finding(1)));
    expect(restored!.entries.get('/app/src/empty.ts')).not.toHaveProperty('stat');
  });

  it('stores a string that several findings and entries share once, and leaves out what is empty', () => {
    const stored = packEntries(new Map([
      ['/app/a.ts', entry('h-a', [finding(1), finding(2), finding(3)])],
      ['/app/b.ts', entry('h-b', [finding(7)])],
      ['/app/c.ts', { hash: 'h-c', outcome: { scanned: true, skipped: [], findings: [], suppressions: [], facts: [] }, files: [], directories: [] }],
    ]), new Map(), undefined);
    expect(stored.strings.filter((text) => text === 'shared message …')).toHaveLength(1);
    expect(stored.strings.filter((text) => text === '/app/src/session.ts')).toHaveLength(1);
    expect(stored.rows.slice(8)).toEqual([[stored.strings.indexOf('h-c'), 1], undefined, undefined, undefined]);
  });

  it('decodes facts only when they are read, and reads facts that do not decode as none', () => {
    const entries = new Map([
      ['/app/a.ts', entry('h-a', [])],
      ['/app/b.ts', { hash: 'h-b', outcome: { ...outcome([]), facts: [] }, files: [], directories: [] }],
      ['/app/c.ts', { hash: 'h-c', outcome: { ...outcome([]), facts: [['other', new Map([['k', new Set(['v'])]])]] as [string, unknown][] }, files: [], directories: [] }],
    ]);
    const stored = packEntries(entries, new Map(), undefined);
    const decode = vi.spyOn(v8, 'deserialize');
    const restored = unpackEntries(structuredClone(stored))!.entries;
    const [a, b, c] = ['/app/a.ts', '/app/b.ts', '/app/c.ts'].map((file) => restored.get(file)!.outcome.facts);
    expect([Array.isArray(a), b, Array.isArray(c)]).toEqual([false, [], false]);
    expect(decode).not.toHaveBeenCalled();
    expect([readFacts(a!), readFacts(c!)]).toEqual([[['key', { value: 1 }]], [['other', new Map([['k', new Set(['v'])]])]]]);
    // All files' facts at once, the first time any are read.
    expect(decode).toHaveBeenCalledTimes(1);
    decode.mockRestore();
    // Facts encoded as something else than pairs of a file and its facts read as none, and say so once.
    for (const damaged of [new Uint8Array([1, 2, 3]), v8.serialize([0, 'not facts']), v8.serialize({ 0: [] })]) {
      const lost = vi.fn();
      const facts = unpackEntries({ ...structuredClone(stored), facts: damaged }, lost)!.entries;
      expect([readFacts(facts.get('/app/a.ts')!.outcome.facts), readFacts(facts.get('/app/c.ts')!.outcome.facts)]).toEqual([[], []]);
      expect(lost).toHaveBeenCalledTimes(1);
    }
  });

  it('refuses a body with a position outside the table, a value that is not a number, or rows missing', () => {
    const stored = packEntries(
      new Map([['/app/a.ts', entry('h-a', [finding(1)])]]),
      new Map([['/app', { hash: 'h-app', stat: [1, 2, 3, 4] }]]),
      { files: 'key', findings: [finding(2)] },
    );
    const withRow = (slot: number, value: unknown): StoredCache => ({ ...stored, rows: stored.rows.map((row, index) => (index === slot ? value : row)) });
    const findings = stored.rows[1] as number[];
    expect(unpackEntries(structuredClone(stored))).toBeDefined();
    expect(unpackEntries(withRow(1, findings.map((value, index) => (index === 7 ? 999 : value))))).toBeUndefined();
    expect(unpackEntries(withRow(1, [...findings.slice(0, 9), 'x']))).toBeUndefined();
    expect(unpackEntries(withRow(1, findings.slice(0, 5)))).toBeUndefined();
    expect(unpackEntries(withRow(0, [999, 1]))).toBeUndefined();
    expect(unpackEntries(withRow(0, [0, 1, 5]))).toBeUndefined();
    expect(unpackEntries(withRow(2, [0, 1]))).toBeUndefined();
    expect(unpackEntries(withRow(2, [0, -1, 3]))).toBeUndefined();
    expect(unpackEntries(withRow(3, 'facts'))).toBeUndefined();
    expect(unpackEntries(withRow(3, [[], [], []]))).toBeUndefined();
    expect(unpackEntries(withRow(0, [0, 4]))).toBeUndefined();
    // Flagged as having facts, with no facts in the body, or facts that are not bytes.
    expect(unpackEntries({ ...stored, facts: undefined })).toBeUndefined();
    expect(unpackEntries({ ...stored, facts: [1] as unknown as Uint8Array })).toBeUndefined();
    expect(unpackEntries({ ...stored, rows: stored.rows.slice(0, 3) })).toBeUndefined();
    expect(unpackEntries({ ...stored, strings: stored.strings.map((text, index) => (index === 0 ? 5 : text)) })).toBeUndefined();
    expect(unpackEntries({ ...stored, folders: stored.folders.slice(0, 5) })).toBeUndefined();
    expect(unpackEntries({ ...stored, folders: [999, ...stored.folders.slice(1)] })).toBeUndefined();
    expect(unpackEntries({ ...stored, folders: undefined as unknown as number[] })).toBeUndefined();
    expect(unpackEntries({ ...stored, endOfRun: [999, ...stored.endOfRun!.slice(1)] })).toBeUndefined();
    expect(unpackEntries({ ...stored, endOfRun: stored.endOfRun!.slice(0, 4) })).toBeUndefined();
    expect(unpackEntries(undefined)).toBeUndefined();
  });
});
