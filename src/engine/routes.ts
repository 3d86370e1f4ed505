// The shapes that make a function run per request, per connection or per event: route and
// middleware registration (Express, Koa, Fastify, Hapi), server callbacks, event listeners and
// NestJS handler decorators.
import { ts } from '#typescript';
import type { FileContext } from './file-context.js';
import { findDeclaration } from './scope.js';
import { getEnclosingFunction, getStaticPropertyName, isFunctionLike, isStringLiteralLike, skipOuterExpressions } from './syntax.js';

/**
 * Which parameters carry the request: the first (HTTP handlers), every one (a new socket, a
 * message on it), every one only when the listener sits inside another handler (`socket.on`,
 * `busboy.on` in a route; a top-level `emitter.on` or `process.on('message')` gets no client
 * data), or the listed indexes.
 */
export type RequestParameters = 'first' | 'all' | 'when-nested' | readonly number[];

export interface Registration {
  /** What triggers it, for messages: every `POST /login`, every request, every `join` event. */
  trigger: string;
  node: ts.Node;
  /** What is registered as a handler: functions, names of functions, wrapped functions, methods. */
  handlers: ts.Node[];
  requestParameters: RequestParameters;
  /** Known only by its signature: a route naming the same function says more, so it wins. */
  bySignature?: boolean;
}

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'options', 'head']);
const MIDDLEWARE_METHODS = new Set(['use', 'addHook']);
// `once` runs one time: not per event.
const LISTENER_METHODS = new Set(['on', 'addListener', 'prependListener']);
// Events that fire once (or a handful of times) in a process's life: not per request.
const ONE_OFF_EVENTS = new Set([
  'listening', 'ready', 'close', 'exit', 'beforeExit', 'SIGTERM', 'SIGINT', 'SIGHUP', 'SIGUSR2',
  'uncaughtException', 'unhandledRejection', 'warning', 'online', 'fork', 'mount',
  // Fastify hooks that run while the app starts or stops
  'onReady', 'onClose', 'onListen', 'onRoute', 'onRegister', 'preClose',
]);
const FASTIFY_HOOK_KEYS = ['handler', 'preHandler', 'onRequest', 'preValidation', 'preParsing', 'preSerialization', 'onSend', 'onResponse'];

/** A registration made by `call`, or `undefined`. */
export function getRegistration(call: ts.CallExpression, context: FileContext): Registration | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (ts.isPropertyAccessExpression(callee)) {
    const method = callee.name.text;
    if (HTTP_METHODS.has(method)) {
      const registration = getChainedRouteRegistration(call, method) ?? getRouteRegistration(call, method);
      return registration && !isHttpClient(callee.expression, context) ? registration : undefined;
    }
    if (MIDDLEWARE_METHODS.has(method)) return getMiddlewareRegistration(call, method);
    if (LISTENER_METHODS.has(method)) return getListenerRegistration(call);
    if (method === 'route') return getRouteObjectRegistration(call);
  }
  // http.createServer((req, res) => …)
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  if (!/^create(Secure)?Server$/.test(name)) return undefined;
  const ref = context.resolveModuleRef(call.expression);
  if (ref && ['http', 'https', 'http2'].includes(ref.module) && ref.path.length === 1) {
    const handlers = call.arguments.filter((argument) => isFunctionLike(skipOuterExpressions(argument)));
    return handlers.length ? { trigger: 'every request', node: call, handlers, requestParameters: 'first' } : undefined;
  }
  return undefined;
}

// Browser and HTTP-client calls share the verbs: $.get('/api/x', cb), axios.post('/login', body).
const HTTP_CLIENTS = new Set(['axios', 'jquery', 'superagent', 'got', 'needle', 'node-fetch', 'request', 'ky', 'supertest', 'undici']);

function isHttpClient(receiver: ts.Expression, context: FileContext): boolean {
  const node = skipOuterExpressions(receiver);
  if (ts.isIdentifier(node) && (node.text === '$' || node.text === 'jQuery') && !findDeclaration(node)) return true;
  const ref = ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) ? context.resolveModuleRef(node) : undefined;
  return ref !== undefined && HTTP_CLIENTS.has(ref.module);
}

// router.route('/items').get(list).post(create): the path comes from route().
function getChainedRouteRegistration(call: ts.CallExpression, method: string): Registration | undefined {
  let receiver = skipOuterExpressions((call.expression as ts.PropertyAccessExpression).expression);
  while (ts.isCallExpression(receiver) && ts.isPropertyAccessExpression(receiver.expression)) {
    const name = receiver.expression.name.text;
    const [path] = receiver.arguments;
    if (name === 'route' && path && isPathLike(path)) {
      const verb = method === 'del' ? 'DELETE' : method.toUpperCase();
      return { trigger: `every \`${verb} ${describePath(path) ?? ''}\``, node: call, handlers: [...call.arguments], requestParameters: 'first' };
    }
    if (!HTTP_METHODS.has(name)) return undefined;
    receiver = skipOuterExpressions(receiver.expression.expression);
  }
  return undefined;
}

// app.post('/login', limiter, handler); router.get('name', '/path', handler). The path must look
// like one, so cache.get('key', callback) is not a route.
function getRouteRegistration(call: ts.CallExpression, method: string): Registration | undefined {
  const args = [...call.arguments];
  const named = args[0] && isStringLiteralLike(skipOuterExpressions(args[0])) && args[1] && isPathLike(args[1]) ? 1 : 0;
  const pathArgument = args[named];
  if (!pathArgument || !isPathLike(pathArgument) || args.length < named + 2) return undefined;
  const path = describePath(pathArgument) ?? '';
  const pathIndex = named + 1;
  const verb = method === 'del' ? 'DELETE' : method === 'all' ? 'ALL' : method.toUpperCase();
  // fastify.post('/x', { preHandler, handler }) carries its handlers in an options object
  const handlers = args.slice(pathIndex).flatMap((argument) => {
    const inner = skipOuterExpressions(argument);
    return ts.isObjectLiteralExpression(inner) ? getHookProperties(inner) : [argument];
  });
  return { trigger: `every \`${`${verb} ${path}`.trim()}\``, node: call, handlers, requestParameters: 'first' };
}

// app.use(fn), app.use('/api', fn), fastify.addHook('onRequest', fn)
function getMiddlewareRegistration(call: ts.CallExpression, method: string): Registration | undefined {
  const args = [...call.arguments];
  if (method === 'addHook') {
    const [hook, fn] = args;
    if (!hook || !isStringLiteralLike(hook) || !fn || ONE_OFF_EVENTS.has(hook.text)) return undefined;
    // Fastify hooks take (request, reply, …): the request is always first.
    return { trigger: `every request (${hook.text} hook)`, node: call, handlers: [fn], requestParameters: [0] };
  }
  // Middleware takes (req, res[, next]) or (ctx, next): a one-parameter function given to use()
  // is more likely a plugin (markdown-it, i18next) than per-request code.
  const handlers = args.filter((argument) => {
    const inner = skipOuterExpressions(argument);
    return !isPathLike(inner) && (!isFunctionLike(inner) || inner.parameters.length >= 2 || isKoaContext(inner));
  });
  const path = args.map(describePath).find((text) => text !== undefined);
  return handlers.length
    ? { trigger: path ? `every request to \`${path}\`` : 'every request', node: call, handlers, requestParameters: 'first' }
    : undefined;
}

// Koa's last middleware often takes only the context: app.use(async (ctx) => …)
function isKoaContext(fn: ts.SignatureDeclaration): boolean {
  const [parameter] = fn.parameters;
  return fn.parameters.length === 1 && parameter !== undefined && ts.isIdentifier(parameter.name) && /^(ctx|context)$/.test(parameter.name.text);
}

// Events of streams and readline: at module level they read a file or a pipe once, at start-up.
const STREAM_EVENTS = new Set(['data', 'line', 'end', 'readable', 'finish', 'close', 'open', 'drain', 'pipe', 'entry']);

// io.on('connection', (socket) => …); socket.on('join', (room) => …); emitter.on('order', …)
function getListenerRegistration(call: ts.CallExpression): Registration | undefined {
  const [event, fn] = call.arguments;
  if (!event || !isStringLiteralLike(event) || !fn || ONE_OFF_EVENTS.has(event.text)) return undefined;
  if (STREAM_EVENTS.has(event.text) && !getEnclosingFunction(call)) return undefined;
  // server.on('request', (req, res) => …) is an HTTP handler
  if (event.text === 'request' || event.text === 'upgrade') {
    return { trigger: 'every request', node: call, handlers: [fn], requestParameters: 'first' };
  }
  const isConnection = event.text === 'connection' || event.text === 'connect';
  const trigger = isConnection ? 'every new connection' : `every \`${event.text}\` event`;
  // function registerHandlers(socket) { socket.on('save', (data) => …) }: the emitter is handed
  // in, as a connection is, so its events carry client data.
  const receiver = skipOuterExpressions((call.expression as ts.PropertyAccessExpression).expression);
  // An inline callback's parameter (`.then((res) => res.on('entry', …))`) is not such an emitter.
  const declaration = ts.isIdentifier(receiver) ? findDeclaration(receiver) : undefined;
  const fromParameter = declaration !== undefined && ts.isParameter(declaration) && !ts.isCallExpression(declaration.parent.parent);
  return { trigger, node: call, handlers: [fn], requestParameters: isConnection || fromParameter ? 'all' : 'when-nested' };
}

// fastify.route({ method: 'POST', url: '/x', handler }); server.route({ method, path, handler | options: { handler } });
// server.route([{ … }, { … }])
function getRouteObjectRegistration(call: ts.CallExpression): Registration | undefined {
  const [options] = call.arguments;
  const inner = options && skipOuterExpressions(options);
  if (!inner) return undefined;
  const objects = ts.isArrayLiteralExpression(inner) ? inner.elements.map((element) => skipOuterExpressions(element)) : [inner];
  const routes = objects.filter(ts.isObjectLiteralExpression).map((object) => describeRouteObject(object));
  const handlers = routes.flatMap((route) => route.handlers);
  if (handlers.length === 0) return undefined;
  const trigger = routes.length === 1 ? routes[0]!.trigger : `every request to the ${routes.length} routes registered here`;
  return { trigger, node: call, handlers, requestParameters: 'first' };
}

function getHookProperties(object: ts.ObjectLiteralExpression): ts.Node[] {
  return describeRouteObject(object).handlers;
}

function describeRouteObject(object: ts.ObjectLiteralExpression): { trigger: string; handlers: ts.Node[] } {
  const properties = new Map<string, ts.Node>();
  const collect = (literal: ts.ObjectLiteralExpression): void => {
    for (const property of literal.properties) {
      if (!ts.isPropertyAssignment(property) && !ts.isShorthandPropertyAssignment(property) && !ts.isMethodDeclaration(property)) continue;
      const name = getStaticPropertyName(property.name);
      if (name === undefined) continue;
      const value = ts.isPropertyAssignment(property) ? property.initializer : ts.isShorthandPropertyAssignment(property) ? property.name : undefined;
      if (name === 'options' && value && ts.isObjectLiteralExpression(value)) collect(value);
      else if (ts.isMethodDeclaration(property)) properties.set(name, property);
      else if (value) properties.set(name, value);
    }
  };
  collect(object);
  const handlers = FASTIFY_HOOK_KEYS.map((key) => properties.get(key)).filter((value) => value !== undefined);
  const method = properties.get('method');
  const path = properties.get('url') ?? properties.get('path');
  const verb = method && isStringLiteralLike(method) ? method.text.toUpperCase() : 'ROUTE';
  const where = path && ts.isExpression(path) ? (describePath(path) ?? '') : '';
  return { trigger: `every \`${`${verb} ${where}`.trim()}\``, handlers };
}

function isPathLike(node: ts.Expression): boolean {
  const inner = skipOuterExpressions(node);
  if (isStringLiteralLike(inner)) return /^[/*]/.test(inner.text);
  if (ts.isTemplateExpression(inner)) return inner.head.text.startsWith('/');
  if (ts.isArrayLiteralExpression(inner)) return inner.elements.length > 0 && inner.elements.every((element) => isPathLike(element));
  return ts.isRegularExpressionLiteral(inner);
}

function describePath(node: ts.Expression): string | undefined {
  const inner = skipOuterExpressions(node);
  if (isStringLiteralLike(inner)) return inner.text.startsWith('/') || inner.text === '*' ? inner.text : undefined;
  if (ts.isArrayLiteralExpression(inner)) return inner.elements.map(describePath).find((text) => text !== undefined);
  return undefined;
}

/**
 * `function userQuota(req, res, next)` or `const auth = (req, res, next) => …` at module level: a
 * middleware by its signature, registered elsewhere (often in another file), so per request.
 */
export function getMiddlewareBySignature(node: ts.FunctionDeclaration | ts.VariableDeclaration): Registration | undefined {
  const fn = ts.isFunctionDeclaration(node) ? node : node.initializer && skipOuterExpressions(node.initializer);
  if (!fn || !(ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isArrowFunction(fn))) return undefined;
  if (getEnclosingFunction(node)) return undefined;
  const [request, response] = fn.parameters.map((parameter) => (ts.isIdentifier(parameter.name) ? parameter.name.text : ''));
  if (!/^(req|request)$/.test(request ?? '') || !/^(res|response|reply)$/.test(response ?? '')) return undefined;
  const name = node.name && ts.isIdentifier(node.name) ? node.name.text : 'this middleware';
  return { trigger: `every request through \`${name}\``, node, handlers: [fn], requestParameters: 'first', bySignature: true };
}

const NEST_HTTP = ['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Options', 'Head'];
const NEST_EVENTS: Record<string, string> = {
  '@nestjs/websockets': 'SubscribeMessage',
  '@nestjs/microservices': 'MessagePattern|EventPattern',
};
const NEST_REQUEST_PARAMETERS = new Set(['UploadedFile', 'UploadedFiles', 'Body', 'Req', 'Request', 'Param', 'Query', 'Headers', 'MessageBody', 'Payload']);

/** A NestJS controller or gateway method, with the route or message that triggers it. */
export function getNestHandler(method: ts.MethodDeclaration, context: FileContext): Registration | undefined {
  for (const decorator of ts.getDecorators(method) ?? []) {
    const call = decorator.expression;
    if (!ts.isCallExpression(call)) continue;
    const ref = context.resolveModuleRef(call.expression);
    if (!ref || ref.path.length !== 1) continue;
    const name = ref.path[0]!;
    const [argument] = call.arguments;
    const text = argument && isStringLiteralLike(argument) ? argument.text : '';
    let trigger: string | undefined;
    if (ref.module === '@nestjs/common' && NEST_HTTP.includes(name)) {
      trigger = `every \`${name.toUpperCase()} ${joinPaths(getControllerPrefix(method, context), text)}\``;
    } else if (NEST_EVENTS[ref.module]?.split('|').includes(name)) {
      trigger = `every \`${text || name}\` message`;
    }
    if (!trigger) continue;
    const decorated = method.parameters
      .map((parameter, index) => (isNestRequestParameter(parameter, context) ? index : -1))
      .filter((index) => index >= 0);
    const requestParameters: RequestParameters = decorated.length ? decorated : 'all';
    return { trigger, node: method, handlers: [method], requestParameters };
  }
  return undefined;
}

/** The name a decorator has in the NestJS package it comes from (`@Body()`, `@Controller('x')`). */
function getNestDecoratorName(decorator: ts.Decorator, context: FileContext): string | undefined {
  const call = decorator.expression;
  const ref = context.resolveModuleRef(ts.isCallExpression(call) ? call.expression : call);
  return ref?.module.startsWith('@nestjs/') && ref.path.length === 1 ? ref.path[0] : undefined;
}

function isNestRequestParameter(parameter: ts.ParameterDeclaration, context: FileContext): boolean {
  return (ts.getDecorators(parameter) ?? []).some((decorator) => NEST_REQUEST_PARAMETERS.has(getNestDecoratorName(decorator, context) ?? ''));
}

function getControllerPrefix(method: ts.MethodDeclaration, context: FileContext): string {
  const owner = method.parent;
  if (!ts.isClassLike(owner)) return '';
  for (const decorator of ts.getDecorators(owner) ?? []) {
    const call = decorator.expression;
    if (ts.isCallExpression(call) && getNestDecoratorName(decorator, context) === 'Controller') {
      const [argument] = call.arguments;
      if (argument && isStringLiteralLike(argument)) return argument.text;
    }
  }
  return '';
}

function joinPaths(prefix: string, path: string): string {
  const joined = [prefix, path].map((part) => part.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/');
  return `/${joined}`;
}
