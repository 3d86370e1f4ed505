// HAProxy config: sections (`backend app`, `listen web`…) holding one directive per line;
// `#` starts a comment.
import { stripComment } from './line-text.js';
import { ConfigParseError, type Directive } from './types.js';

const SECTIONS = new Set([
  'global', 'defaults', 'frontend', 'backend', 'listen', 'peers', 'resolvers', 'userlist',
  'program', 'http-errors', 'ring', 'cache', 'mailers', 'fcgi-app', 'crt-store', 'traces',
]);

/** True when the first meaningful line opens an HAProxy section (how a `*.cfg` is recognised). */
export function looksLikeHaproxy(text: string): boolean {
  for (const raw of text.split(/\r?\n/)) {
    const line = stripComment(raw).trim();
    if (line) return SECTIONS.has(line.split(/\s+/)[0]!);
  }
  return false;
}

export function parseHaproxy(text: string): Directive[] {
  const sections: Directive[] = [];
  let current: Directive | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const content = stripComment(raw);
    const words = content.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) return;
    const column = content.length - content.trimStart().length + 1;
    const directive: Directive = {
      name: words[0]!,
      args: words.slice(1),
      line: index + 1,
      column,
      endLine: index + 1,
      endColumn: content.trimEnd().length + 1,
    };
    if (SECTIONS.has(directive.name)) {
      current = { ...directive, children: [] };
      sections.push(current);
    } else if (!current) {
      throw new ConfigParseError(`'${directive.name}' appears before any section`, directive.line, directive.column);
    } else {
      current.children!.push(directive);
    }
  });
  return sections;
}
