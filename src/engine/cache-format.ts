// How the result cache is stored. V8's serialiser writes a string again at every occurrence, and
// decodes every object of the body into a new object, so the entries are flattened: four slots
// per file, mostly numbers, and each string (a rule's message, a file's name, a flagged line, a
// dependency and its hash) once, in a table. On the 50k benchmark tree the file is 40 MB (100 MB
// of entries as they are, 51 MB with only their findings' strings in a table); half of it is the
// files' facts, decoded only when read (see `StoredCache`), and the rest decodes in about 300 ms.
import v8 from 'node:v8';
import type { Finding } from '../types.js';
import { readFacts, type DeferredFacts, type FileOutcome, type JoinedOutcome } from './file-outcome.js';

/** Size, modification and change times (milliseconds, fractions kept), inode. */
export type FileStat = [number, number, number, number];

/** A folder's listing hash, with the folder's stat when it was listed (kept only if settled then). */
export interface FolderRecord {
  hash: string;
  stat: FileStat;
}

export interface CacheEntry {
  /** Hash of the file's text (`''` when it could not be read). */
  hash: string;
  /** The file's stat when `hash` was taken, if it was settled by then (see result-cache.ts). */
  stat?: FileStat;
  outcome: JoinedOutcome;
  /** Hash of each dependency file (`''` when it could not be read) and of each folder's listing. */
  files: [string, string][];
  directories: [string, string][];
}

/**
 * The cache file's body. Per file, in `rows`, four slots:
 * - head: the hash's position, flags (HAS_BEEN_SCANNED, HAS_FACTS), then the stat's four numbers
 *   if there is one;
 * - findings: FIELDS.length numbers per finding, or `undefined` for none;
 * - dependencies: position pairs (file, hash), -1, then pairs (folder, hash); `undefined` for none;
 * - the rest of the outcome, `[skipped, suppressions]`, or `undefined` when both are empty.
 * The files' facts, in `facts`, encoded on their own (V8's serialiser) as pairs: the file's
 * position in `files`, its facts. They are decoded only when a run asks for them: on the 50k
 * benchmark tree they are half the file, and a rerun with nothing changed never reads them.
 * And per folder whose listing entries depend on, in `folders`: its position, its listing hash's
 * position, and its stat's four numbers. And in `endOfRun`, the findings the rules made at the end
 * of the last run that computed them, after the position of the key of its files.
 */
export interface StoredCache {
  strings: string[];
  files: string[];
  rows: unknown[];
  facts: Uint8Array | undefined;
  folders: number[];
  endOfRun: number[] | undefined;
}

/** The findings the rules made at the end of a run (`endOfRun`), and the key of the run's files. */
export interface EndOfRunRecord {
  files: string;
  findings: Finding[];
}

const SLOTS = 4;
const HAS_BEEN_SCANNED = 1;
const HAS_FACTS = 2;
const FOLDER_SLOTS = 6;
const DEPENDENCY_BREAK = -1;

/** A finding's fields in the order they are stored: strings as positions in the string table. */
const FIELDS = ['ruleId', 'severity', 'file', 'line', 'column', 'endLine', 'endColumn', 'message', 'source', 'fingerprint'] as const;
const NUMERIC: ReadonlySet<string> = new Set(['line', 'column', 'endLine', 'endColumn']);

export function packEntries(
  entries: ReadonlyMap<string, CacheEntry>,
  folderRecords: ReadonlyMap<string, FolderRecord>,
  endOfRun: EndOfRunRecord | undefined,
): StoredCache {
  const table = new StringTable();
  const files: string[] = [];
  const rows: unknown[] = [];
  const factPairs: unknown[] = [];
  for (const [file, entry] of entries) {
    const { outcome } = entry;
    const facts = readFacts(outcome.facts);
    if (facts.length > 0) factPairs.push(files.length, facts);
    files.push(file);
    const flags = (outcome.scanned ? HAS_BEEN_SCANNED : 0) | (facts.length > 0 ? HAS_FACTS : 0);
    const head = [table.position(entry.hash), flags, ...(entry.stat ?? [])];
    const findings = packFindings(outcome.findings, table);
    const dependencies = [...entry.files.flatMap((pair) => pair.map((text) => table.position(text))), DEPENDENCY_BREAK];
    dependencies.push(...entry.directories.flatMap((pair) => pair.map((text) => table.position(text))));
    const hasRest = outcome.skipped.length > 0 || outcome.suppressions.length > 0;
    rows.push(
      head,
      findings.length > 0 ? findings : undefined,
      dependencies.length > 1 ? dependencies : undefined,
      hasRest ? [outcome.skipped, outcome.suppressions] : undefined,
    );
  }
  const folders: number[] = [];
  for (const [folder, record] of folderRecords) folders.push(table.position(folder), table.position(record.hash), ...record.stat);
  const packedEndOfRun = endOfRun ? [table.position(endOfRun.files), ...packFindings(endOfRun.findings, table)] : undefined;
  const facts = factPairs.length > 0 ? v8.serialize(factPairs) : undefined;
  return { strings: table.strings, files, rows, facts, folders, endOfRun: packedEndOfRun };
}

function packFindings(findings: readonly Finding[], table: StringTable): number[] {
  const packed: number[] = [];
  for (const finding of findings) {
    for (const field of FIELDS) packed.push(NUMERIC.has(field) ? (finding[field] as number) : table.position(finding[field] as string));
  }
  return packed;
}

/** The entries and folders of a decoded body, or `undefined` if anything in it is not as `packEntries` writes it. */
export function unpackEntries(
  value: unknown,
  /** Told if the files' facts, when first read, do not decode (they then read as none). */
  onFactsLost: () => void = () => {},
): { entries: Map<string, CacheEntry>; folders: Map<string, FolderRecord>; endOfRun: EndOfRunRecord | undefined } | undefined {
  const stored = value as Partial<StoredCache> | undefined;
  const { strings, files, rows, facts: packedFacts, folders: packedFolders, endOfRun: packedEndOfRun } = stored ?? {};
  if (!Array.isArray(strings) || !Array.isArray(files) || !Array.isArray(rows) || rows.length !== files.length * SLOTS) return undefined;
  if (!isNumbers(packedFolders) || packedFolders.length % FOLDER_SLOTS !== 0) return undefined;
  if (packedFacts !== undefined && !(packedFacts instanceof Uint8Array)) return undefined;
  const storedFacts = packedFacts && new StoredFacts(packedFacts, onFactsLost);
  const text = (position: unknown): string | undefined => {
    const found: unknown = typeof position === 'number' ? strings[position] : undefined;
    return typeof found === 'string' ? found : undefined;
  };
  const entries = new Map<string, CacheEntry>();
  // Slots are read by position, not sliced out: this loop runs once per file of the tree.
  for (let index = 0; index < files.length; index += 1) {
    const row = index * SLOTS;
    const head: unknown = rows[row];
    const packedFindings: unknown = rows[row + 1];
    const packedDependencies: unknown = rows[row + 2];
    const rest: unknown = rows[row + 3];
    const file: unknown = files[index];
    if (typeof file !== 'string' || !isNumbers(head) || (head.length !== 2 && head.length !== 6)) return undefined;
    const [hashPosition, flags] = head as [number, number];
    const hash = text(hashPosition);
    if (!Number.isInteger(flags) || flags < 0 || flags > (HAS_BEEN_SCANNED | HAS_FACTS)) return undefined;
    if (flags & HAS_FACTS && !storedFacts) return undefined;
    const findings = packedFindings === undefined ? [] : unpackFindings(packedFindings, text);
    const dependencies = packedDependencies === undefined ? { files: [], directories: [] } : unpackDependencies(packedDependencies, text);
    const [skipped, suppressions] = rest === undefined ? [[], []] : Array.isArray(rest) && rest.length === 2 ? rest : [];
    if (hash === undefined || !findings || !dependencies || !Array.isArray(skipped) || !Array.isArray(suppressions)) return undefined;
    const facts = storedFacts && flags & HAS_FACTS ? storedFacts.of(index) : [];
    const outcome = { scanned: (flags & HAS_BEEN_SCANNED) !== 0, skipped, findings, suppressions, facts };
    entries.set(
      file,
      head.length === 6
        ? { hash, stat: [head[2]!, head[3]!, head[4]!, head[5]!], outcome, files: dependencies.files, directories: dependencies.directories }
        : { hash, outcome, files: dependencies.files, directories: dependencies.directories },
    );
  }
  const folders = new Map<string, FolderRecord>();
  for (let start = 0; start < packedFolders.length; start += FOLDER_SLOTS) {
    const [folder, hash] = [text(packedFolders[start]), text(packedFolders[start + 1])];
    if (folder === undefined || hash === undefined) return undefined;
    folders.set(folder, { hash, stat: packedFolders.slice(start + 2, start + FOLDER_SLOTS) as FileStat });
  }
  if (packedEndOfRun === undefined) return { entries, folders, endOfRun: undefined };
  const runFiles = isNumbers(packedEndOfRun) ? text(packedEndOfRun[0]) : undefined;
  const endOfRunFindings = runFiles === undefined ? undefined : unpackFindings(packedEndOfRun.slice(1), text);
  if (runFiles === undefined || !endOfRunFindings) return undefined;
  return { entries, folders, endOfRun: { files: runFiles, findings: endOfRunFindings } };
}

/**
 * The facts of the cache's files, decoded all at once the first time any file's are read. Facts
 * that do not decode as `packEntries` wrote them (the body's checksum matched, so only a bug could
 * cause it) read as none, and `onLost` is told.
 */
class StoredFacts {
  private decoded: Map<number, FileOutcome['facts']> | undefined;

  constructor(
    private bytes: Uint8Array | undefined,
    private readonly onLost: () => void,
  ) {}

  of(index: number): DeferredFacts {
    return { read: () => this.decode().get(index) ?? [] };
  }

  private decode(): Map<number, FileOutcome['facts']> {
    if (!this.decoded) {
      this.decoded = new Map();
      let pairs: unknown;
      try {
        pairs = this.bytes && v8.deserialize(this.bytes);
      } catch {
        pairs = undefined;
      }
      this.bytes = undefined;
      if (!Array.isArray(pairs) || pairs.length % 2 !== 0) return this.lost();
      for (let at = 0; at < pairs.length; at += 2) {
        const [index, facts]: unknown[] = pairs.slice(at, at + 2);
        if (typeof index !== 'number' || !isFactList(facts)) return this.lost();
        this.decoded.set(index, facts);
      }
    }
    return this.decoded;
  }

  private lost(): Map<number, FileOutcome['facts']> {
    this.decoded = new Map();
    this.onLost();
    return this.decoded;
  }
}

function isFactList(value: unknown): value is FileOutcome['facts'] {
  return Array.isArray(value) && value.every((fact) => Array.isArray(fact) && fact.length === 2 && typeof fact[0] === 'string');
}

class StringTable {
  readonly strings: string[] = [];
  private readonly positions = new Map<string, number>();

  position(text: string): number {
    let position = this.positions.get(text);
    if (position === undefined) {
      position = this.strings.push(text) - 1;
      this.positions.set(text, position);
    }
    return position;
  }
}

function isNumbers(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'number');
}

/** Findings rebuilt (fix left empty, as outcomes carry it). */
function unpackFindings(packed: unknown, text: (position: unknown) => string | undefined): Finding[] | undefined {
  if (!isNumbers(packed) || packed.length % FIELDS.length !== 0) return undefined;
  const findings: Finding[] = [];
  for (let start = 0; start < packed.length; start += FIELDS.length) {
    // In the order of FIELDS, and of a finding's fields everywhere else: reports print them so.
    const finding = {
      ruleId: text(packed[start]),
      severity: text(packed[start + 1]),
      file: text(packed[start + 2]),
      line: packed[start + 3],
      column: packed[start + 4],
      endLine: packed[start + 5],
      endColumn: packed[start + 6],
      message: text(packed[start + 7]),
      fix: '',
      source: text(packed[start + 8]),
      fingerprint: text(packed[start + 9]),
    };
    const { ruleId, severity, file, message, source, fingerprint } = finding;
    if (ruleId === undefined || severity === undefined || file === undefined || message === undefined || source === undefined || fingerprint === undefined) {
      return undefined;
    }
    findings.push(finding as Finding);
  }
  return findings;
}

function unpackDependencies(packed: unknown, text: (position: unknown) => string | undefined): Pick<CacheEntry, 'files' | 'directories'> | undefined {
  if (!isNumbers(packed)) return undefined;
  const split = packed.indexOf(DEPENDENCY_BREAK);
  const pairs = (positions: number[]): [string, string][] | undefined => {
    if (positions.length % 2 !== 0) return undefined;
    const result: [string, string][] = [];
    for (let at = 0; at < positions.length; at += 2) {
      const [name, hash] = [text(positions[at]), text(positions[at + 1])];
      if (name === undefined || hash === undefined) return undefined;
      result.push([name, hash]);
    }
    return result;
  };
  const files = split === -1 ? undefined : pairs(packed.slice(0, split));
  const directories = split === -1 ? undefined : pairs(packed.slice(split + 1));
  return files && directories ? { files, directories } : undefined;
}
