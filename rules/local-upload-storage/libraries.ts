// Upload middleware configured to keep files on the local disk: multer's `dest` or
// `diskStorage`, NestJS interceptors and MulterModule, formidable, koa-body.
import { ts } from '#typescript';
import type { FileContext } from '../../src/engine/file-context.js';
import { refersTo } from '../../src/engine/module-ref.js';
import { getEnclosingFunction, getReturnedExpressions, isStringLiteralLike, skipOuterExpressions } from '../../src/engine/syntax.js';
import { resolveFunction, type ObjectValue, type PropertyValue } from '../../src/engine/values.js';
import { DISK_STORAGE_ENGINES, UPLOAD_LIBRARIES } from '../data/upload-libraries.js';
import { containsRemoval } from './sinks.js';

export type UploadConfig =
  | { kind: 'disk-storage'; library: string }
  | { kind: 'disk-option'; library: string; option: string; folder: string };

const UPLOAD_PACKAGES = [...new Set([...UPLOAD_LIBRARIES.map((l) => l.package), ...DISK_STORAGE_ENGINES.map((e) => e.package)])];

export function judgeUploadConfig(call: ts.CallExpression | ts.NewExpression, context: FileContext): UploadConfig | undefined {
  if (!context.mentionsAny(UPLOAD_PACKAGES)) return undefined;
  const ref = context.resolveModuleRef(call.expression);
  if (!ref) return undefined;
  const engine = DISK_STORAGE_ENGINES.find((candidate) => refersTo(ref, candidate.package, candidate.path));
  if (engine) return { kind: 'disk-storage', library: engine.package };
  for (const library of UPLOAD_LIBRARIES) {
    const shape = library.calls.find((candidate) => refersTo(ref, library.package, candidate.path));
    if (!shape) continue;
    const argument = call.arguments?.[shape.optionsIndex];
    const options = argument && (shape.factory ? resolveFactoryResult(argument, context) : context.resolveObject(argument));
    for (const optionPath of library.diskOptions) {
      const value = options && readOption(options, optionPath);
      // keepExtensions alone leaves files in the temp folder: fine when the handler deletes them.
      if (optionPath.at(-1) === 'keepExtensions' && isTempFileRemoved(call)) continue;
      if (value && isKeptOnDisk(value)) {
        return { kind: 'disk-option', library: library.package, option: optionPath.join('.'), folder: describeFolder(value) };
      }
    }
  }
  return undefined;
}

function isTempFileRemoved(call: ts.Node): boolean {
  const fn = getEnclosingFunction(call);
  return fn !== undefined && containsRemoval(fn);
}

function resolveFactoryResult(argument: ts.Expression, context: FileContext): ObjectValue | undefined {
  const factory = context.resolveObject(argument)?.properties.get('useFactory');
  const fn = factory?.value && resolveFunction(factory.value, factory.context);
  const returned = fn ? getReturnedExpressions(fn.node) : [];
  return fn && returned.length === 1 ? fn.context.resolveObject(returned[0]!) : undefined;
}

function readOption(options: ObjectValue, path: readonly string[]): ts.Expression | undefined {
  let current: ObjectValue | undefined = options;
  for (const [index, name] of path.entries()) {
    const property: PropertyValue | undefined = current?.properties.get(name);
    if (!property?.value) return undefined;
    if (index === path.length - 1) return property.value;
    current = property.context.resolveObject(property.value);
  }
  return undefined;
}

/** `keepExtensions: false` or `dest: undefined` keep nothing. */
function isKeptOnDisk(value: ts.Expression): boolean {
  const inner = skipOuterExpressions(value);
  return (
    inner.kind !== ts.SyntaxKind.FalseKeyword &&
    inner.kind !== ts.SyntaxKind.NullKeyword &&
    !(ts.isIdentifier(inner) && inner.text === 'undefined')
  );
}

function describeFolder(value: ts.Expression): string {
  const inner = skipOuterExpressions(value);
  if (isStringLiteralLike(inner)) return `\`${inner.text}\``;
  if (inner.kind === ts.SyntaxKind.TrueKeyword) return "formidable's temporary folder, and keeps them";
  return `\`${inner.getText().replace(/\s+/g, ' ').slice(0, 60)}\``;
}
