// Server-side sessions kept in the process (the library's default MemoryStore, or a store
// backed by memory or a local file): a second instance does not know the user is logged in.
import { ts } from '#typescript';
import type { FileContext } from '../src/engine/file-context.js';
import { refersTo } from '../src/engine/module-ref.js';
import { defineRule, type Report } from '../src/engine/rule.js';
import { judgeStoreOption } from '../src/engine/store-option.js';
import { describeCallee, getPluginRegistration, type InstallNode } from '../src/engine/calls.js';
import { matchLocalSessionStore, SESSION_LIBRARIES, SESSION_PACKAGES, type SessionLibrary } from './data/session-libraries.js';

type MessageId = 'defaultStore' | 'localStore' | 'partlyLocalStore' | 'unknownOptions';

export const sessionMemoryStore = defineRule<MessageId>({
  id: 'session-memory-store',
  severity: 'error',
  docs: {
    title: 'Login sessions stored in the memory or on the disk of one server process',
    why:
      'A session store inside the process is invisible to every other instance. Once a load balancer ' +
      'spreads requests over two servers, a user who logged in on one is a stranger on the other: ' +
      'random logouts, lost carts and CSRF failures. A restart or deploy also logs everybody out, and ' +
      'the default MemoryStore leaks memory because it never prunes expired sessions.',
    fix:
      'Keep sessions in a store every instance shares: pass `store` a Redis store (connect-redis, ' +
      'or @fastify/session with a Redis store) or a database store (connect-pg-simple, connect-mongo), ' +
      'or switch to a signed client-side session (cookie-session, a JWT).',
    example: {
      bad: "app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));",
      good: [
        "import { RedisStore } from 'connect-redis';",
        "import { createClient } from 'redis';",
        '',
        'const redisClient = createClient({ url: process.env.REDIS_URL });',
        'await redisClient.connect();',
        'app.use(session({',
        "  store: new RedisStore({ client: redisClient, prefix: 'sess:' }),",
        '  secret: process.env.SESSION_SECRET,',
        '  resave: false,',
        '  saveUninitialized: false,',
        '}));',
      ].join('\n'),
    },
  },
  messages: {
    defaultStore:
      '`{{call}}` from {{library}} has no `store`, so login sessions live in this process\'s memory ' +
      '(the built-in MemoryStore); a second instance cannot see them and logs the user out.',
    localStore:
      '`{{call}}` from {{library}} keeps login sessions in {{store}}, that is in {{where}}; ' +
      'a second instance cannot see them and logs the user out.',
    partlyLocalStore:
      '`{{call}}` from {{library}} keeps login sessions in {{where}} when `{{condition}}` is {{when}}; ' +
      'in that configuration a second instance cannot see them.',
    unknownOptions: '`{{call}}` from {{library}}: the options are not known statically, so the session store was not checked.',
  },
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

