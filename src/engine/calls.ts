// Call shapes several rules share.
import { ts } from '#typescript';
import type { FileContext } from './file-context.js';
import { getReturnedExpressions, isFunctionLike, skipOuterExpressions } from './syntax.js';

/** Where a Fastify plugin is installed, and the options it gets. */
export interface PluginRegistration {
  plugin: ts.Expression;
  /** `undefined` when the plugin is installed with no options. */
  options: ts.Expression | undefined;
  /** True when options exist but cannot be read (an `autoConfig` function with several returns). */
  optionsUnknown: boolean;
}

/**
 * `fastify.register(plugin, options)` / `await app.register(plugin)`, or a file that
 * @fastify/autoload loads: `export default plugin` with `export const autoConfig = {…}` (or a
 * function returning it).
 */
export function getPluginRegistration(node: ts.Node, context: FileContext): PluginRegistration | undefined {
  if (ts.isCallExpression(node)) {
    const callee = skipOuterExpressions(node.expression);
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'register') return undefined;
    const [plugin, options] = node.arguments;
    return plugin ? { plugin, options, optionsUnknown: false } : undefined;
  }
  if (ts.isExportAssignment(node) && !node.isExportEquals) {
    const autoConfig = context.getExportedExpression('autoConfig');
    if (!autoConfig) return { plugin: node.expression, options: undefined, optionsUnknown: false };
    if (!isFunctionLike(autoConfig.node)) {
      return { plugin: node.expression, options: autoConfig.node as ts.Expression, optionsUnknown: false };
    }
    const returned = getReturnedExpressions(autoConfig.node);
    return { plugin: node.expression, options: returned[0], optionsUnknown: returned.length !== 1 };
  }
  return undefined;
}

export type InstallNode = ts.CallExpression | ts.NewExpression | ts.ExportAssignment;

/** How a message names the flagged construct: `session(…)`, `new RateLimiterMemory(…)`. */
export function describeCallee(node: InstallNode, context: FileContext): string {
  const text = node.expression.getText(context.sourceFile).replace(/\s+/g, ' ');
  const short = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  if (ts.isExportAssignment(node)) return `export default ${short}`;
  return `${ts.isNewExpression(node) ? 'new ' : ''}${short}(…)`;
}
