// Shared by rules that ask "where does this library keep its state?": given an options object
// and the key that holds a store, decide whether the store is process-local.
import { ts } from '#typescript';
import type { FileContext } from './file-context.js';
import type { ModuleRef } from './module-ref.js';
import { findDeclaration, keepsInitialValue } from './scope.js';
import { MAX_RESOLUTION_DEPTH, getReturnedExpressions, isNullish, skipOuterExpressions } from './syntax.js';
import { resolveFunction, resolveImportedValue, type ObjectValue } from './values.js';

/** A constructor of process-local state, as found in a data table. */
export interface LocalStoreMatch {
  /** How the user wrote it, e.g. `MemoryStore` from express-session. */
  label: string;
  /** Where the state lives, e.g. "this process's memory", "a file on this server's disk". */
  where: string;
}

export type StoreVerdict =
  /** No store given (or `undefined`): the library's in-memory default applies. */
  | { kind: 'default' }
  | { kind: 'local'; store: LocalStoreMatch }
  /** Local in one branch of a conditional only: reported with lower confidence. */
  | { kind: 'partly-local'; store: LocalStoreMatch | undefined; condition: string; when: 'true' | 'false' }
  /** Anything else: a shared store, or one we cannot know. Rules stay silent. */
  | { kind: 'other' };

export type LocalStoreMatcher = (ref: ModuleRef) => LocalStoreMatch | undefined;

/** Looks up `keys` (e.g. `store`, `redis`) in an options object known statically. */
export function judgeStoreOption(
  options: ObjectValue | undefined,
  keys: readonly string[],
  isLocal: LocalStoreMatcher,
): StoreVerdict | undefined {
  if (!options) return undefined;
  const given = keys.map((key) => options.properties.get(key)).filter((p) => p !== undefined);
  if (given.length === 0) return options.open ? undefined : { kind: 'default' };
  // Any one of the keys holding a store that is not local or default wins.
  const verdicts = given.map((property) =>
    property.value ? judgeStoreValue(property.value, property.context, isLocal, 0) : ({ kind: 'other' } as const),
  );
  return verdicts.find((verdict) => verdict.kind === 'other') ?? verdicts[0];
}

const MAX_DEPTH = MAX_RESOLUTION_DEPTH;

export function judgeStoreValue(
  expression: ts.Expression,
  context: FileContext,
  isLocal: LocalStoreMatcher,
  depth: number,
): StoreVerdict {
  if (depth > MAX_DEPTH) return { kind: 'other' };
  const node = skipOuterExpressions(expression);
  if (isNullish(node)) return { kind: 'default' };

  if (ts.isConditionalExpression(node)) {
    const whenTrue = judgeStoreValue(node.whenTrue, context, isLocal, depth + 1);
    const whenFalse = judgeStoreValue(node.whenFalse, context, isLocal, depth + 1);
    const isStateful = (v: StoreVerdict): boolean => v.kind === 'default' || v.kind === 'local';
    if (isStateful(whenTrue) && isStateful(whenFalse)) return whenTrue.kind === 'local' ? whenTrue : whenFalse;
    if (isStateful(whenTrue) || isStateful(whenFalse)) {
      const local = [whenTrue, whenFalse].find((v) => v.kind === 'local');
      return {
        kind: 'partly-local',
        store: local?.kind === 'local' ? local.store : undefined,
        condition: node.condition.getText(context.sourceFile).replace(/\s+/g, ' '),
        when: isStateful(whenTrue) ? 'true' : 'false',
      };
    }
    return { kind: 'other' };
  }

  if (ts.isNewExpression(node)) {
    const ref = context.resolveModuleRef(node.expression);
    const match = ref && isLocal(ref);
    return match ? { kind: 'local', store: match } : { kind: 'other' };
  }

  if (ts.isIdentifier(node)) {
    // const store = require('./session-store'), or import store from './session-store'
    const imported = resolveImportedValue(node, context);
    if (imported) return judgeStoreValue(imported.node as ts.Expression, imported.context, isLocal, depth + 1);
    // const store = new MemoryStore();
    const declaration = findDeclaration(node);
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && keepsInitialValue(declaration)) {
      return judgeStoreValue(declaration.initializer, context, isLocal, depth + 1);
    }
    return { kind: 'other' };
  }

  if (ts.isCallExpression(node)) {
    // A factory the library calls a store (e.g. `MemoryStore.create()`) or a local helper
    // function that returns one.
    const ref = context.resolveModuleRef(node.expression);
    const match = ref && isLocal(ref);
    if (match) return { kind: 'local', store: match };
    const fn = resolveFunction(node.expression, context);
    const returned = fn ? getReturnedExpressions(fn.node) : [];
    if (fn && returned.length === 1) return judgeStoreValue(returned[0]!, fn.context, isLocal, depth + 1);
  }
  return { kind: 'other' };
}
