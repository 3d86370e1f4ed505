// "What is the value of this options argument?": the keys of an object, statically, through
// literals, `const` variables, spreads, `Object.assign`, functions that return an object, and
// exports of other files of the scanned tree. When a key may exist that we cannot see, the
// object is `open` and rules stay silent rather than guess.
import { ts } from '#typescript';
import type { FileContext, Located } from './file-context.js';
import { NodeMemo } from './node-memo.js';
import { getBindingPath, getRelativeModule, getRelativeModuleOfVariable, getRequiredSpecifier, isRelativeSpecifier } from './module-ref.js';
import { findDeclaration, getRootVariableDeclaration, keepsInitialValue, type Declaration } from './scope.js';
import {
  MAX_RESOLUTION_DEPTH,
  getAccessedName,
  isAssignmentOperator,
  isStatic,
  getReturnedExpressions,
  getStaticPropertyName,
  isFunctionLike,
  isStringLiteralLike,
  skipOuterExpressions,
} from './syntax.js';

export interface PropertyValue {
  /** The property assignment (where a finding about this key points). */
  node: ts.Node;
  /** The value expression; `undefined` when set somewhere we cannot evaluate. */
  value: ts.Expression | undefined;
  /** For a key assigned after the declaration (`controller.upload = …`): what was assigned last. */
  assigned?: ts.Expression;
  context: FileContext;
}

export interface ObjectValue {
  properties: Map<string, PropertyValue>;
  /** True when keys we cannot see may be present (unknown spread, computed key, mutation). */
  open: boolean;
}

const MAX_DEPTH = MAX_RESOLUTION_DEPTH;

export function resolveObject(expression: ts.Expression, context: FileContext, depth = 0): ObjectValue | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = skipOuterExpressions(expression);

  if (ts.isObjectLiteralExpression(node)) return fromObjectLiteral(node, context, depth);

  if (ts.isIdentifier(node)) {
    const declaration = findDeclaration(node);
    return declaration ? fromDeclaration(declaration, context, depth) : undefined;
  }

  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    // config.session, where config is a known object or a scanned file's exports
    const name = getAccessedName(node);
    const module = name === undefined ? undefined : getRelativeModule(node.expression, context);
    const exported = module?.getExportedExpression(name!);
    if (exported) return resolveObject(exported.node as ts.Expression, exported.context, depth + 1);
    const base = name === undefined ? undefined : resolveObject(node.expression, context, depth + 1);
    const property = base?.properties.get(name!);
    return property?.value ? resolveObject(property.value, property.context, depth + 1) : undefined;
  }

  if (ts.isCallExpression(node)) return fromCall(node, context, depth);
  return undefined;
}

function fromObjectLiteral(literal: ts.ObjectLiteralExpression, context: FileContext, depth: number): ObjectValue {
  const result: ObjectValue = { properties: new Map(), open: false };
  for (const property of literal.properties) {
    if (ts.isSpreadAssignment(property)) {
      mergeInto(result, resolveObject(property.expression, context, depth + 1));
      continue;
    }
    const name = property.name ? getStaticPropertyName(property.name) : undefined;
    if (name === undefined) {
      result.open = true;
      continue;
    }
    const value = ts.isPropertyAssignment(property)
      ? property.initializer
      : ts.isShorthandPropertyAssignment(property)
        ? property.name
        : undefined;
    result.properties.set(name, { node: property, value, context });
  }
  return result;
}

function mergeInto(target: ObjectValue, source: ObjectValue | undefined): void {
  if (!source) {
    target.open = true;
    return;
  }
  for (const [name, property] of source.properties) target.properties.set(name, property);
  if (source.open) target.open = true;
}

function fromDeclaration(declaration: Declaration, context: FileContext, depth: number): ObjectValue | undefined {
  if (ts.isVariableDeclaration(declaration)) {
    if (!declaration.initializer || !ts.isIdentifier(declaration.name)) return undefined;
    const value = resolveObject(declaration.initializer, context, depth + 1);
    return value && applyMutations(value, declaration, context);
  }
  if (ts.isBindingElement(declaration)) {
    // const { session: sessionOptions } = require('./config')
    const root = getRootVariableDeclaration(declaration);
    const path = getBindingPath(declaration);
    if (!root?.initializer || !path) return undefined;
    const module = getRelativeModule(root.initializer, context);
    const exported = module && path[0] !== undefined ? module.getExportedExpression(path[0]) : undefined;
    let value: ObjectValue | undefined;
    if (exported) {
      value = path.length === 1 ? resolveObject(exported.node as ts.Expression, exported.context, depth + 1) : undefined;
    } else {
      value = resolveObject(root.initializer, context, depth + 1);
      for (const name of path) {
        const property = value?.properties.get(name);
        value = property?.value ? resolveObject(property.value, property.context, depth + 1) : undefined;
      }
    }
    // const { session } = require('./config'); session.store = new RedisStore(…)
    return value && ts.isIdentifier(declaration.name) ? applyMutations(value, declaration, context) : value;
  }
  const imported = getImportedExport(declaration, context);
  return imported ? resolveObject(imported.node as ts.Expression, imported.context, depth + 1) : undefined;
}

function fromCall(call: ts.CallExpression, context: FileContext, depth: number): ObjectValue | undefined {
  const specifier = getRequiredSpecifier(call, context);
  if (specifier !== undefined) {
    if (!isRelativeSpecifier(specifier)) return undefined;
    const exported = context.loadRelative(specifier)?.getExportedExpression('default');
    return exported ? resolveObject(exported.node as ts.Expression, exported.context, depth + 1) : undefined;
  }
  // Object.assign({}, defaults, { secret })
  const callee = skipOuterExpressions(call.expression);
  if (
    ts.isPropertyAccessExpression(callee) &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === 'Object' &&
    callee.name.text === 'assign' &&
    !findDeclaration(callee.expression)
  ) {
    const result: ObjectValue = { properties: new Map(), open: false };
    for (const argument of call.arguments) {
      if (ts.isSpreadElement(argument)) result.open = true;
      else mergeInto(result, resolveObject(argument, context, depth + 1));
    }
    return result;
  }
  const fn = resolveFunction(call.expression, context, depth + 1);
  if (!fn) return undefined;
  const returned = getReturnedExpressions(fn.node);
  return returned.length === 1 ? resolveObject(returned[0]!, fn.context, depth + 1) : undefined;
}

/** The function a callee names: a declaration, a `const f = () => …`, or an imported one. */
export function resolveFunction(expression: ts.Expression, context: FileContext, depth = 0): Located | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = skipOuterExpressions(expression);
  if (isFunctionLike(node)) return { node, context };
  if (ts.isPropertyAccessExpression(node)) return resolveMemberFunction(node, context, depth);
  if (!ts.isIdentifier(node)) return undefined;
  const declaration = findDeclaration(node);
  if (!declaration) return undefined;
  if (ts.isFunctionDeclaration(declaration)) return { node: declaration, context };
  if (ts.isVariableDeclaration(declaration)) {
    return declaration.initializer && keepsInitialValue(declaration)
      ? resolveFunction(declaration.initializer, context, depth + 1)
      : undefined;
  }
  if (ts.isBindingElement(declaration)) {
    // const { saveUpload } = require('./lib/storage')
    const root = getRootVariableDeclaration(declaration);
    const path = getBindingPath(declaration);
    const module = root?.initializer && path?.length === 1 ? getRelativeModule(root.initializer, context) : undefined;
    const exported = module?.getExportedExpression(path![0]!);
    return exported ? resolveFunction(exported.node as ts.Expression, exported.context, depth + 1) : undefined;
  }
  const imported = getImportedExport(declaration, context);
  if (!imported) return undefined;
  if (isFunctionLike(imported.node)) return imported;
  return resolveFunction(imported.node as ts.Expression, imported.context, depth + 1);
}

// userController.createUser, where userController is require('./controllers/user') or
// `import * as userController from …`, or an object of functions.
function resolveMemberFunction(node: ts.PropertyAccessExpression, context: FileContext, depth: number): Located | undefined {
  const name = node.name.text;
  // this.persist(…) inside a class: a method of the same class
  const owner = node.expression.kind === ts.SyntaxKind.ThisKeyword ? getThisClass(node, context) : resolveClass(node.expression, context, depth + 1);
  if (owner) {
    const method = owner.node.members.find(
      (member) => ts.isMethodDeclaration(member) && member.body && getStaticPropertyName(member.name) === name && isStatic(member) === owner.isStatic,
    );
    return method ? { node: method, context: owner.context } : undefined;
  }
  const module = getRelativeModule(node.expression, context);
  const exported = module?.getExportedExpression(name);
  if (exported) return resolveFunction(exported.node as ts.Expression, exported.context, depth + 1);
  const property = resolveObject(node.expression, context, depth + 1)?.properties.get(name);
  const value = property?.value ?? property?.assigned;
  return value ? resolveFunction(value, property!.context, depth + 1) : undefined;
}

/**
 * The class an expression is (`Tracker`, for static members) or an instance of
 * (`require('./cart-store')` when that file exports `new CartStore()`, or a `const` holding one).
 */
export function resolveClass(
  expression: ts.Expression,
  context: FileContext,
  depth = 0,
): { node: ts.ClassLikeDeclaration; context: FileContext; isStatic: boolean } | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = skipOuterExpressions(expression);
  if (ts.isNewExpression(node)) {
    const owner = resolveClass(node.expression, context, depth + 1);
    return owner?.isStatic ? { ...owner, isStatic: false } : undefined;
  }
  const module = getRelativeModule(node, context);
  if (module) {
    const exported = module.getExportedExpression('default');
    return exported ? resolveClass(exported.node as ts.Expression, exported.context, depth + 1) : undefined;
  }
  if (ts.isClassDeclaration(node)) return { node, context, isStatic: true };
  if (!ts.isIdentifier(node)) return undefined;
  const declaration = findDeclaration(node);
  if (declaration && ts.isClassDeclaration(declaration)) return { node: declaration, context, isStatic: true };
  if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && keepsInitialValue(declaration)) {
    return resolveClass(declaration.initializer, context, depth + 1);
  }
  const imported = declaration && getImportedExport(declaration, context);
  return imported ? resolveClass(imported.node as ts.Expression, imported.context, depth + 1) : undefined;
}

function getThisClass(node: ts.Node, context: FileContext): { node: ts.ClassLikeDeclaration; context: FileContext; isStatic: boolean } | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isArrowFunction(current)) continue;
    if (isFunctionLike(current)) {
      const owner = current.parent;
      return ts.isClassLike(owner) ? { node: owner, context, isStatic: isStatic(current) } : undefined;
    }
  }
  return undefined;
}


/**
 * The node a name of another scanned file stands for: `import x from './rel'`,
 * `import { a } from './rel'`, `const { a } = require('./rel')`, `const x = require('./rel')`.
 */
export function resolveImportedValue(identifier: ts.Identifier, context: FileContext): Located | undefined {
  const declaration = findDeclaration(identifier);
  if (!declaration) return undefined;
  if (ts.isBindingElement(declaration)) {
    const root = getRootVariableDeclaration(declaration);
    const path = getBindingPath(declaration);
    const module = root?.initializer && path?.length === 1 ? getRelativeModule(root.initializer, context) : undefined;
    return module?.getExportedExpression(path![0]!);
  }
  if (ts.isVariableDeclaration(declaration)) return getRelativeModuleOfVariable(declaration, context)?.getExportedExpression('default');
  return getImportedExport(declaration, context);
}

/** For `import x from './rel'` / `import { a } from './rel'`: the exported node in that file. */
function getImportedExport(declaration: Declaration, context: FileContext): Located | undefined {
  let specifier: ts.Expression | undefined;
  let name = 'default';
  if (ts.isImportClause(declaration)) specifier = declaration.parent.moduleSpecifier;
  else if (ts.isNamespaceImport(declaration)) return undefined;
  else if (ts.isImportSpecifier(declaration)) {
    specifier = declaration.parent.parent.parent.moduleSpecifier;
    name = getStaticPropertyName(declaration.propertyName ?? declaration.name) ?? declaration.name.text;
  } else if (ts.isImportEqualsDeclaration(declaration)) {
    const reference = declaration.moduleReference;
    if (ts.isExternalModuleReference(reference)) specifier = reference.expression;
  }
  if (!specifier || !isStringLiteralLike(specifier) || !isRelativeSpecifier(specifier.text)) return undefined;
  return context.loadRelative(specifier.text)?.getExportedExpression(name);
}

/**
 * Options objects are often finished after their declaration
 * (`if (prod) options.store = new RedisStore(…)`). A key assigned later has an unknown value;
 * `Object.assign(options, …)` or a computed assignment opens the object.
 */
type Binding = ts.VariableDeclaration | ts.BindingElement;

const mutationsByDeclaration = new NodeMemo<Binding, ObjectValue>();

function applyMutations(value: ObjectValue, declaration: Binding, context: FileContext): ObjectValue {
  // Found once per declaration: the scope walk below is the costly part.
  let mutations = mutationsByDeclaration.get(declaration);
  if (!mutations) {
    mutations = findMutations(declaration, context);
    mutationsByDeclaration.set(declaration, mutations);
  }
  const result: ObjectValue = { properties: new Map(value.properties), open: value.open || mutations.open };
  for (const [key, property] of mutations.properties) result.properties.set(key, property);
  return result;
}

/** The keys written after the declaration (values unknown), and whether the object is opened. */
function findMutations(declaration: Binding, context: FileContext): ObjectValue {
  const result: ObjectValue = { properties: new Map(), open: false };
  const name = (declaration.name as ts.Identifier).text;
  const variable = ts.isVariableDeclaration(declaration) ? declaration : getRootVariableDeclaration(declaration);
  const scope = variable?.parent.parent.parent;
  if (!scope) return result;
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === name && node !== declaration.name && findDeclaration(node) === declaration) {
      recordMutation(node, result, context);
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(scope, visit);
  return result;
}

function recordMutation(reference: ts.Identifier, result: ObjectValue, context: FileContext): void {
  const parent = reference.parent;
  // options = { …another object }
  if (ts.isBinaryExpression(parent) && parent.left === reference && isAssignmentOperator(parent.operatorToken.kind)) {
    result.open = true;
    return;
  }
  if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === reference) {
    // options.store = …, or deeper: options.session.store = … (then `session` is no longer known)
    let target: ts.Expression = parent;
    while ((ts.isPropertyAccessExpression(target.parent) || ts.isElementAccessExpression(target.parent)) && target.parent.expression === target) {
      target = target.parent;
    }
    const assignment = target.parent;
    const isAssignment = ts.isBinaryExpression(assignment) && assignment.left === target && isAssignmentOperator(assignment.operatorToken.kind);
    const isWrite = isAssignment || (ts.isDeleteExpression(assignment) && assignment.expression === target);
    if (!isWrite) return;
    const key = getAccessedName(parent);
    if (key === undefined) result.open = true;
    else {
      const assigned = isAssignment && target === parent ? (assignment as ts.BinaryExpression).right : undefined;
      result.properties.set(key, { node: assignment, value: undefined, assigned, context });
    }
    return;
  }
  // Object.assign(options, …)
  if (ts.isCallExpression(parent) && parent.arguments[0] === reference) {
    const callee = skipOuterExpressions(parent.expression);
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'assign') result.open = true;
  }
}

