// What a rule may ask about the config file it reads.
import type { Span } from './config/index.js';
import type { FileFacts, Location } from './rule.js';

export class ConfigContext {
  private lines: string[] | undefined;

  constructor(
    /** Absolute path on disk. */
    readonly filePath: string,
    readonly text: string,
    private readonly display: string,
    private readonly fileFacts: FileFacts,
  ) {}

  displayPath(): string {
    return this.display;
  }

  /** Plain data this file contributes to the rule's end-of-run join. */
  facts<T>(key: string, create: () => T): T {
    return this.fileFacts.get(key, create);
  }

  /** A span as a plain location, with the text of its first line. */
  locate(span: Span): Location {
    this.lines ??= this.text.split(/\r?\n/);
    return { filePath: this.filePath, ...span, source: (this.lines[span.line - 1] ?? '').trimEnd() };
  }
}
