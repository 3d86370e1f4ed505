// Call shapes several rules share.
import { ts } from 'ts-morph';
import type { FileContext } from './file-context.js';
import { skipOuterExpressions } from './syntax.js';

/** `fastify.register(plugin, options)` / `await app.register(plugin)`. */
export function getPluginRegistration(
  call: ts.CallExpression,
): { plugin: ts.Expression; options: ts.Expression | undefined } | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'register') return undefined;
  const [plugin, options] = call.arguments;
  return plugin ? { plugin, options } : undefined;
}

/** How a message names the flagged call: `session(…)`, `new RateLimiterMemory(…)`. */
export function describeCallee(call: ts.CallExpression | ts.NewExpression, context: FileContext): string {
  const callee = call.expression.getText(context.sourceFile).replace(/\s+/g, ' ');
  const short = callee.length > 60 ? `${callee.slice(0, 57)}...` : callee;
  return `${ts.isNewExpression(call) ? 'new ' : ''}${short}(…)`;
}
