// How the result cache stores findings: each string once. V8's serialiser writes a string again
// at every occurrence, and a rule's message (some 200 characters), a file's name and a flagged
// line recur across findings: on the 50k benchmark tree the cache was 100 MB with them and is
// 49 MB without, and a warm run no longer decodes, then collects, a copy per finding.
import type { Finding } from '../types.js';
import type { FileOutcome } from './file-outcome.js';

/** A finding's fields in the order they are stored: strings as positions in the string table. */
const FIELDS = ['ruleId', 'severity', 'file', 'line', 'column', 'endLine', 'endColumn', 'message', 'source', 'fingerprint'] as const;
const NUMERIC: ReadonlySet<string> = new Set(['line', 'column', 'endLine', 'endColumn']);

/** An outcome as stored: its findings flattened to FIELDS.length numbers each. */
export type StoredOutcome = Omit<FileOutcome, 'findings'> & { findings: number[] };

export class StringTable {
  readonly strings: string[] = [];
  private readonly positions = new Map<string, number>();

  pack(outcome: FileOutcome): StoredOutcome {
    const findings: number[] = [];
    for (const finding of outcome.findings) {
      for (const field of FIELDS) findings.push(NUMERIC.has(field) ? (finding[field] as number) : this.position(finding[field] as string));
    }
    return { ...outcome, findings };
  }

  private position(text: string): number {
    let position = this.positions.get(text);
    if (position === undefined) {
      position = this.strings.push(text) - 1;
      this.positions.set(text, position);
    }
    return position;
  }
}

/** The outcome with its findings rebuilt (fix left empty, as outcomes carry it); undefined if damaged. */
export function unpackOutcome(stored: StoredOutcome, strings: readonly unknown[]): FileOutcome | undefined {
  const packed: unknown = stored.findings;
  if (!Array.isArray(packed) || packed.length % FIELDS.length !== 0 || !packed.every((value) => typeof value === 'number')) return undefined;
  const findings: Finding[] = [];
  for (let start = 0; start < packed.length; start += FIELDS.length) {
    const [ruleId, severity, file, line, column, endLine, endColumn, message, source, fingerprint] = packed.slice(start, start + FIELDS.length) as number[];
    // In the order of a finding's fields everywhere else: reports print them in this order.
    const finding = {
      ruleId: strings[ruleId!],
      severity: strings[severity!],
      file: strings[file!],
      line,
      column,
      endLine,
      endColumn,
      message: strings[message!],
      fix: '',
      source: strings[source!],
      fingerprint: strings[fingerprint!],
    };
    if (![finding.ruleId, finding.severity, finding.file, finding.message, finding.source, finding.fingerprint].every((text) => typeof text === 'string')) return undefined;
    findings.push(finding as Finding);
  }
  return { ...stored, findings };
}
