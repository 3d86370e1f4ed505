// TOML (Traefik's static and dynamic config): smol-toml checks that the file parses; a line
// scanner then lists every table header and key with its full dotted path and position.
import type * as Toml from 'smol-toml';
import { lazyModule } from './lazy-module.js';
import { indexOutsideQuotes, stripComment } from './line-text.js';
import { ConfigParseError, type Directive } from './types.js';

const toml = lazyModule<typeof Toml>('smol-toml');

export function parseToml(text: string): Directive[] {
  try {
    toml().parse(text);
  } catch (error) {
    const { line, column } = error as { line?: number; column?: number };
    throw new ConfigParseError((error as Error).message.split('\n')[0] ?? 'invalid TOML', line, column);
  }
  const directives: Directive[] = [];
  let table: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = stripComment(raw);
    const trimmed = line.trim();
    if (!trimmed) return;
    const column = line.length - line.trimStart().length + 1;
    const span = { line: index + 1, column, endLine: index + 1, endColumn: line.trimEnd().length + 1 };
    const header = /^\[\[?(.+?)\]\]?$/.exec(trimmed);
    if (header) {
      table = splitKey(header[1]!);
      directives.push({ name: table.join('.'), args: [], ...span });
      return;
    }
    const equals = indexOutsideQuotes(trimmed, '=');
    if (equals === -1) return;
    const key = splitKey(trimmed.slice(0, equals));
    directives.push({ name: [...table, ...key].join('.'), args: [trimmed.slice(equals + 1).trim()], ...span });
  });
  return directives;
}

// a."b.c".d -> ['a', 'b.c', 'd']
function splitKey(key: string): string[] {
  return [...key.matchAll(/"([^"]*)"|'([^']*)'|([^.\s]+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}
