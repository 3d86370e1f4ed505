// What module-state-growth does while a file is walked: where a module-level container gains,
// loses or bounds its entries, kept as facts the end of the run joins (../module-state-growth.ts).
import { ts } from '#typescript';
import type { FileContext } from '../../src/engine/file-context.js';
import { describePlace, getRequestContext, RequestScope } from '../../src/engine/request-context.js';
import { defineListeners } from '../../src/engine/rule.js';
import { createFacts, FACTS, moduleStateGrowth, type GrowthFacts } from '../module-state-growth.js';
import { getSite, resolveBinding, type Site } from './bindings.js';
import { isBoundedByCode, isMeaningful } from './growth.js';

const SITES = 'module-state-growth/sites';

export const moduleStateGrowthListeners = defineListeners(moduleStateGrowth, {
  usesRequestContext: true,
  visit: {
    [ts.SyntaxKind.CallExpression]: (node, context) => void collect(node, context),
    [ts.SyntaxKind.BinaryExpression]: (node, context) => void collect(node, context),
    [ts.SyntaxKind.DeleteExpression]: (node, context) => void collect(node, context),
  },
  endOfFile: (context) => {
    // Made on the first thing recorded: most files have none to keep.
    const facts = (): GrowthFacts => getFacts(context);
    const { local, remote } = getRequestContext(context);
    for (const site of context.memo(SITES, createSites)) recordSite(site, context, local, facts);
    // Helpers in other files of the scan that this file's handlers call: their growth is per request too.
    for (const { fn, entry } of remote) {
      const scope = RequestScope.forFunction(fn, entry);
      forEachSite(fn.node, (site) => site.kind === 'add' && recordSite(site, fn.context, scope, facts));
    }
    return undefined;
  },
});

function collect(node: ts.Node, context: FileContext): void {
  const site = getSite(node);
  if (site) context.memo(SITES, createSites).push(site);
}

function createSites(): Site[] {
  return [];
}

function getFacts(context: FileContext): GrowthFacts {
  return context.facts(FACTS, createFacts);
}

function recordSite(site: Site, context: FileContext, scope: RequestScope, factsOfFile: () => GrowthFacts): void {
  // Growth counts only per request; that check is cheap, so it comes before resolving the name.
  const entry = site.kind === 'add' ? scope.entryFor(site.node) : undefined;
  if (site.kind === 'add' && !entry) return;
  const binding = resolveBinding(site.target, context);
  if (!binding || !isMeaningful(site, binding)) return;
  const facts = factsOfFile();
  if (site.kind === 'evict') facts.evicted.add(binding.key);
  else if (site.kind === 'bound') facts.bounded.add(binding.key);
  else if (entry && !facts.growth.has(binding.key) && !(site.key && isBoundedByCode(site, site.key, scope))) {
    const owner = binding.declaration.context;
    facts.growth.set(binding.key, {
      location: owner.locate(binding.declaration.node),
      name: binding.name,
      kind: binding.kind,
      declarationLine: owner.lineOf(binding.declaration.node),
      growthWhere: describePlace(`${context.displayPath()}:${context.lineOf(site.node)}`, owner.displayPath()),
      routeWhere: describePlace(entry.where, owner.displayPath()),
      entry,
    });
  }
}

function forEachSite(root: ts.Node, callback: (site: Site) => void): void {
  const visit = (node: ts.Node): void => {
    const site = getSite(node);
    if (site) callback(site);
    ts.forEachChild(node, visit);
  };
  visit(root);
}

