// What session-memory-store does while a file is walked: session middleware and plugins, and the
// store their options name.
import { ts } from '#typescript';
import type { FileContext } from '../../src/engine/file-context.js';
import { refersTo } from '../../src/engine/module-ref.js';
import { defineListeners, type Report } from '../../src/engine/rule.js';
import { judgeStoreOption } from '../../src/engine/store-option.js';
import { describeCallee, getPluginRegistration, type InstallNode } from '../../src/engine/calls.js';
import { matchLocalSessionStore, SESSION_LIBRARIES, SESSION_PACKAGES, type SessionLibrary } from '../data/session-libraries.js';
import { sessionMemoryStore, type MessageId } from '../session-memory-store.js';

export const sessionMemoryStoreListeners = defineListeners(sessionMemoryStore, {
  packages: SESSION_PACKAGES,
  visit: {
    [ts.SyntaxKind.CallExpression]: (node, context) => checkCall(node as ts.CallExpression, context),
    [ts.SyntaxKind.ExportAssignment]: (node, context) => checkPlugin(node as ts.ExportAssignment, context),
  },
});

function checkCall(call: ts.CallExpression, context: FileContext): Report<MessageId> | undefined {
  const middleware = findLibrary(context.resolveModuleRef(call.expression), 'middleware');
  if (middleware) {
    // koa-session is also called as session(app) and session(options, app): the app is not an
    // options object, so its verdict is unknown and the call stays silent.
    return judge(call, middleware, call.arguments[0], context);
  }
  return checkPlugin(call, context);
}

function checkPlugin(node: ts.CallExpression | ts.ExportAssignment, context: FileContext): Report<MessageId> | undefined {
  const registration = getPluginRegistration(node, context);
  const plugin = registration && findLibrary(context.resolveModuleRef(registration.plugin), 'fastify-plugin');
  if (!plugin || registration.optionsUnknown) return undefined;
  return judge(node, plugin, registration.options, context);
}

function findLibrary(ref: ReturnType<FileContext['resolveModuleRef']>, form: SessionLibrary['form']): SessionLibrary | undefined {
  return SESSION_LIBRARIES.find(
    (library) => library.form === form && library.factories.some((path) => refersTo(ref, library.package, path)),
  );
}

function judge(
  call: InstallNode,
  library: SessionLibrary,
  optionsArgument: ts.Expression | undefined,
  context: FileContext,
): Report<MessageId> | undefined {
  const data = { call: describeCallee(call, context), library: library.package };
  if (!optionsArgument) return library.memoryByDefault ? { node: call, messageId: 'defaultStore', data } : undefined;
  const verdict = judgeStoreOption(context.resolveObject(optionsArgument), ['store'], matchLocalSessionStore);
  switch (verdict?.kind) {
    case undefined:
      if (!library.memoryByDefault) return undefined;
      return { node: call, messageId: 'unknownOptions', data, severity: 'info', verboseOnly: true };
    case 'default':
      return library.memoryByDefault ? { node: call, messageId: 'defaultStore', data } : undefined;
    case 'local':
      return { node: call, messageId: 'localStore', data: { ...data, store: verdict.store.label, where: verdict.store.where } };
    case 'partly-local':
      if (!verdict.store && !library.memoryByDefault) return undefined;
      return {
        node: call,
        messageId: 'partlyLocalStore',
        data: { ...data, where: verdict.store?.where ?? "this process's memory", condition: verdict.condition, when: verdict.when },
        severity: 'warning',
      };
    case 'other':
      return undefined;
  }
}

