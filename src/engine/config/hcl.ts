// Terraform (HCL): blocks (`resource "aws_lb_target_group" "app" { … }`) and attributes
// (`enabled = true`), with comments, strings, interpolation and heredocs skipped correctly.
// Attribute values are kept as their source text.
import { ConfigParseError, type Directive } from './types.js';

export function parseHcl(text: string): Directive[] {
  const scanner = new Scanner(text);
  const body = parseBody(scanner, false);
  return body;
}

function parseBody(scanner: Scanner, nested: boolean): Directive[] {
  const items: Directive[] = [];
  for (;;) {
    scanner.skipSpaceAndComments(true);
    if (scanner.done) {
      if (nested) throw new ConfigParseError("a block is not closed by '}'");
      return items;
    }
    if (scanner.peek() === '}') {
      if (!nested) throw new ConfigParseError("unexpected '}'", scanner.line, scanner.column);
      scanner.next();
      return items;
    }
    const start = scanner.position();
    const name = scanner.readIdentifier();
    if (!name) throw new ConfigParseError(`unexpected '${scanner.peek()}'`, scanner.line, scanner.column);
    scanner.skipSpaceAndComments(false);
    if (scanner.peek() === '=' && scanner.peek(1) !== '=') {
      scanner.next();
      const value = scanner.readValue();
      const end = scanner.position();
      items.push({ name, args: [value.trim()], ...start, endLine: end.line, endColumn: end.column });
      continue;
    }
    const labels: string[] = [];
    while (!scanner.done && scanner.peek() !== '{') {
      const label = scanner.peek() === '"' ? scanner.readString() : scanner.readIdentifier();
      if (!label) throw new ConfigParseError(`unexpected '${scanner.peek()}' after '${name}'`, scanner.line, scanner.column);
      labels.push(label);
      scanner.skipSpaceAndComments(false);
    }
    if (scanner.done) throw new ConfigParseError(`'${name}' has no body`, start.line, start.column);
    const open = scanner.position();
    scanner.next();
    items.push({ name, args: labels, ...start, endLine: open.line, endColumn: open.column + 1, children: parseBody(scanner, true) });
  }
}

class Scanner {
  private index = 0;
  line = 1;
  column = 1;

  constructor(private readonly text: string) {}

  get done(): boolean {
    return this.index >= this.text.length;
  }

  peek(offset = 0): string {
    return this.text[this.index + offset] ?? '';
  }

  position(): { line: number; column: number } {
    return { line: this.line, column: this.column };
  }

  next(): string {
    const char = this.text[this.index++] ?? '';
    if (char === '\n') {
      this.line += 1;
      this.column = 1;
    } else {
      this.column += 1;
    }
    return char;
  }

  skipSpaceAndComments(newlines: boolean): void {
    while (!this.done) {
      const char = this.peek();
      if (char === '\n' && !newlines) return;
      if (/\s/.test(char)) this.next();
      else if (char === '#' || (char === '/' && this.peek(1) === '/')) this.skipLine();
      else if (char === '/' && this.peek(1) === '*') this.skipBlockComment();
      else return;
    }
  }

  readIdentifier(): string {
    let name = '';
    while (!this.done && /[A-Za-z0-9_\-.]/.test(this.peek())) name += this.next();
    return name;
  }

  /** A quoted string's content (interpolations kept as written). */
  readString(): string {
    const start = this.position();
    this.next();
    let value = '';
    while (!this.done) {
      const char = this.next();
      if (char === '\\') value += char + this.next();
      else if (char === '"') return value;
      else if (char === '$' && this.peek() === '{') value += char + this.readBalanced();
      else if (char === '\n') break;
      else value += char;
    }
    throw new ConfigParseError('unterminated string', start.line, start.column);
  }

  /** An attribute value: to the end of the line, or further while brackets are open. */
  readValue(): string {
    let value = '';
    let depth = 0;
    while (!this.done) {
      const char = this.peek();
      if (char === '\n' && depth === 0) break;
      if (char === '"') value += `"${this.readString()}"`;
      else if (char === '<' && this.peek(1) === '<') value += this.readHeredoc();
      else if (char === '#' || (char === '/' && this.peek(1) === '/')) this.skipLine();
      else if (char === '/' && this.peek(1) === '*') this.skipBlockComment();
      else {
        if ('[{('.includes(char)) depth += 1;
        if (']})'.includes(char)) depth -= 1;
        value += this.next();
      }
    }
    return value;
  }

  private readBalanced(): string {
    let depth = 0;
    let value = '';
    while (!this.done) {
      const char = this.next();
      value += char;
      if (char === '{') depth += 1;
      if (char === '}' && --depth === 0) return value;
    }
    return value;
  }

  // <<EOF … EOF  /  <<-EOF … EOF
  private readHeredoc(): string {
    let header = '';
    while (!this.done && this.peek() !== '\n') header += this.next();
    const marker = header.replace(/^<<-?/, '').trim();
    let body = header;
    while (!this.done) {
      let line = '';
      while (!this.done && this.peek() !== '\n') line += this.next();
      body += `\n${line}`;
      if (line.trim() === marker) return body;
      this.next();
    }
    throw new ConfigParseError(`heredoc ${marker} is not closed`);
  }

  private skipLine(): void {
    while (!this.done && this.peek() !== '\n') this.next();
  }

  private skipBlockComment(): void {
    while (!this.done && !(this.peek() === '*' && this.peek(1) === '/')) this.next();
    this.next();
    this.next();
  }
}
