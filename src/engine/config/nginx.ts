// nginx config: a small tokenizer (words, quoted strings, braces, semicolons, comments) and a
// block parser. Comments and the text in quotes never count as structure.
import { ConfigParseError, type Directive } from './types.js';

interface Token {
  text: string;
  kind: 'word' | '{' | '}' | ';';
  line: number;
  column: number;
  endColumn: number;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let column = 1;
  let index = 0;
  const advance = (count: number): void => {
    for (let i = 0; i < count; i += 1) {
      if (text[index] === '\n') {
        line += 1;
        column = 1;
      } else {
        column += 1;
      }
      index += 1;
    }
  };
  while (index < text.length) {
    const char = text[index]!;
    if (/\s/.test(char)) {
      advance(1);
    } else if (char === '#') {
      while (index < text.length && text[index] !== '\n') advance(1);
    } else if (char === '{' || char === '}' || char === ';') {
      tokens.push({ text: char, kind: char, line, column, endColumn: column + 1 });
      advance(1);
    } else {
      const startLine = line;
      const startColumn = column;
      let value = '';
      while (index < text.length && !/[\s{};]/.test(text[index]!) && text[index] !== '#') {
        const current = text[index]!;
        if (current === '"' || current === "'") {
          const close = text.indexOf(current, index + 1);
          if (close === -1) throw new ConfigParseError('unterminated string', line, column);
          value += text.slice(index + 1, close);
          advance(close - index + 1);
        } else {
          value += current;
          advance(1);
        }
      }
      tokens.push({ text: value, kind: 'word', line: startLine, column: startColumn, endColumn: column });
    }
  }
  return tokens;
}

/** `name args… ;` or `name args… { … }`, nested. */
export function parseNginx(text: string): Directive[] {
  const tokens = tokenize(text);
  let position = 0;
  const parseBlock = (closing: boolean): Directive[] => {
    const directives: Directive[] = [];
    while (position < tokens.length) {
      const token = tokens[position]!;
      if (token.kind === '}') {
        if (!closing) throw new ConfigParseError("unexpected '}'", token.line, token.column);
        position += 1;
        return directives;
      }
      if (token.kind !== 'word') throw new ConfigParseError(`unexpected '${token.text}'`, token.line, token.column);
      const args: string[] = [];
      position += 1;
      while (position < tokens.length && tokens[position]!.kind === 'word') {
        args.push(tokens[position]!.text);
        position += 1;
      }
      const terminator = tokens[position];
      if (!terminator) throw new ConfigParseError(`'${token.text}' is not closed by ';' or '{'`, token.line, token.column);
      position += 1;
      const directive: Directive = { name: token.text, args, line: token.line, column: token.column, endLine: terminator.line, endColumn: terminator.endColumn };
      if (terminator.kind === '{') directive.children = parseBlock(true);
      else if (terminator.kind !== ';') throw new ConfigParseError(`unexpected '${terminator.text}'`, terminator.line, terminator.column);
      directives.push(directive);
    }
    if (closing) throw new ConfigParseError("a block is not closed by '}'");
    return directives;
  };
  return parseBlock(false);
}
