// Which functions run per request, per connection or per event, and which values come from the
// request. Registrations and calls are collected during the single walk; the picture is built
// once, at the end of the file, for the rules that ask. Handlers registered here but defined in
// another file of the scan (and functions a handler calls there) come back as `remote`, so a
// rule can judge them in their own file.
import { ts } from '#typescript';
import type { FileContext, Located } from './file-context.js';
import { getMiddlewareBySignature, getNestHandler, getRegistration, type Registration, type RequestParameters } from './routes.js';
import { findDeclaration, getRootVariableDeclaration } from './scope.js';
import { MAX_RESOLUTION_DEPTH, getCallsIn, getEnclosingFunction, getReturnedExpressions, isFunctionLike, skipOuterExpressions } from './syntax.js';
import { resolveFunction } from './values.js';

/** Why a function runs per request: the trigger and where it is registered. */
export interface RequestEntry {
  /** `POST /login`, `every request`, `every new connection`… */
  trigger: string;
  /** `routes/auth.js:22`: where the route is registered. */
  where: string;
  requestParameters: RequestParameters;
}

/** Where a value may come from: the client's request only, or anything the handler was given. */
type Source = 'request' | 'handler';

/** `routes/auth.js:22` as seen from a finding in `routes/auth.js`: `line 22`. */
export function describePlace(place: string, fromFile: string): string {
  return place.startsWith(`${fromFile}:`) ? `line ${place.slice(fromFile.length + 1)}` : place;
}

interface Collected {
  registrations: Registration[];
  calls: ts.CallExpression[];
}

const COLLECTED = 'engine/request-context/collected';
const BUILT = 'engine/request-context/built';

/** Walk listeners: the engine adds them when an active rule `usesRequestContext`. */
export const requestContextListeners: Partial<Record<ts.SyntaxKind, (node: ts.Node, context: FileContext) => void>> = {
  [ts.SyntaxKind.CallExpression]: (node, context) => {
    const collected = getCollected(context);
    const call = node as ts.CallExpression;
    const registration = getRegistration(call, context);
    if (registration) collected.registrations.push(registration);
    const callee = skipOuterExpressions(call.expression);
    const receiver = ts.isPropertyAccessExpression(callee) ? callee.expression : undefined;
    if (ts.isIdentifier(callee) || (receiver && (ts.isIdentifier(receiver) || receiver.kind === ts.SyntaxKind.ThisKeyword))) {
      collected.calls.push(call);
    }
  },
  [ts.SyntaxKind.MethodDeclaration]: (node, context) => {
    const registration = getNestHandler(node as ts.MethodDeclaration, context);
    if (registration) getCollected(context).registrations.push(registration);
  },
  [ts.SyntaxKind.FunctionDeclaration]: (node, context) => {
    const registration = getMiddlewareBySignature(node as ts.FunctionDeclaration);
    if (registration) getCollected(context).registrations.push(registration);
  },
  [ts.SyntaxKind.VariableDeclaration]: (node, context) => {
    const registration = getMiddlewareBySignature(node as ts.VariableDeclaration);
    if (registration) getCollected(context).registrations.push(registration);
  },
};

function createCollected(): Collected {
  return { registrations: [], calls: [] };
}

function getCollected(context: FileContext): Collected {
  return context.memo(COLLECTED, createCollected);
}

/** The request picture of a file: its local handlers, and handlers it reaches in other files. */
export function getRequestContext(context: FileContext): { local: RequestScope; remote: RemoteHandler[] } {
  return context.memo(BUILT, buildRequestContext);
}

export interface RemoteHandler {
  fn: Located;
  entry: RequestEntry;
}

function buildRequestContext(context: FileContext): { local: RequestScope; remote: RemoteHandler[] } {
  const { registrations, calls } = getCollected(context);
  const handlers = new Map<ts.Node, RequestEntry>();
  // Most files register nothing: no handler, so nothing they call runs per request either.
  if (registrations.length === 0) return { local: new RequestScope(context, handlers), remote: [] };
  const remote: RemoteHandler[] = [];
  const add = (fn: Located, entry: RequestEntry): void => {
    if (fn.context !== context) remote.push({ fn, entry });
    else if (!handlers.has(fn.node)) handlers.set(fn.node, entry);
  };
  const ordered = [...registrations.filter((r) => !r.bySignature), ...registrations.filter((r) => r.bySignature)];
  for (const registration of ordered) {
    const entry = {
      trigger: registration.trigger,
      where: `${context.displayPath()}:${context.lineOf(registration.node)}`,
      requestParameters: registration.requestParameters,
    };
    for (const handler of registration.handlers) {
      for (const fn of getHandlerFunctions(handler, context)) add(fn, entry);
    }
  }
  // One step out: functions the handlers call, told which of their parameters get request data
  // (the union over every call from a handler).
  const local = new RequestScope(context, handlers);
  const direct = new Map(handlers);
  for (const call of calls) {
    const entry = findEnclosingEntry(call, direct);
    if (entry) addCalled(call, entry, local, context, handlers, direct, remote);
  }
  // Handlers defined in another file get their step out too, judged in their own file.
  for (const { fn, entry } of [...remote]) {
    const scope = RequestScope.forFunction(fn, entry);
    for (const call of getCallsIn(fn.node)) addCalled(call, entry, scope, fn.context, undefined, undefined, remote);
  }
  return { local, remote };
}

function addCalled(
  call: ts.CallExpression,
  entry: RequestEntry,
  scope: RequestScope,
  context: FileContext,
  handlers: Map<ts.Node, RequestEntry> | undefined,
  direct: Map<ts.Node, RequestEntry> | undefined,
  remote: RemoteHandler[],
): void {
  const target = resolveFunction(call.expression, context);
  if (!target || target.node === getEnclosingFunction(call) || direct?.has(target.node)) return;
  const requestArguments = call.arguments.flatMap((argument, index) => (scope.isRequestDerived(argument) ? [index] : []));
  if (!handlers || target.context !== context) {
    // In another file, or reached from a handler of another file: judged in its own file.
    if (!scope.entries.has(target.node)) remote.push({ fn: target, entry: { ...entry, requestParameters: requestArguments } });
    return;
  }
  const known = handlers.get(target.node);
  const knownArguments = Array.isArray(known?.requestParameters) ? (known!.requestParameters as number[]) : [];
  const merged = [...new Set([...knownArguments, ...requestArguments])].sort((a, b) => a - b);
  // The message names the route that brings request data, when one does.
  const named = known && (knownArguments.length > 0 || requestArguments.length === 0) ? known : entry;
  handlers.set(target.node, { ...named, requestParameters: merged });
}


/** A registered handler may be a function, a name of one, or a wrapper call around one. */
function getHandlerFunctions(handler: ts.Node, context: FileContext): Located[] {
  if (ts.isMethodDeclaration(handler)) return [{ node: handler, context }];
  const node = skipOuterExpressions(handler as ts.Expression);
  if (isFunctionLike(node)) return [{ node, context }];
  // asyncHandler(async (req, res) => …), catchAsync(controller.create), and middleware factories:
  // app.use(limiter({ max: 5 })) where limiter returns (req, res, next) => …
  if (ts.isCallExpression(node)) {
    const factory = resolveFunction(node.expression, context);
    const made = factory ? getReturnedExpressions(factory.node).map((returned) => skipOuterExpressions(returned)).filter(isFunctionLike) : [];
    if (made.length > 0) return made.map((fn) => ({ node: fn, context: factory!.context }));
    return node.arguments.flatMap((argument) => {
      const inner = skipOuterExpressions(argument);
      if (isFunctionLike(inner)) return [{ node: inner, context }];
      const resolved = ts.isIdentifier(inner) || ts.isPropertyAccessExpression(inner) ? resolveFunction(inner, context) : undefined;
      return resolved ? [resolved] : [];
    });
  }
  const resolved = resolveFunction(node, context);
  return resolved ? [resolved] : [];
}

function findEnclosingEntry(node: ts.Node, handlers: Map<ts.Node, RequestEntry>): RequestEntry | undefined {
  const handler = findEnclosingHandler(node, handlers);
  return handler && handlers.get(handler);
}

function findEnclosingHandler(node: ts.Node, handlers: Map<ts.Node, RequestEntry>): ts.Node | undefined {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (handlers.has(current)) return current;
  }
  return undefined;
}

/**
 * Request knowledge inside one file: which handler a node runs in, and whether a value comes from
 * the request (a handler's request parameter, followed through variables, destructuring, member
 * access, calls on it and values built from it).
 */
export class RequestScope {
  constructor(
    readonly context: FileContext,
    private readonly handlers: Map<ts.Node, RequestEntry>,
  ) {}

  /** A scope for one function of this file reached from elsewhere (a remote handler). */
  static forFunction(fn: Located, entry: RequestEntry): RequestScope {
    return new RequestScope(fn.context, new Map([[fn.node, entry]]));
  }

  /** The entry of the innermost handler around `node`, if it runs per request. */
  entryFor(node: ts.Node): RequestEntry | undefined {
    return findEnclosingEntry(node, this.handlers);
  }

  /** The innermost handler function around `node`. */
  handlerFor(node: ts.Node): ts.Node | undefined {
    return findEnclosingHandler(node, this.handlers);
  }

  get entries(): ReadonlyMap<ts.Node, RequestEntry> {
    return this.handlers;
  }

  isRequestDerived(expression: ts.Expression, depth = 0): boolean {
    return this.isDerived(expression, depth, 'request');
  }

  /**
   * True when a value comes from what the handler was given: the request, or any parameter of
   * the handler or of a callback inside it (an event's payload). Such a key can take a new value
   * on every call; a key the code makes up (a plugin's tag names) cannot.
   */
  isHandlerDerived(expression: ts.Expression): boolean {
    return this.isDerived(expression, 0, 'handler');
  }

  private isDerived(expression: ts.Expression, depth: number, source: Source): boolean {
    if (depth > MAX_RESOLUTION_DEPTH) return false;
    const node = skipOuterExpressions(expression);
    if (ts.isAwaitExpression(node) || ts.isSpreadElement(node)) return this.isDerived(node.expression, depth + 1, source);
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) return this.isDerived(node.expression, depth + 1, source);
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      // req.get('x'), path.join('uploads', file.name), new URL(req.url, base)
      const callee = skipOuterExpressions(node.expression);
      const onRequest = ts.isPropertyAccessExpression(callee) && this.isDerived(callee.expression, depth + 1, source);
      return onRequest || (node.arguments ?? []).some((argument) => this.isDerived(argument, depth + 1, source));
    }
    if (ts.isTemplateExpression(node)) return node.templateSpans.some((span) => this.isDerived(span.expression, depth + 1, source));
    if (ts.isBinaryExpression(node)) return this.isDerived(node.left, depth + 1, source) || this.isDerived(node.right, depth + 1, source);
    if (ts.isConditionalExpression(node)) {
      return this.isDerived(node.whenTrue, depth + 1, source) || this.isDerived(node.whenFalse, depth + 1, source);
    }
    if (ts.isObjectLiteralExpression(node)) {
      return node.properties.some(
        (property) =>
          (ts.isPropertyAssignment(property) && this.isDerived(property.initializer, depth + 1, source)) ||
          (ts.isShorthandPropertyAssignment(property) && this.isDerived(property.name, depth + 1, source)) ||
          (ts.isSpreadAssignment(property) && this.isDerived(property.expression, depth + 1, source)),
      );
    }
    if (ts.isArrayLiteralExpression(node)) return node.elements.some((element) => this.isDerived(element, depth + 1, source));
    if (ts.isIdentifier(node)) return this.isRequestIdentifier(node, depth, source);
    return false;
  }

  private isRequestIdentifier(identifier: ts.Identifier, depth: number, source: Source): boolean {
    const declaration = findDeclaration(identifier);
    if (!declaration) return false;
    // const { file } = req;  ({ file }) => …
    let owner: ts.Node = declaration;
    while (ts.isBindingElement(owner) || ts.isObjectBindingPattern(owner) || ts.isArrayBindingPattern(owner)) owner = owner.parent;
    if (ts.isParameter(owner)) return this.isRequestParameter(owner, source);
    if (ts.isVariableDeclaration(owner)) {
      // for await (const part of request.parts())
      const loop = owner.parent.parent;
      if (!owner.initializer && loop && (ts.isForOfStatement(loop) || ts.isForInStatement(loop))) {
        return this.isDerived(loop.expression, depth + 1, source);
      }
      const root = ts.isBindingElement(declaration) ? getRootVariableDeclaration(declaration) : owner;
      return !!root?.initializer && this.isDerived(root.initializer, depth + 1, source);
    }
    return false;
  }

  /**
   * A callback inside a handler gets request data when it listens to an event (busboy's
   * `bb.on('file', (name, file, info) => …)`) or is handed the request's data by the call it is
   * passed to (`form.parse(req, (err, fields, files) => …)`).
   */
  private isRequestCallback(fn: ts.Node, source: Source = 'request'): boolean {
    const call = fn.parent;
    if (!ts.isCallExpression(call) || !call.arguments.includes(fn as ts.Expression)) return false;
    const callee = skipOuterExpressions(call.expression);
    if (ts.isPropertyAccessExpression(callee)) {
      if (['on', 'once', 'addListener'].includes(callee.name.text)) return true;
      if (this.isDerived(callee.expression, 0, source)) return true;
    }
    return call.arguments.some((argument) => argument !== fn && this.isDerived(argument, 0, source));
  }

  private isRequestParameter(parameter: ts.ParameterDeclaration, source: Source = 'request'): boolean {
    const fn = parameter.parent;
    if (source === 'handler') {
      return this.handlers.has(fn) || (findEnclosingEntry(fn, this.handlers) !== undefined && this.isRequestCallback(fn, source));
    }
    const entry = this.handlers.get(fn);
    if (!entry) return findEnclosingEntry(fn, this.handlers) !== undefined && this.isRequestCallback(fn);
    const index = (fn as ts.SignatureDeclaration).parameters.indexOf(parameter);
    const policy = entry.requestParameters;
    if (policy === 'all') return true;
    if (policy === 'when-nested') return findEnclosingEntry(fn, this.handlers) !== undefined;
    if (policy === 'first') return index === requestParameterIndex(fn as ts.SignatureDeclaration);
    return policy.includes(index);
  }
}

// Express error middleware is (err, req, res, next): the request is second.
function requestParameterIndex(fn: ts.SignatureDeclaration): number {
  return fn.parameters.length === 4 ? 1 : 0;
}


