// Line scanning shared by the line-based config formats (HAProxy, TOML).

/** The index of the first character matching `wanted` outside quotes (and not escaped), or -1. */
export function indexOutsideQuotes(line: string, wanted: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i]!;
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === wanted && line[i - 1] !== '\\') {
      return i;
    }
  }
  return -1;
}

/** The line without its `#` comment. */
export function stripComment(line: string): string {
  const hash = indexOutsideQuotes(line, '#');
  return hash === -1 ? line : line.slice(0, hash);
}
