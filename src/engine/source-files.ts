// Parsing: the TypeScript compiler that ts-morph bundles, in parse-only mode (no program, no type
// checker, no dependency resolution), JSX on in every file kind that allows it. Each file is
// parsed straight into a compiler SourceFile: going through a ts-morph Project costs about 5x the
// parse itself (measured on 6,000 files: 2.96 s with createSourceFile + removeSourceFile, 0.60 s
// with the compiler's createSourceFile), and rules read the raw nodes anyway.
import path from 'node:path';
import { ts } from '#typescript';

const SCRIPT_KINDS: Record<string, ts.ScriptKind> = {
  '.js': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
  '.mjs': ts.ScriptKind.JS,
  '.jsx': ts.ScriptKind.JSX,
  '.ts': ts.ScriptKind.TS,
  '.cts': ts.ScriptKind.TS,
  '.mts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
};

/** A file refused as too deep to analyse; `reason` says how deep, for the list of skipped files. */
export class NestingTooDeepError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * Parses `text` as the file at `filePath` (its extension picks JS, JSX, TS or TSX). Throws
 * NestingTooDeepError for brackets nested deeper than MAX_NESTING (checked before parsing) or a
 * syntax tree deeper than MAX_TREE_DEPTH.
 */
export function parseSource(filePath: string, text: string): ts.SourceFile {
  if (exceedsNesting(text)) throw new NestingTooDeepError(`nested too deeply to analyse (brackets more than ${MAX_NESTING} levels deep)`);
  const kind = SCRIPT_KINDS[path.extname(filePath).toLowerCase()] ?? ts.ScriptKind.TS;
  // JSDoc is left unparsed: no rule reads it, and in JavaScript files it is a tenth of the parse.
  const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  const sourceFile = ts.createSourceFile(filePath, text, options, false, kind);
  if (setParents(sourceFile) > MAX_TREE_DEPTH) throw new NestingTooDeepError('nested too deeply to analyse (syntax tree more than 1,000 levels deep)');
  return sourceFile;
}

// Parent pointers, set here rather than by the parser: the parser's pass (`setParentNodes`)
// allocates an array and a closure for every node, a quarter of all the memory a scan allocated
// (sampled on the npm corpus). This pass allocates nothing but its stack, and needs no recursion,
// so no nesting depth can overflow it; it also measures the tree's depth.
const pending: ts.Node[] = [];
const pendingDepths: number[] = [];
let currentParent: ts.Node | undefined;
let childDepth = 0;

function adopt(child: ts.Node): undefined {
  (child as { parent: ts.Node }).parent = currentParent!;
  pending.push(child);
  pendingDepths.push(childDepth);
  return undefined;
}

/** Sets every node's parent; returns the depth of the deepest node (the file itself is 0). */
function setParents(sourceFile: ts.SourceFile): number {
  let deepest = 0;
  // Empty already, unless a pass was cut short (out of memory): the two stacks must stay in step.
  pending.length = 0;
  pendingDepths.length = 0;
  pending.push(sourceFile);
  pendingDepths.push(0);
  while (pending.length > 0) {
    const node = pending.pop()!;
    const depth = pendingDepths.pop()!;
    if (depth > deepest) deepest = depth;
    currentParent = node;
    childDepth = depth + 1;
    ts.forEachChild(node, adopt);
    const jsDoc = (node as { jsDoc?: ts.Node[] }).jsDoc;
    if (jsDoc) for (const doc of jsDoc) adopt(doc);
  }
  currentParent = undefined;
  return deepest;
}

/** The first syntax error the parser recovered from, as `line:column message`. */
export function describeFirstSyntaxError(sourceFile: ts.SourceFile): string | undefined {
  const diagnostics = (sourceFile as ts.SourceFile & { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics;
  const first = diagnostics?.[0];
  if (!first || first.start === undefined) return undefined;
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(first.start);
  const text = ts.flattenDiagnosticMessageText(first.messageText, ' ');
  return `syntax error at ${line + 1}:${character + 1}: ${text}`;
}

/** Deeper bracket nesting than this is skipped before parsing (see `exceedsNesting`). */
export const MAX_NESTING = 256;

/**
 * A deeper syntax tree is skipped once parsed. Chains without brackets (`a + b + …`, `else if`,
 * `x = y = …`, method calls, JSX) nest too, and the walk and the rules recurse per level. Where
 * they ran out of stack depended on the thread and on how warm the JIT was: a 2,000-term sum was
 * analysed by one run or thread and skipped by another. Measured on both kinds of thread, cold and
 * warm, no chain of a dozen shapes ran out at 1,500 levels. The parser itself runs out on a few
 * shapes, before this check: generic types nested some 550 deep (`<` is not counted as a
 * bracket), arrow functions beyond 1,300. Those came out the same on every thread when measured,
 * but near the edge they may not.
 */
export const MAX_TREE_DEPTH = 1000;

/**
 * Whether brackets nest deeper than `limit` anywhere in `text` (strings and comments skipped; a
 * regular expression's brackets may count, which only matters near the limit). The parser and the
 * walk recurse per level, and where they run out of stack depends on the thread and on how warm
 * the JIT is; checking the depth first makes "too deep" the same answer on every thread and run.
 * No hand-written code comes near 256 levels.
 */
export function exceedsNesting(text: string, limit = MAX_NESTING): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 40 || code === 91 || code === 123) {
      // ( [ {
      if (++depth > limit) return true;
    } else if (code === 41 || code === 93 || code === 125) {
      // ) ] }
      if (depth > 0) depth -= 1;
    } else if (code === 34 || code === 39) {
      // "…" or '…' on one line
      for (i += 1; i < text.length && text.charCodeAt(i) !== code && text.charCodeAt(i) !== 10; i += 1) if (text.charCodeAt(i) === 92) i += 1;
    } else if (code === 47 && text.charCodeAt(i + 1) === 47) {
      // // comment
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (code === 47 && text.charCodeAt(i + 1) === 42) {
      // /* comment */
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 1;
    }
  }
  return false;
}
