// Load balancers pinned with sticky sessions: affinity hides server-held state (each client
// keeps hitting the instance that holds it) instead of removing it.
import { ts } from '#typescript';
import type { FileContext } from '../src/engine/file-context.js';
import { refersTo } from '../src/engine/module-ref.js';
import { defineRule, type LocatedReport, type Location, type RunFacts } from '../src/engine/rule.js';
import { getStaticPropertyName, skipOuterExpressions } from '../src/engine/syntax.js';
import type { Finding } from '../src/types.js';
import { findAffinity } from './sticky-sessions/config.js';
import { describeHiddenState } from './sticky-sessions/hidden-state.js';

type MessageId = 'affinity' | 'affinityWithSocketIo' | 'variableAffinity';

interface Site {
  location: Location;
  what: string;
  variable: boolean;
}

interface StickyFacts {
  sites: Site[];
  usesSocketIo: boolean;
}

const FACTS = 'sticky-sessions/facts';

// Node packages that pin a client to one worker or instance.
const STICKY_PACKAGES: readonly { package: string; path: readonly string[] }[] = [
  { package: 'sticky-session', path: ['listen'] },
  { package: '@socket.io/sticky', path: ['setupMaster'] },
  { package: 'socketio-sticky-session', path: [] },
];

const STICKY_PACKAGE_NAMES = STICKY_PACKAGES.map((entry) => entry.package);

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
  visit: {
    [ts.SyntaxKind.CallExpression]: (node, context) => void recordCall(node as ts.CallExpression, context),
    [ts.SyntaxKind.PropertyAssignment]: (node, context) => void recordCdkProperty(node as ts.PropertyAssignment, context),
  },
  endOfFile: (context) => {
    if (/['"]socket\.io['"]/.test(context.sourceFile.text)) getFacts(context).usesSocketIo = true;
    return undefined;
  },
  checkConfig: (file, context) => {
    const facts = context.facts(FACTS, createFacts);
    for (const site of findAffinity(file)) {
      facts.sites.push({ location: context.locate(site.span), what: site.what, variable: site.variable ?? false });
    }
    return undefined;
  },
  endOfRun: (run, findings, activeRuleIds) => judgeSites(run, findings, activeRuleIds),
});

function createFacts(): StickyFacts {
  return { sites: [], usesSocketIo: false };
}

function getFacts(context: FileContext): StickyFacts {
  return context.facts(FACTS, createFacts);
}

function record(node: ts.Node, what: string, context: FileContext): void {
  getFacts(context).sites.push({ location: context.locate(node), what, variable: false });
}

// sticky.listen(server, 3000); setupMaster(httpServer, { loadBalancingMethod }); targetGroup.enableCookieStickiness(…)
function recordCall(call: ts.CallExpression, context: FileContext): void {
  const callee = skipOuterExpressions(call.expression);
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'enableCookieStickiness' && mentionsLoadBalancing(context)) {
    record(call, '`enableCookieStickiness()` on a CDK target group', context);
    return;
  }
  if (!context.mentionsAny(STICKY_PACKAGE_NAMES)) return;
  const ref = context.resolveModuleRef(call.expression);
  const match = STICKY_PACKAGES.find((entry) => refersTo(ref, entry.package, entry.path));
  if (match) record(call, `\`${call.expression.getText(context.sourceFile)}(…)\` from ${match.package}`, context);
}

// new ApplicationTargetGroup(this, 'Tg', { stickinessCookieDuration: Duration.hours(1) })
function recordCdkProperty(property: ts.PropertyAssignment, context: FileContext): void {
  if (getStaticPropertyName(property.name) !== 'stickinessCookieDuration' || !mentionsLoadBalancing(context)) return;
  record(property, '`stickinessCookieDuration` on a CDK target group', context);
}

function mentionsLoadBalancing(context: FileContext): boolean {
  return context.memo('sticky-sessions/elb', (file) => /elasticloadbalancing/i.test(file.sourceFile.text));
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
