// The single walk: every active rule listens while each file is traversed once, on raw
// compiler nodes (wrapping every node would cost ~9x a bare parse).
import { ts } from 'ts-morph';
import type { Handler, Report, Rule } from './rule.js';
import type { FileContext } from './file-context.js';

export interface RuleReport {
  rule: Rule;
  report: Report;
}

type DispatchTable = Map<ts.SyntaxKind, { rule: Rule; handler: Handler<string> }[]>;

export function buildDispatchTable(rules: readonly Rule[]): DispatchTable {
  const table: DispatchTable = new Map();
  for (const rule of rules) {
    for (const [kind, handler] of Object.entries(rule.visit)) {
      if (!handler) continue;
      const key = Number(kind) as ts.SyntaxKind;
      const listeners = table.get(key) ?? [];
      listeners.push({ rule, handler: handler as Handler<string> });
      table.set(key, listeners);
    }
  }
  return table;
}

/** Walks `context`'s file once for `rules` (already filtered for this file). */
export function walkFile(context: FileContext, rules: readonly Rule[], table: DispatchTable): RuleReport[] {
  const active = new Set(rules);
  const reports: RuleReport[] = [];
  const collect = (rule: Rule, result: Report | Report[] | undefined): void => {
    if (!result) return;
    for (const report of Array.isArray(result) ? result : [result]) reports.push({ rule, report });
  };
  const visit = (node: ts.Node): void => {
    const listeners = table.get(node.kind);
    if (listeners) {
      for (const { rule, handler } of listeners) {
        if (active.has(rule)) collect(rule, handler(node, context));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(context.sourceFile);
  for (const rule of rules) {
    if (rule.endOfFile) collect(rule, rule.endOfFile(context));
  }
  return reports;
}
