// Module-level containers (and class static fields) and the places that grow, shrink or bound
// them. A binding is named by a key that is the same from every file: `<file>#<name>`.
import { ts } from '#typescript';
import { getContainerKind, type ContainerKind } from '../../src/engine/containers.js';
import type { FileContext, Located } from '../../src/engine/file-context.js';
import { getRelativeModule } from '../../src/engine/module-ref.js';
import { resolveImportedValue } from '../../src/engine/values.js';
import { findDeclaration } from '../../src/engine/scope.js';
import { getAccessedName, getStaticPropertyName, isAssignmentOperator, isStatic, isStringLiteralLike, skipOuterExpressions } from '../../src/engine/syntax.js';


export interface Binding {
  key: string;
  name: string;
  kind: ContainerKind;
  declaration: Located;
}

export type SiteKind = 'add' | 'evict' | 'bound';

export interface Site {
  kind: SiteKind;
  node: ts.Node;
  target: ts.Expression;
  /** The key an `add` writes (`m.set(key, …)`, `o[key] = …`), when it has one. */
  key?: ts.Expression;
}

const ADD_METHODS = new Set(['set', 'add', 'push', 'unshift']);
const EVICT_METHODS = new Set(['delete', 'clear', 'splice', 'shift', 'pop']);
// A size cap compares the size with a limit: `cache.size >= MAX`, `list.length > 100`.
const RELATIONAL = new Set([
  ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken, ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken,
]);

/** What a node does to a container, if anything: `m.set(k, v)`, `o[k] = v`, `delete o[k]`, `m.size > MAX`… */
export function getSite(node: ts.Node): Site | undefined {
  if (ts.isCallExpression(node)) {
    const callee = skipOuterExpressions(node.expression);
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const method = callee.name.text;
    if (ADD_METHODS.has(method)) {
      const key = method === 'set' || method === 'add' ? node.arguments[0] : undefined;
      return { kind: 'add', node, target: callee.expression, key };
    }
    if (EVICT_METHODS.has(method)) return { kind: 'evict', node, target: callee.expression };
    // Object.assign(store, …)
    const [first] = node.arguments;
    if (method === 'assign' && first && ts.isIdentifier(callee.expression) && callee.expression.text === 'Object') {
      return { kind: 'add', node, target: first };
    }
    return undefined;
  }
  if (ts.isDeleteExpression(node)) {
    const operand = skipOuterExpressions(node.expression);
    return ts.isElementAccessExpression(operand) || ts.isPropertyAccessExpression(operand)
      ? { kind: 'evict', node, target: operand.expression }
      : undefined;
  }
  if (!ts.isBinaryExpression(node)) return undefined;
  const operator = node.operatorToken.kind;
  const left = skipOuterExpressions(node.left);
  if (isAssignmentOperator(operator)) {
    // users[socket.id] = user (a literal key is a fixed field, not growth)
    if (ts.isElementAccessExpression(left)) return { kind: 'add', node, target: left.expression, key: left.argumentExpression };
    // list.length = 0; cache = new Map()
    if (ts.isPropertyAccessExpression(left) && left.name.text === 'length') return { kind: 'evict', node, target: left.expression };
    if (ts.isIdentifier(left) && operator === ts.SyntaxKind.EqualsToken) return { kind: 'evict', node, target: left };
    return undefined;
  }
  if (RELATIONAL.has(operator)) {
    // `list.length > 0` asks whether it is empty; it caps nothing.
    const limit = getMeasuredContainer(node.left) ? node.right : node.left;
    const measured = getMeasuredContainer(node.left) ?? getMeasuredContainer(node.right);
    const isEmptinessCheck = ts.isNumericLiteral(skipOuterExpressions(limit)) && Number((skipOuterExpressions(limit) as ts.NumericLiteral).text) <= 1;
    return measured && !isEmptinessCheck ? { kind: 'bound', node, target: measured } : undefined;
  }
  return undefined;
}

/**
 * A key from a closed set cannot grow a container without bound: a literal, an enum member, or
 * a value typed as an enum, a union of literals, `boolean` or `keyof …`.
 */
export function isBoundedKey(key: ts.Expression): boolean {
  if ((ts.isAsExpression(key) || ts.isTypeAssertionExpression(key)) && isBoundedType(key.type)) return true;
  const inner = skipOuterExpressions(key);
  if (isStringLiteralLike(inner) || ts.isNumericLiteral(inner)) return true;
  if (ts.isAsExpression(key) || ts.isParenthesizedExpression(key)) return isBoundedKey(key.expression);
  if (ts.isPropertyAccessExpression(inner) && ts.isIdentifier(inner.expression)) {
    const owner = findDeclaration(inner.expression);
    return owner !== undefined && ts.isEnumDeclaration(owner);
  }
  if (ts.isIdentifier(inner)) {
    const declaration = findDeclaration(inner);
    const type = declaration && (ts.isParameter(declaration) || ts.isVariableDeclaration(declaration)) ? declaration.type : undefined;
    return type !== undefined && isBoundedType(type);
  }
  return false;
}

function isBoundedType(type: ts.TypeNode): boolean {
  if (ts.isLiteralTypeNode(type) || type.kind === ts.SyntaxKind.BooleanKeyword) return true;
  if (ts.isUnionTypeNode(type)) return type.types.every(isBoundedType);
  if (ts.isTypeOperatorNode(type)) return type.operator === ts.SyntaxKind.KeyOfKeyword;
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
    const declaration = findDeclaration(type.typeName);
    return declaration !== undefined && ts.isEnumDeclaration(declaration);
  }
  return false;
}

// cache.size, list.length, Object.keys(store).length
function getMeasuredContainer(side: ts.Expression): ts.Expression | undefined {
  const inner = skipOuterExpressions(side);
  if (!ts.isPropertyAccessExpression(inner) || !['size', 'length'].includes(inner.name.text)) return undefined;
  const owner = skipOuterExpressions(inner.expression);
  if (ts.isCallExpression(owner) && /^Object\.(keys|values|entries)$/.test(owner.expression.getText()) && owner.arguments[0]) {
    return owner.arguments[0];
  }
  return owner;
}

/** The module-level container a site's target names, in this file or one it imports. */
export function resolveBinding(target: ts.Expression, context: FileContext): Binding | undefined {
  const node = skipOuterExpressions(target);
  if (ts.isIdentifier(node)) {
    // import { users } from './state';  const { users } = require('./state')
    const imported = resolveImportedValue(node, context);
    if (imported) return bindingOfExport(imported);
    const declaration = findDeclaration(node);
    return declaration && ts.isVariableDeclaration(declaration) ? getModuleBinding(declaration, context) : undefined;
  }
  if (ts.isPropertyAccessExpression(node)) {
    // state.rooms, where state = require('./state'); exports.rooms in the file itself
    const module = getRelativeModule(node.expression, context);
    const exported = module?.getExportedExpression(node.name.text);
    if (exported) return bindingOfExport(exported);
    if (isExportsObject(node.expression)) {
      const own = context.getExportedExpression(node.name.text);
      return own && bindingOfExport(own);
    }
    // Registry.items, this.items
    return resolveStaticField(node, context);
  }
  return undefined;
}

/** The container an export stands for: `export const users = new Map()`, `exports.users = new Map()`. */
function bindingOfExport(exported: Located): Binding | undefined {
  const { node, context } = exported;
  if (ts.isIdentifier(node)) return resolveBinding(node, context);
  const holder = node.parent;
  if (holder && ts.isVariableDeclaration(holder)) return getModuleBinding(holder, context);
  const kind = ts.isExpression(node) ? getContainerKind(node) : undefined;
  if (!kind || !holder || !ts.isBinaryExpression(holder) || !ts.isPropertyAccessExpression(holder.left)) return undefined;
  const name = holder.left.name.text;
  return { key: `${context.filePath}#exports.${name}`, name: `exports.${name}`, kind, declaration: { node: holder.parent, context } };
}

function isExportsObject(node: ts.Expression): boolean {
  const inner = skipOuterExpressions(node);
  return (
    (ts.isIdentifier(inner) && inner.text === 'exports') ||
    (ts.isPropertyAccessExpression(inner) && ts.isIdentifier(inner.expression) && inner.expression.text === 'module' && inner.name.text === 'exports')
  );
}

function getModuleBinding(declaration: ts.VariableDeclaration, context: FileContext): Binding | undefined {
  if (!ts.isIdentifier(declaration.name) || !declaration.initializer) return undefined;
  if (!ts.isSourceFile(declaration.parent.parent.parent)) return undefined;
  const kind = getContainerKind(declaration.initializer);
  if (!kind) return undefined;
  const name = declaration.name.text;
  return { key: `${context.filePath}#${name}`, name, kind, declaration: { node: declaration, context } };
}

function resolveStaticField(access: ts.PropertyAccessExpression, context: FileContext): Binding | undefined {
  const owner = skipOuterExpressions(access.expression);
  const fieldName = getAccessedName(access);
  if (fieldName === undefined) return undefined;
  let classNode: ts.ClassLikeDeclaration | undefined;
  let isStaticField = true;
  if (owner.kind === ts.SyntaxKind.ThisKeyword) {
    const member = findEnclosingMember(access);
    if (!member || !ts.isClassLike(member.parent)) return undefined;
    classNode = member.parent;
    isStaticField = isStatic(member);
    // An instance field is one per process only when the class is a module-level singleton.
    if (!isStaticField && !isSingleton(classNode)) return undefined;
  } else if (ts.isIdentifier(owner)) {
    const declaration = findDeclaration(owner);
    if (declaration && ts.isClassDeclaration(declaration)) classNode = declaration;
  }
  if (!classNode?.name || !ts.isSourceFile(classNode.parent)) return undefined;
  const field = findField(classNode, fieldName, isStaticField);
  if (!field) return undefined;
  const name = `${classNode.name.text}${isStaticField ? '.' : '#'}${fieldName}`;
  return { key: `${context.filePath}#${name}`, name: isStaticField ? name : `this.${fieldName}`, kind: field.kind, declaration: { node: field.node, context } };
}

/** `static items = new Map()`, `items = new Map()`, or `this.items = new Map()` in the constructor. */
function findField(classNode: ts.ClassLikeDeclaration, name: string, wantStatic: boolean): { node: ts.Node; kind: ContainerKind } | undefined {
  for (const member of classNode.members) {
    if (ts.isPropertyDeclaration(member) && isStatic(member) === wantStatic && getStaticPropertyName(member.name) === name) {
      const kind = member.initializer && getContainerKind(member.initializer);
      return kind ? { node: member, kind } : undefined;
    }
    if (!wantStatic && ts.isConstructorDeclaration(member) && member.body) {
      for (const statement of member.body.statements) {
        if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) continue;
        const { left, right, operatorToken } = statement.expression;
        if (operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(left)) continue;
        if (left.expression.kind !== ts.SyntaxKind.ThisKeyword || left.name.text !== name) continue;
        const kind = getContainerKind(right);
        return kind ? { node: statement, kind } : undefined;
      }
    }
  }
  return undefined;
}

/** `module.exports = new Store()`, `export default new Store()`, `export const store = new Store()`. */
function isSingleton(classNode: ts.ClassLikeDeclaration): boolean {
  const className = classNode.name?.text;
  const file = classNode.getSourceFile();
  if (!className) return false;
  const isNewOfClass = (node: ts.Node | undefined): boolean => {
    const inner = node && ts.isExpression(node) ? skipOuterExpressions(node) : undefined;
    return !!inner && ts.isNewExpression(inner) && ts.isIdentifier(inner.expression) && inner.expression.text === className;
  };
  return file.statements.some((statement) => {
    if (ts.isExportAssignment(statement)) return isNewOfClass(statement.expression);
    if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.some((d) => isNewOfClass(d.initializer));
    if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression)) return isNewOfClass(statement.expression.right);
    return false;
  });
}

function findEnclosingMember(node: ts.Node): ts.ClassElement | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isMethodDeclaration(current) || ts.isPropertyDeclaration(current) || ts.isGetAccessor(current) || ts.isConstructorDeclaration(current)) {
      return current;
    }
  }
  return undefined;
}


export type { ContainerKind };
