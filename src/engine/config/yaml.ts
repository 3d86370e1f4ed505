// YAML and JSON (Kubernetes, Helm output, docker-compose, Traefik, CloudFormation) through the
// `yaml` package, which keeps a position for every node and reads multi-document files.
// CloudFormation's short tags (`!Ref`, `!Sub`, `!GetAtt`…) parse as tagged values. Helm template
// expressions are masked first, keeping every column, so a chart's templates parse too.
import type * as Yaml from 'yaml';
import type { Node } from 'yaml';
import { lazyModule } from './lazy-module.js';
import { ConfigParseError, type Span, type YamlDocument, type YamlNode } from './types.js';

const yaml = lazyModule<typeof Yaml>('yaml');

const TEMPLATE_MASK = '\uE000';

export function parseYaml(text: string): YamlDocument[] {
  const masked = maskTemplates(text);
  const { isMap, isScalar, isSeq, LineCounter, parseAllDocuments } = yaml();
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(masked, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const list = Array.isArray(documents) ? documents : [documents];
  for (const document of list) {
    const [error] = document.errors;
    if (error) {
      const at = lineCounter.linePos(error.pos[0]);
      throw new ConfigParseError(error.message.split('\n')[0]!, at.line, at.col);
    }
  }
  const toSpan = (range: readonly [number, number, number] | null | undefined): Span => {
    const start = lineCounter.linePos(range?.[0] ?? 0);
    const end = lineCounter.linePos(range?.[1] ?? 0);
    return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
  };
  const convert = (node: unknown): YamlNode | undefined => {
    if (isMap(node)) {
      return {
        kind: 'map',
        span: toSpan(node.range),
        entries: node.items.map((pair) => {
          const key = pair.key as Node | null;
          return {
            key: isScalar(key) ? String(key.value) : String(key ?? ''),
            keySpan: toSpan(key?.range),
            value: convert(pair.value),
          };
        }),
      };
    }
    if (isSeq(node)) return { kind: 'seq', span: toSpan(node.range), items: node.items.map(convert).filter((item) => item !== undefined) };
    if (isScalar(node)) {
      const value = node.value === null || node.value === undefined ? '' : String(node.value);
      return { kind: 'scalar', span: toSpan(node.range), value, tag: node.tag, fromTemplate: value.includes(TEMPLATE_MASK) };
    }
    return undefined;
  };
  return list.map((document) => ({ root: convert(document.contents) }));
}

/**
 * Every template action `{{ … }}` (also one spanning lines) becomes a same-length run of
 * placeholder characters, so columns stay true and a value such as `{{ .Values.x }}` reads as a
 * plain scalar; a line left with only actions (and perhaps a comment) becomes blank.
 */
export function maskTemplates(text: string): string {
  if (!text.includes('{{')) return text;
  const masked = text.replace(/\{\{[\s\S]*?\}\}/g, (action) => action.replace(/[^\n]/g, TEMPLATE_MASK));
  const onlyActions = new RegExp(`^[\\s${TEMPLATE_MASK}]*${TEMPLATE_MASK}[\\s${TEMPLATE_MASK}]*(#.*)?$`);
  return masked
    .split('\n')
    .map((line) => (onlyActions.test(line) ? ' '.repeat(line.length) : line))
    .join('\n');
}
