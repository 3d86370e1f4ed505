// Load balancers pinned with sticky sessions: affinity hides server-held state (each client
// keeps hitting the instance that holds it) instead of removing it.
// What it does while a file is walked: ./sticky-sessions/listeners.ts.
import { defineRule, type LocatedReport, type Location, type RunFacts } from '../src/engine/rule.js';
import type { Finding } from '../src/types.js';
import { describeHiddenState } from './sticky-sessions/hidden-state.js';

export type MessageId = 'affinity' | 'affinityWithSocketIo' | 'variableAffinity';

interface Site {
  location: Location;
  what: string;
  variable: boolean;
}

export interface StickyFacts {
  sites: Site[];
  usesSocketIo: boolean;
}

export const FACTS = 'sticky-sessions/facts';

export const stickySessions = defineRule<MessageId>({
  id: 'sticky-sessions',
  severity: 'warning',
  docs: {
    title: 'Session affinity that pins each client to one server instance',
    why:
      'Sticky sessions send a client back to the instance that holds its state, which hides the ' +
      'state instead of removing it: a restart, a deploy or a scale-in still logs users out and ' +
      'loses their data, one busy client overloads one instance, and new instances get no ' +
      'traffic from existing clients.',
    fix:
      'Move the state out first (sessions and rate limits to Redis, uploads to object storage), ' +
      'then remove the affinity and balance by round robin or least connections. Socket.IO with ' +
      'HTTP long-polling genuinely needs affinity: use @socket.io/redis-adapter and ' +
      "`transports: ['websocket']` so any instance can serve any client.",
    example: {
      bad: ['upstream app {', '  ip_hash;', '  server app1:3000;', '  server app2:3000;', '}'].join('\n'),
      good: ['upstream app {', '  least_conn;', '  server app1:3000;', '  server app2:3000;', '}'].join('\n'),
    },
  },
  messages: {
    affinity: '{{what}} pins each client to one instance; {{hidden}}.',
    affinityWithSocketIo:
      '{{what}} pins each client to one instance; {{hidden}}. This app uses Socket.IO, whose HTTP ' +
      'long-polling does need affinity: add @socket.io/redis-adapter and use the WebSocket-only ' +
      "transport (`transports: ['websocket']`), then the pinning can go.",
    variableAffinity: '{{what}} comes from a variable and turns on session affinity when it is enabled; {{hidden}}.',
  },
  readsOtherFindings: true,
  endOfRun: (run, findings, activeRuleIds) => judgeSites(run, findings, activeRuleIds),
});

export function createFacts(): StickyFacts {
  return { sites: [], usesSocketIo: false };
}

function judgeSites(run: RunFacts, findings: readonly Finding[], activeRuleIds: ReadonlySet<string>): LocatedReport<MessageId>[] {
  const perFile = run.all<StickyFacts>(FACTS);
  const usesSocketIo = perFile.some((facts) => facts.usesSocketIo);
  const hidden = describeHiddenState(findings, activeRuleIds);
  return perFile.flatMap((facts) => facts.sites).map((site) => ({
    location: site.location,
    messageId: site.variable ? 'variableAffinity' : usesSocketIo ? 'affinityWithSocketIo' : 'affinity',
    severity: site.variable ? 'info' : undefined,
    data: { what: capitalise(site.what), hidden },
  }));
}

function capitalise(text: string): string {
  return text.startsWith('`') ? text : text.charAt(0).toUpperCase() + text.slice(1);
}
