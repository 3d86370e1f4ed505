// Reads the expectations written into fixture files: a comment on the line before a code line,
// `// expect: <rule-id>`, `// ok: …`, `// todo-expect: …`, `// todo-ok: …` (or `#` in config files).
import { readFileSync } from 'node:fs';

export type AnnotationKind = 'expect' | 'ok' | 'todo-expect' | 'todo-ok';

export interface Annotation {
  kind: AnnotationKind;
  ruleId: string;
  /** 1-based line the annotation speaks about (the next line that is not an annotation). */
  line: number;
}

const ANNOTATION = /^\s*(?:\/\/|#|\/\*)\s*(expect|ok|todo-expect|todo-ok):\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/;

export function readAnnotations(filePath: string): Annotation[] {
  const lines = readFileSync(filePath, 'utf8').split(/\r?\n/);
  const annotations: Annotation[] = [];
  let pending: Omit<Annotation, 'line'>[] = [];
  lines.forEach((text, index) => {
    const match = ANNOTATION.exec(text);
    if (match) {
      for (const ruleId of match[2]!.split(',')) pending.push({ kind: match[1] as AnnotationKind, ruleId: ruleId.trim() });
      return;
    }
    for (const annotation of pending) annotations.push({ ...annotation, line: index + 1 });
    pending = [];
  });
  return annotations;
}

/** Compares reported lines with the annotations; returns one message per mismatch. */
export function compareWithAnnotations(
  annotations: readonly Annotation[],
  reportedLines: readonly number[],
  ruleId: string,
): string[] {
  const problems: string[] = [];
  const reported = new Set(reportedLines);
  const own = annotations.filter((annotation) => annotation.ruleId === ruleId);
  const mustReport = new Set(own.filter((a) => a.kind === 'expect' || a.kind === 'todo-ok').map((a) => a.line));
  for (const annotation of own) {
    const isReported = reported.has(annotation.line);
    if (annotation.kind === 'expect' && !isReported) problems.push(`line ${annotation.line}: expected ${ruleId}, not reported`);
    if (annotation.kind === 'ok' && isReported) problems.push(`line ${annotation.line}: marked ok, but ${ruleId} reported it`);
    if (annotation.kind === 'todo-expect' && isReported) {
      problems.push(`line ${annotation.line}: todo-expect is now reported; promote it to expect`);
    }
    if (annotation.kind === 'todo-ok' && !isReported) problems.push(`line ${annotation.line}: todo-ok no longer reported; promote it to ok`);
  }
  for (const line of reported) {
    const annotated = own.some((a) => a.line === line && (a.kind === 'ok' || a.kind === 'todo-expect'));
    if (!mustReport.has(line) && !annotated) problems.push(`line ${line}: ${ruleId} reported without an expect annotation`);
  }
  return problems;
}
