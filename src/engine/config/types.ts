// Deployment config files, parsed into the small shapes the config rules read. Positions are
// 1-based, like findings.

export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** An nginx or HAProxy directive, a Terraform attribute or block, a TOML key or table. */
export interface Directive extends Span {
  name: string;
  args: string[];
  /** Nested directives (nginx blocks, HAProxy sections, HCL blocks). */
  children?: Directive[];
}

export type ConfigFormat = 'nginx' | 'haproxy' | 'yaml' | 'json' | 'terraform' | 'toml';

export type ConfigFile =
  | { format: 'nginx' | 'haproxy' | 'terraform' | 'toml'; directives: Directive[]; text: string }
  | { format: 'yaml' | 'json'; documents: YamlDocument[]; text: string };

/** A YAML or JSON document: its root value, with every node's span. */
export interface YamlDocument {
  root: YamlNode | undefined;
}

export type YamlNode =
  | { kind: 'map'; span: Span; entries: { key: string; keySpan: Span; value: YamlNode | undefined }[] }
  | { kind: 'seq'; span: Span; items: YamlNode[] }
  | { kind: 'scalar'; span: Span; value: string; tag?: string; fromTemplate?: boolean };

export class ConfigParseError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}
