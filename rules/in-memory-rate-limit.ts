// Rate limits counted inside the process: behind a load balancer with N instances, each keeps
// its own counters and a client gets N times the limit.
import { ts } from 'ts-morph';
import { describeCallee, getPluginRegistration, type InstallNode } from '../src/engine/calls.js';
import type { FileContext } from '../src/engine/file-context.js';
import { defineRule, type Report } from '../src/engine/rule.js';
import { judgeStoreOption, judgeStoreValue, type StoreVerdict } from '../src/engine/store-option.js';
import { getReturnedExpressions, skipOuterExpressions } from '../src/engine/syntax.js';
import { resolveFunction } from '../src/engine/values.js';
import { findRateLimitLibrary, matchLocalRateLimitStore, RATE_LIMIT_PACKAGES, type RateLimitLibrary } from './data/rate-limit-libraries.js';
import { getContainerKind, getCounterWrites, getModuleLevelContainer, hasLimiterName, isClientKey, isCounterValue, recordWrite } from './in-memory-rate-limit/hand-rolled.js';

type MessageId = 'defaultStore' | 'localStore' | 'partlyLocalStore' | 'memoryLimiter' | 'handRolled' | 'unknownOptions';

export const inMemoryRateLimit = defineRule<MessageId>({
  id: 'in-memory-rate-limit',
  severity: 'error',
  docs: {
    title: 'Rate-limit counters kept in the memory of one server process',
    why:
      'Each instance counts only the requests the load balancer happens to send it. With three ' +
      'instances a client gets three times the limit (brute-force and abuse protection quietly ' +
      'weakens as you scale out), and every restart or deploy resets the counters.',
    fix:
      'Count in a store every instance shares: give the limiter a Redis store (rate-limit-redis, ' +
      'RateLimiterRedis, @fastify/rate-limit with `redis`, @nest-lab/throttler-storage-redis) or a ' +
      'database-backed one, or enforce the limit at the gateway.',
    example: {
      bad: 'app.use(rateLimit({ windowMs: 15 * 60 * 1000, limit: 100 }));',
      good: [
        "import { RedisStore } from 'rate-limit-redis';",
        '',
        'app.use(rateLimit({',
        '  windowMs: 15 * 60 * 1000,',
        '  limit: 100,',
        '  store: new RedisStore({ sendCommand: (...args) => redisClient.sendCommand(args) }),',
        '}));',
      ].join('\n'),
    },
  },
  messages: {
    defaultStore:
      '`{{call}}` from {{library}} has no {{storeKeys}}, so its counters live in this process\'s memory; ' +
      'with N instances each counts alone and clients get N times the limit.',
    localStore:
      '`{{call}}` from {{library}} counts in {{store}}, in this process\'s memory; with N instances ' +
      'each counts alone and clients get N times the limit.',
    partlyLocalStore:
      '`{{call}}` from {{library}} counts in this process\'s memory when `{{condition}}` is {{when}}; ' +
      'in that configuration N instances allow N times the limit.',
    memoryLimiter:
      '`{{call}}` from rate-limiter-flexible keeps its counters in {{where}}; with N instances ' +
      'each counts alone and clients get N times the limit.',
    unknownOptions: '`{{call}}` from {{library}}: the options are not known statically, so its store was not checked.',
    handRolled:
      '`{{name}}`, a module-level {{container}}, counts requests per client in this process\'s memory ' +
      '(keyed by `{{key}}` at line {{writeLine}}); with N instances each counts alone and clients get N times the limit.',
  },
  visit: {
    [ts.SyntaxKind.CallExpression]: (node, context) => {
      recordWrite(node, context);
      return checkLibraryCall(node as ts.CallExpression, context);
    },
    [ts.SyntaxKind.NewExpression]: (node, context) => checkLibraryCall(node as ts.NewExpression, context),
    [ts.SyntaxKind.ExportAssignment]: (node, context) => checkLibraryCall(node as ts.ExportAssignment, context),
    [ts.SyntaxKind.BinaryExpression]: (node, context) => void recordWrite(node, context),
    [ts.SyntaxKind.PostfixUnaryExpression]: (node, context) => void recordWrite(node, context),
    [ts.SyntaxKind.PrefixUnaryExpression]: (node, context) => void recordWrite(node, context),
  },
  endOfFile: (context) => findHandRolledCounters(context),
});

function checkLibraryCall(call: InstallNode, context: FileContext): Report<MessageId> | undefined {
  if (!mentionsPackages(context)) return undefined;
  const registration = ts.isNewExpression(call) ? undefined : getPluginRegistration(call, context);
  const found = findRateLimitLibrary(context.resolveModuleRef(registration?.plugin ?? call.expression));
  if (!found) return undefined;
  const { library } = found;
  if ((library.form === 'fastify-plugin') !== (registration !== undefined)) return undefined;
  if (ts.isExportAssignment(call) && !registration) return undefined;
  const data = { call: describeCallee(call, context), library: library.package };
  const args = ts.isExportAssignment(call) ? [] : (call.arguments ?? []);

  switch (library.form) {
    case 'always-local':
      return ts.isNewExpression(call) && !isInsuranceLimiter(call)
        ? { node: call, messageId: 'memoryLimiter', data: { ...data, where: describeLimiterMemory(found.exportName) } }
        : undefined;
    case 'store-argument': {
      const [store] = args;
      return ts.isNewExpression(call) && store ? report(call, library, judgeStoreValue(store, context, matchLocalRateLimitStore, 0), data) : undefined;
    }
    case 'fastify-plugin':
      if (registration?.optionsUnknown) return undefined;
      return report(call, library, judgeOptions(registration?.options, library, context), data);
    case 'options-call':
      return report(call, library, judgeOptions(args[0], library, context), data);
    case 'nest-module':
      return report(call, library, judgeNestOptions(args[0], found.exportName, library, context), data);
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

function report(
  call: InstallNode,
  library: RateLimitLibrary,
  verdict: StoreVerdict | undefined,
  data: { call: string; library: string },
): Report<MessageId> | undefined {
  switch (verdict?.kind) {
    case 'default':
      return { node: call, messageId: 'defaultStore', data: { ...data, storeKeys: library.storeKeys.map((k) => `\`${k}\``).join(' or ') } };
    case 'local':
      return { node: call, messageId: 'localStore', data: { ...data, store: verdict.store.label } };
    case 'partly-local':
      return { node: call, messageId: 'partlyLocalStore', data: { ...data, condition: verdict.condition, when: verdict.when }, severity: 'warning' };
    case 'other':
      return undefined;
    case undefined:
      return { node: call, messageId: 'unknownOptions', data, severity: 'info', verboseOnly: true };
  }
}

function describeLimiterMemory(exportName: string): string {
  if (exportName === 'RateLimiterMemory') return "this process's memory";
  return "the cluster master's memory on this one machine";
}

// new RateLimiterRedis({ …, insuranceLimiter: new RateLimiterMemory(…) }) only counts in memory
// while Redis is down, by design.
function isInsuranceLimiter(call: ts.NewExpression): boolean {
  const parent = call.parent;
  return ts.isPropertyAssignment(parent) && parent.name.getText() === 'insuranceLimiter';
}

function mentionsPackages(context: FileContext): boolean {
  return context.memo('in-memory-rate-limit/mentions', () =>
    RATE_LIMIT_PACKAGES.some((name) => context.sourceFile.text.includes(name)),
  );
}

function findHandRolledCounters(context: FileContext): Report<MessageId>[] {
  const reported = new Set<ts.VariableDeclaration>();
  const reports: Report<MessageId>[] = [];
  for (const write of getCounterWrites(context)) {
    const declaration = getModuleLevelContainer(write.target);
    if (!declaration || reported.has(declaration) || !isClientKey(write.key)) continue;
    const name = write.target.text;
    if (!(write.counts || isCounterValue(write.value)) && !hasLimiterName(name)) continue;
    reported.add(declaration);
    const line = (node: ts.Node): string =>
      String(context.sourceFile.getLineAndCharacterOfPosition(node.getStart(context.sourceFile)).line + 1);
    reports.push({
      node: declaration,
      messageId: 'handRolled',
      data: {
        name,
        container: getContainerKind(declaration),
        key: write.key.getText(context.sourceFile),
        writeLine: line(write.node),
      },
    });
  }
  return reports;
}
