// Writes of request data to the local disk inside request handlers: fs writes (data, path or
// source file from the request) and express-fileupload's `file.mv(path)`.
import { ts } from '#typescript';
import type { RequestEntry, RequestScope } from '../../src/engine/request-context.js';
import { skipOuterExpressions } from '../../src/engine/syntax.js';
import { REMOVE_FUNCTIONS, WRITE_SINKS, type WriteSink } from '../data/upload-libraries.js';

export interface DiskWrite {
  call: ts.CallExpression;
  kind: 'fs' | 'mv';
  entry: RequestEntry;
}

/** A call that keeps request data on this server's disk, judged within `scope`. */
export function judgeDiskWrite(call: ts.CallExpression, scope: RequestScope): DiskWrite | undefined {
  // Only writes inside request handlers count; finding the handler is cheaper than resolving.
  const entry = scope.entryFor(call);
  if (!entry) return undefined;
  const callee = skipOuterExpressions(call.expression);
  // req.files.avatar.mv('/uploads/' + name)
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'mv') {
    return scope.isRequestDerived(callee.expression) && call.arguments.length > 0
      ? { call, kind: 'mv', entry }
      : undefined;
  }
  const sink = getWriteSink(call, scope);
  if (!sink) return undefined;
  const destination = call.arguments[sink.destination];
  const fromRequest =
    sink.payload.some((index) => {
      const argument = call.arguments[index];
      return argument !== undefined && scope.isRequestDerived(argument);
    }) ||
    (destination !== undefined && scope.isRequestDerived(destination)) ||
    isPipedFromRequest(call, scope);
  if (!fromRequest || (destination && isRemovedInHandler(call, destination, scope))) return undefined;
  return { call, kind: 'fs', entry };
}

function getWriteSink(call: ts.CallExpression, scope: RequestScope): WriteSink | undefined {
  const ref = scope.context.resolveModuleRef(call.expression);
  if (!ref || ref.calls > 0) return undefined;
  return WRITE_SINKS.get(ref.module)?.find(
    (sink) => sink.path.length === ref.path.length && sink.path.every((name, index) => name === ref.path[index]),
  );
}

// pipeline(part.file, fs.createWriteStream(target)) / file.pipe(fs.createWriteStream(target))
function isPipedFromRequest(call: ts.CallExpression, scope: RequestScope): boolean {
  const parent = call.parent;
  if (!ts.isCallExpression(parent) || !parent.arguments.includes(call)) return false;
  const callee = skipOuterExpressions(parent.expression);
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'pipe') return scope.isRequestDerived(callee.expression);
  return parent.arguments.some((argument) => argument !== call && scope.isRequestDerived(argument));
}

/** A temp file deleted in the same handler (`finally { await fs.promises.unlink(tmp) }`) is not kept. */
function isRemovedInHandler(call: ts.CallExpression, destination: ts.Expression, scope: RequestScope): boolean {
  const handler = scope.handlerFor(call);
  return handler !== undefined && containsRemoval(handler, destination.getText());
}

/** True when `root` deletes a file (`unlink`, `rm`, fs-extra `remove`…), the one at `path` if given. */
export function containsRemoval(root: ts.Node, path?: string): boolean {
  const target = path === undefined ? undefined : normalise(path);
  let removed = false;
  const visit = (node: ts.Node): void => {
    if (removed) return;
    if (ts.isCallExpression(node)) {
      const callee = skipOuterExpressions(node.expression);
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
      const [first] = node.arguments;
      removed = REMOVE_FUNCTIONS.has(name) && (target === undefined || (first !== undefined && normalise(first.getText()) === target));
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
  return removed;
}

function normalise(text: string): string {
  return text.replace(/\s+/g, '');
}

