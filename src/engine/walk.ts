// The single walk: every active rule listens while each file is traversed once, on raw
// compiler nodes (wrapping every node would cost ~9x a bare parse).
import { ts } from '#typescript';
import type { FileContext } from './file-context.js';
import type { Handler, Report, WalkingRule } from './rule.js';

export interface RuleReport {
  rule: WalkingRule;
  report: Report;
}

/** The engine's own listeners (they collect; they report nothing), e.g. route registrations. */
export type EngineListeners = Partial<Record<ts.SyntaxKind, (node: ts.Node, context: FileContext) => void>>;

type Listener = { rule: WalkingRule; handler: Handler<string> } | { rule: undefined; handler: (node: ts.Node, context: FileContext) => void };

type DispatchTable = Map<ts.SyntaxKind, Listener[]>;

export function buildDispatchTable(rules: readonly WalkingRule[], engineListeners: readonly EngineListeners[] = []): DispatchTable {
  const table: DispatchTable = new Map();
  const add = (kind: string, listener: Listener): void => {
    const key = Number(kind) as ts.SyntaxKind;
    const listeners = table.get(key) ?? [];
    listeners.push(listener);
    table.set(key, listeners);
  };
  // Engine listeners come first, so what they collect about a node is there when rules see it.
  for (const listeners of engineListeners) {
    for (const [kind, handler] of Object.entries(listeners)) add(kind, { rule: undefined, handler });
  }
  for (const rule of rules) {
    for (const [kind, handler] of Object.entries(rule.visit)) if (handler) add(kind, { rule, handler: handler as Handler<string> });
  }
  return table;
}

/** Walks `context`'s file once for `rules` (already filtered for this file). */
export function walkFile(context: FileContext, rules: readonly WalkingRule[], table: DispatchTable): RuleReport[] {
  const active = new Set(rules);
  const reports: RuleReport[] = [];
  const collect = (rule: WalkingRule, result: Report | Report[] | undefined): void => {
    if (!result) return;
    for (const report of Array.isArray(result) ? result : [result]) reports.push({ rule, report });
  };
  const visit = (node: ts.Node): void => {
    const listeners = table.get(node.kind);
    if (listeners) {
      for (const listener of listeners) {
        if (!listener.rule) listener.handler(node, context);
        else if (active.has(listener.rule)) collect(listener.rule, listener.handler(node, context));
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
