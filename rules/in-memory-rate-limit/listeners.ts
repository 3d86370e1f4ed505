// What in-memory-rate-limit does while a file is walked: rate-limit libraries installed with
// a store in memory, and counters kept by hand.
import { ts } from '#typescript';
import { describeCallee, type InstallNode } from '../../src/engine/calls.js';
import type { FileContext } from '../../src/engine/file-context.js';
import { defineListeners, type Report } from '../../src/engine/rule.js';
import { inMemoryRateLimit, type MessageId } from '../in-memory-rate-limit.js';
import { findHandRolledCounters, recordWrite } from './hand-rolled.js';
import { judgeLibraryInstall } from './libraries.js';

export const inMemoryRateLimitListeners = defineListeners(inMemoryRateLimit, {
  usesRequestContext: true,
  visit: {
    [ts.SyntaxKind.CallExpression]: (node, context) => {
      recordWrite(node, context);
      return checkLibrary(node as ts.CallExpression, context);
    },
    [ts.SyntaxKind.NewExpression]: (node, context) => checkLibrary(node as ts.NewExpression, context),
    [ts.SyntaxKind.ExportAssignment]: (node, context) => checkLibrary(node as ts.ExportAssignment, context),
    [ts.SyntaxKind.BinaryExpression]: (node, context) => void recordWrite(node, context),
    [ts.SyntaxKind.PostfixUnaryExpression]: (node, context) => void recordWrite(node, context),
    [ts.SyntaxKind.PrefixUnaryExpression]: (node, context) => void recordWrite(node, context),
  },
  endOfFile: (context) =>
    findHandRolledCounters(context).map(({ declaration, name, container, key, writeLine }) => ({
      node: declaration,
      messageId: 'handRolled',
      data: { name, container, key, writeLine },
    })),
});

function checkLibrary(node: InstallNode, context: FileContext): Report<MessageId> | undefined {
  const judged = judgeLibraryInstall(node, context);
  if (!judged) return undefined;
  const data = { call: describeCallee(node, context), library: judged.library.package };
  if ('alwaysLocal' in judged) return { node, messageId: 'memoryLimiter', data: { ...data, where: judged.alwaysLocal } };
  const verdict = judged.store;
  switch (verdict?.kind) {
    case 'default': {
      const storeKeys = judged.library.storeKeys.map((key) => `\`${key}\``).join(' or ');
      return { node, messageId: 'defaultStore', data: { ...data, storeKeys } };
    }
    case 'local':
      return { node, messageId: 'localStore', data: { ...data, store: verdict.store.label } };
    case 'partly-local':
      return { node, messageId: 'partlyLocalStore', data: { ...data, condition: verdict.condition, when: verdict.when }, severity: 'warning' };
    case 'other':
      return undefined;
    case undefined:
      return { node, messageId: 'unknownOptions', data, severity: 'info', verboseOnly: true };
  }
}
