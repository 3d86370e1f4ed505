// Rate-limiting libraries: where each keeps its counters, judged from how it is installed.
import { ts } from '#typescript';
import { getPluginRegistration, type InstallNode } from '../../src/engine/calls.js';
import type { FileContext } from '../../src/engine/file-context.js';
import { judgeStoreOption, judgeStoreValue, type StoreVerdict } from '../../src/engine/store-option.js';
import { getReturnedExpressions, skipOuterExpressions } from '../../src/engine/syntax.js';
import { resolveFunction } from '../../src/engine/values.js';
import { findRateLimitLibrary, matchLocalRateLimitStore, RATE_LIMIT_PACKAGES, type RateLimitLibrary } from '../data/rate-limit-libraries.js';

export type LibraryVerdict =
  /** rate-limiter-flexible's memory limiters: local whatever the options; `where` says where. */
  | { library: RateLimitLibrary; alwaysLocal: string }
  /** Other libraries: what their store option says (`undefined` when it cannot be known). */
  | { library: RateLimitLibrary; store: StoreVerdict | undefined };

export function judgeLibraryInstall(node: InstallNode, context: FileContext): LibraryVerdict | undefined {
  if (!mentionsPackages(context)) return undefined;
  const registration = ts.isNewExpression(node) ? undefined : getPluginRegistration(node, context);
  const found = findRateLimitLibrary(context.resolveModuleRef(registration?.plugin ?? node.expression));
  if (!found) return undefined;
  const { library } = found;
  if ((library.form === 'fastify-plugin') !== (registration !== undefined)) return undefined;
  const args = ts.isExportAssignment(node) ? [] : (node.arguments ?? []);

  switch (library.form) {
    case 'always-local':
      if (!ts.isNewExpression(node) || isInsuranceLimiter(node, context)) return undefined;
      return { library, alwaysLocal: describeLimiterMemory(found.exportName) };
    case 'store-argument': {
      const [store] = args;
      if (!ts.isNewExpression(node) || !store) return undefined;
      return { library, store: judgeStoreValue(store, context, matchLocalRateLimitStore, 0) };
    }
    case 'fastify-plugin':
      if (registration?.optionsUnknown) return undefined;
      return { library, store: judgeOptions(registration?.options, library, context) };
    case 'options-call':
      return { library, store: judgeOptions(args[0], library, context) };
    case 'nest-module':
      return { library, store: judgeNestOptions(args[0], found.exportName, library, context) };
  }
}

function judgeOptions(options: ts.Expression | undefined, library: RateLimitLibrary, context: FileContext): StoreVerdict | undefined {
  if (!options) return { kind: 'default' };
  return judgeStoreOption(context.resolveObject(options), library.storeKeys, matchLocalRateLimitStore);
}

// ThrottlerModule.forRoot([{ ttl, limit }]) has no storage; forRoot({ throttlers, storage }) may;
// forRootAsync({ useFactory: () => ({ … }) }) is judged on what the factory returns.
function judgeNestOptions(
  argument: ts.Expression | undefined,
  method: string,
  library: RateLimitLibrary,
  context: FileContext,
): StoreVerdict | undefined {
  if (!argument) return method === 'forRoot' ? { kind: 'default' } : undefined;
  let options = skipOuterExpressions(argument);
  let optionsContext = context;
  if (method === 'forRootAsync') {
    const factory = context.resolveObject(options)?.properties.get('useFactory');
    const fn = factory?.value && resolveFunction(factory.value, factory.context);
    const returned = fn ? getReturnedExpressions(fn.node) : [];
    if (!fn || returned.length !== 1) return undefined;
    options = skipOuterExpressions(returned[0]!);
    optionsContext = fn.context;
  }
  if (ts.isArrayLiteralExpression(options)) return { kind: 'default' };
  return judgeStoreOption(optionsContext.resolveObject(options), library.storeKeys, matchLocalRateLimitStore);
}

function describeLimiterMemory(exportName: string): string {
  if (exportName === 'RateLimiterMemory') return "this process's memory";
  return "the cluster master's memory on this one machine";
}

// new RateLimiterRedis({ …, insuranceLimiter: new RateLimiterMemory(…) }) only counts in memory
// while Redis is down, by design; so does a memory limiter held in a variable or field that is
// passed as `insuranceLimiter: name` / `insuranceLimiter: this.name` elsewhere in the file.
function isInsuranceLimiter(call: ts.NewExpression, context: FileContext): boolean {
  const parent = call.parent;
  if (ts.isPropertyAssignment(parent)) return parent.name.getText(context.sourceFile) === 'insuranceLimiter';
  const holder =
    (ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent)) && ts.isIdentifier(parent.name)
      ? parent.name.text
      : undefined;
  if (!holder) return false;
  const escaped = holder.replace(/\$/g, '\\$');
  const passedAsInsurance = new RegExp(`insuranceLimiter\\s*:\\s*(?:[\\w$]+\\.)*${escaped}\\b`);
  const shorthand = holder === 'insuranceLimiter' && /[{,]\s*insuranceLimiter\s*[,}]/.test(context.sourceFile.text);
  return shorthand || passedAsInsurance.test(context.sourceFile.text);
}

function mentionsPackages(context: FileContext): boolean {
  return context.mentionsAny(RATE_LIMIT_PACKAGES);
}
