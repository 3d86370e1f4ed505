// What sticky-sessions does while a file is walked or a config file read: places that pin
// clients to one instance, kept as facts the end of the run judges (../sticky-sessions.ts).
import { ts } from '#typescript';
import type { FileContext } from '../../src/engine/file-context.js';
import { refersTo } from '../../src/engine/module-ref.js';
import { defineListeners } from '../../src/engine/rule.js';
import { getStaticPropertyName, skipOuterExpressions } from '../../src/engine/syntax.js';
import { createFacts, FACTS, stickySessions, type StickyFacts } from '../sticky-sessions.js';
import { findAffinity } from './config.js';

// Node packages that pin a client to one worker or instance.
const STICKY_PACKAGES: readonly { package: string; path: readonly string[] }[] = [
  { package: 'sticky-session', path: ['listen'] },
  { package: '@socket.io/sticky', path: ['setupMaster'] },
  { package: 'socketio-sticky-session', path: [] },
];

const STICKY_PACKAGE_NAMES = STICKY_PACKAGES.map((entry) => entry.package);

export const stickySessionsListeners = defineListeners(stickySessions, {
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
});

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

