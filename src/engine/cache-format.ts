// How the result cache is stored. V8's serialiser writes a string again at every occurrence, and
// decodes every object of the body into a new object, so the entries are flattened: four slots
// per file, mostly numbers, and each string (a rule's message, a file's name, a flagged line, a
// dependency and its hash) once, in a table. On the 50k benchmark tree the entries take 37 MB
// (100 MB as plain entries, 51 MB as entries with their findings' strings in a table) and decode
// in about 250 ms (440 ms); the end-of-run findings and folder stats bring the file to 40 MB.
import type { Finding } from '../types.js';
import type { JoinedOutcome } from './file-outcome.js';

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
 * - head: the hash's position, `scanned` as 1 or 0, then the stat's four numbers if there is one;
 * - findings: FIELDS.length numbers per finding, or `undefined` for none;
 * - dependencies: position pairs (file, hash), -1, then pairs (folder, hash); `undefined` for none;
 * - the rest of the outcome, `[facts, skipped, suppressions]`, or `undefined` when all are empty.
 * And per folder whose listing entries depend on, in `folders`: its position, its listing hash's
 * position, and its stat's four numbers. And in `endOfRun`, the findings the rules made at the end
 * of the last run that computed them, after the position of the key of its files.
 */
export interface StoredCache {
  strings: string[];
  files: string[];
  rows: unknown[];
  folders: number[];
  endOfRun: number[] | undefined;
}

/** The findings the rules made at the end of a run (`endOfRun`), and the key of the run's files. */
export interface EndOfRunRecord {
  files: string;
  findings: Finding[];
}

const SLOTS = 4;
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
  for (const [file, entry] of entries) {
    const { outcome } = entry;
    files.push(file);
    const head = [table.position(entry.hash), outcome.scanned ? 1 : 0, ...(entry.stat ?? [])];
    const findings = packFindings(outcome.findings, table);
    const dependencies = [...entry.files.flatMap((pair) => pair.map((text) => table.position(text))), DEPENDENCY_BREAK];
    dependencies.push(...entry.directories.flatMap((pair) => pair.map((text) => table.position(text))));
    const hasRest = outcome.facts.length > 0 || outcome.skipped.length > 0 || outcome.suppressions.length > 0;
    rows.push(
      head,
      findings.length > 0 ? findings : undefined,
      dependencies.length > 1 ? dependencies : undefined,
      hasRest ? [outcome.facts, outcome.skipped, outcome.suppressions] : undefined,
    );
  }
  const folders: number[] = [];
  for (const [folder, record] of folderRecords) folders.push(table.position(folder), table.position(record.hash), ...record.stat);
  const packedEndOfRun = endOfRun ? [table.position(endOfRun.files), ...packFindings(endOfRun.findings, table)] : undefined;
  return { strings: table.strings, files, rows, folders, endOfRun: packedEndOfRun };
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
): { entries: Map<string, CacheEntry>; folders: Map<string, FolderRecord>; endOfRun: EndOfRunRecord | undefined } | undefined {
  const stored = value as Partial<StoredCache> | undefined;
  const { strings, files, rows, folders: packedFolders, endOfRun: packedEndOfRun } = stored ?? {};
  if (!Array.isArray(strings) || !Array.isArray(files) || !Array.isArray(rows) || rows.length !== files.length * SLOTS) return undefined;
  if (!isNumbers(packedFolders) || packedFolders.length % FOLDER_SLOTS !== 0) return undefined;
  const text = (position: unknown): string | undefined => {
    const found: unknown = typeof position === 'number' ? strings[position] : undefined;
    return typeof found === 'string' ? found : undefined;
  };
  const entries = new Map<string, CacheEntry>();
  for (let index = 0; index < files.length; index += 1) {
    const [head, packedFindings, packedDependencies, rest] = rows.slice(index * SLOTS, (index + 1) * SLOTS);
    const file: unknown = files[index];
    if (typeof file !== 'string' || !isNumbers(head) || (head.length !== 2 && head.length !== 6)) return undefined;
    const hash = text(head[0]);
    const findings = packedFindings === undefined ? [] : unpackFindings(packedFindings, text);
    const dependencies = packedDependencies === undefined ? { files: [], directories: [] } : unpackDependencies(packedDependencies, text);
    const [facts, skipped, suppressions] = rest === undefined ? [[], [], []] : Array.isArray(rest) ? rest : [];
    if (hash === undefined || !findings || !dependencies || !Array.isArray(facts) || !Array.isArray(skipped) || !Array.isArray(suppressions)) return undefined;
    entries.set(file, {
      hash,
      ...(head.length === 6 ? { stat: head.slice(2) as FileStat } : {}),
      outcome: { scanned: head[1] === 1, skipped, findings, suppressions, facts },
      ...dependencies,
    });
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
    const [ruleId, severity, file, line, column, endLine, endColumn, message, source, fingerprint] = packed.slice(start, start + FIELDS.length);
    // In the order of a finding's fields everywhere else: reports print them in this order.
    const finding = {
      ruleId: text(ruleId),
      severity: text(severity),
      file: text(file),
      line,
      column,
      endLine,
      endColumn,
      message: text(message),
      fix: '',
      source: text(source),
      fingerprint: text(fingerprint),
    };
    if (![finding.ruleId, finding.severity, finding.file, finding.message, finding.source, finding.fingerprint].every((part) => part !== undefined)) return undefined;
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
