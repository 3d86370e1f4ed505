// What a next-line suppression comment covers in code: the whole statement that starts on the
// next line. Apart from suppressions.ts because it reads the syntax tree (the compiler's), and the
// rest of suppression handling runs without it.
import { ts } from '#typescript';
import type { SuppressionComment } from './suppressions.js';

/**
 * A formatter wraps long calls (`app.use(\n  session({…}),\n)`): a next-line comment covers
 * the whole statement that starts on the next line.
 */
export function extendToStatements(comments: readonly SuppressionComment[], sourceFile: ts.SourceFile): void {
  // Most files have no suppression comment, and nothing else may need their line starts.
  if (comments.length === 0) return;
  const lineStarts = sourceFile.getLineStarts();
  for (const comment of comments) {
    if (comment.scope !== 'next-line' || comment.line >= lineStarts.length) continue;
    // Where the next line's code starts; then down the tree through the nodes that hold it only,
    // not a walk of the whole file.
    const lineStart = lineStarts[comment.line]!;
    const code = lineStart + (/^\s*/.exec(sourceFile.text.slice(lineStart, lineStarts[comment.line + 1] ?? sourceFile.text.length))?.[0].length ?? 0);
    let node: ts.Node | undefined = sourceFile;
    while (node) {
      if ((ts.isStatement(node) || ts.isClassElement(node)) && node.getStart(sourceFile) === code) {
        comment.lastLine = Math.max(comment.lastLine ?? 0, sourceFile.getLineAndCharacterOfPosition(node.getEnd()).line + 1);
      }
      node = ts.forEachChild(node, (child) => (child.getStart(sourceFile) <= code && code < child.getEnd() ? child : undefined));
    }
  }
}
