// HAProxy config: sections (`backend app`, `listen web`…) holding one directive per line;
// `#` starts a comment.
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

// A `#` starts a comment unless it is escaped or inside quotes.
function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i]!;
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '#' && line[i - 1] !== '\\') {
      return line.slice(0, i);
    }
  }
  return line;
}
