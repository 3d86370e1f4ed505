// The baseline: the findings a team has accepted for now, so CI fails only on new ones. Entries
// match by fingerprint (rule, file, flagged construct, enclosing function, occurrence), never by
// line, so edits elsewhere do not make an accepted finding "new".
import { stripBom } from './read-source.js';
import { readFileSync } from 'node:fs';
import type { BaselineEntryData, Finding, SuppressedFinding } from '../types.js';

export const DEFAULT_BASELINE_FILE = '.scale-audit-baseline.json';

/** `line` and `message` are where and what it was when written, for a reader of the diff. */
export type BaselineEntry = BaselineEntryData;

export interface BaselineFile {
  version: 1;
  entries: BaselineEntry[];
}

export class BaselineError extends Error {}

/**
 * The baseline for `findings`: one entry each, sorted, stable from run to run; `file` is the path
 * from the project root, like the fingerprint.
 */
export function createBaseline(findings: readonly Finding[], projectPath: (file: string) => string = (file) => file): BaselineFile {
  const entries = findings
    .map(({ ruleId, file, fingerprint, line, message }) => ({ ruleId, file: projectPath(file), fingerprint, line, message }))
    .sort((a, b) => compare(a.file, b.file) || compare(a.ruleId, b.ruleId) || compare(a.fingerprint, b.fingerprint));
  return { version: 1, entries };
}

export function formatBaseline(baseline: BaselineFile): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

export function readBaseline(filePath: string): BaselineFile {
  let data: unknown;
  try {
    data = JSON.parse(stripBom(readFileSync(filePath, 'utf8')));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new BaselineError(`cannot read the baseline ${filePath}: ${reason}`);
  }
  const entries = (data as { entries?: unknown }).entries;
  const isEntry = (entry: unknown): entry is BaselineEntry =>
    typeof entry === 'object' && entry !== null && ['ruleId', 'file', 'fingerprint'].every((key) => typeof (entry as Record<string, unknown>)[key] === 'string');
  if ((data as { version?: unknown }).version !== 1 || !Array.isArray(entries) || !entries.every(isEntry)) {
    throw new BaselineError(`${filePath} is not a scale-audit baseline (expected { "version": 1, "entries": [{ ruleId, file, fingerprint, … }] })`);
  }
  return { version: 1, entries };
}

/** Hides findings the baseline accepts; returns the entries no finding matched any more. */
export function applyBaseline(
  findings: readonly Finding[],
  baseline: BaselineFile,
): { kept: Finding[]; suppressed: SuppressedFinding[]; fixed: BaselineEntry[] } {
  // The fingerprint already names the file (from the project root); the rule keeps ids apart.
  const key = (entry: Pick<BaselineEntry, 'ruleId' | 'fingerprint'>): string => `${entry.ruleId}\0${entry.fingerprint}`;
  const accepted = new Map(baseline.entries.map((entry) => [key(entry), entry]));
  const matched = new Set<string>();
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const finding of findings) {
    if (accepted.has(key(finding))) {
      matched.add(key(finding));
      suppressed.push({ ...finding, suppression: { kind: 'external' } });
    } else {
      kept.push(finding);
    }
  }
  const fixed = baseline.entries.filter((entry) => !matched.has(key(entry)));
  return { kept, suppressed, fixed };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
