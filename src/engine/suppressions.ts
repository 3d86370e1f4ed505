// Inline suppressions: `// scale-audit-ignore-next-line <rule-id>[, <rule-id>] -- <reason>`,
// `// scale-audit-ignore-line …` at the end of a line, `/* scale-audit-ignore-file … */`, and the
// same after `#` in YAML, nginx, HAProxy and Terraform files. A reason is required: a suppression
// without one still suppresses, and is itself reported.
import type { Finding, SuppressedFinding } from '../types.js';

export interface SuppressionComment {
  scope: 'next-line' | 'line' | 'file';
  ruleIds: string[];
  reason: string | undefined;
  /** 1-based position of the comment. */
  line: number;
  /** For next-line in code: the last line of the statement that starts on the next line. */
  lastLine?: number;
  column: number;
  source: string;
}

const DIRECTIVE = /(\/\/|\/\*|#)\s*scale-audit-ignore-(next-line|line|file)\b([^\n]*)/;

/** The suppression comments of a file, found by a line scan (cheap: only lines naming the tool). */
export function findSuppressionComments(text: string): SuppressionComment[] {
  if (!text.includes('scale-audit-ignore-')) return [];
  const comments: SuppressionComment[] = [];
  // Lines as TypeScript counts them (CRLF, CR, LF, U+2028, U+2029), so a line number matches.
  text.split(/\r\n|[\r\n\u2028\u2029]/).forEach((source, index) => {
    const match = DIRECTIVE.exec(source);
    if (!match || isInsideString(source.slice(0, match.index))) return;
    const body = match[3]!.replace(/\*\/\s*$/, '').trim();
    const [ids, ...reasonParts] = body.split(/\s--\s|\s--$|^--\s?/);
    const reason = reasonParts.join(' -- ').trim();
    comments.push({
      scope: match[2] as SuppressionComment['scope'],
      ruleIds: (ids ?? '').split(/[\s,]+/).filter(Boolean),
      reason: reason || undefined,
      line: index + 1,
      column: match.index + 1,
      source: source.trimEnd(),
    });
  });
  return comments;
}

// `'// scale-audit-ignore-line x'` in a string is text, not a comment: scan the line up to the
// marker and see whether a quote is still open there.
function isInsideString(before: string): boolean {
  let quote: string | undefined;
  for (let i = 0; i < before.length; i += 1) {
    const char = before[i]!;
    if (char === '\\') i += 1;
    else if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'" || char === '`') quote = char;
  }
  return quote !== undefined;
}

export interface SuppressionOutcome {
  kept: Finding[];
  suppressed: SuppressedFinding[];
  /** Comments that matched no finding. */
  unused: { file: string; comment: SuppressionComment }[];
}

/** Splits findings into kept and suppressed by the comments of their files. */
export function applySuppressions(
  findings: readonly Finding[],
  commentsByFile: ReadonlyMap<string, readonly SuppressionComment[]>,
): SuppressionOutcome {
  const used = new Set<SuppressionComment>();
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const finding of findings) {
    const comment = commentsByFile.get(finding.file)?.find((candidate) => covers(candidate, finding));
    if (!comment) {
      kept.push(finding);
      continue;
    }
    used.add(comment);
    suppressed.push({ ...finding, suppression: { kind: 'inSource', justification: comment.reason } });
  }
  const unused = [...commentsByFile].flatMap(([file, comments]) =>
    comments.filter((comment) => !used.has(comment)).map((comment) => ({ file, comment })),
  );
  return { kept, suppressed, unused };
}

function covers(comment: SuppressionComment, finding: Finding): boolean {
  if (!comment.ruleIds.includes(finding.ruleId)) return false;
  if (comment.scope === 'file') return true;
  if (comment.scope === 'line') return finding.line === comment.line;
  return finding.line >= comment.line + 1 && finding.line <= (comment.lastLine ?? comment.line + 1);
}
