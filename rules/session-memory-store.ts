// Server-side sessions kept in the process (the library's default MemoryStore, or a store
// backed by memory or a local file): a second instance does not know the user is logged in.
// What it does while a file is walked: ./session-memory-store/listeners.ts.
import { defineRule } from '../src/engine/rule.js';

export type MessageId = 'defaultStore' | 'localStore' | 'partlyLocalStore' | 'unknownOptions';

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
});
