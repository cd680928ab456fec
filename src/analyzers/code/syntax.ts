/**
 * Small helpers over the TypeScript syntax tree under a ts-morph SourceFile. Detectors walk the
 * compiler nodes directly: wrapping every node in a ts-morph object costs more than the walk,
 * and no type information is needed (files are parsed, never type-checked).
 */
import { ts, type SourceFile } from 'ts-morph';
import type { SourceLocation } from '../../model/location.js';

/** Visits every node of the file, depth first. */
export function walk(file: SourceFile, visit: (node: ts.Node) => void): void {
  const root = file.compilerNode;
  const step = (node: ts.Node): void => {
    visit(node);
    ts.forEachChild(node, step);
  };
  ts.forEachChild(root, step);
}

/** The 1-based line and column where a node starts (after its leading trivia). */
export function locationOf(file: SourceFile, path: string, node: ts.Node): SourceLocation {
  const source = file.compilerNode;
  const position = source.getLineAndCharacterOfPosition(node.getStart(source));
  return { file: path, line: position.line + 1, col: position.character + 1 };
}

/** The value of a string literal or a template without substitutions; null for anything else. */
export function stringValue(node: ts.Node | undefined): string | null {
  if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) return node.text;
  return null;
}

/** The text of every string-like piece: literals, template heads, middles and tails. */
export function stringPieces(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) return node.text;
  return null;
}

/** `Name` in `Name`, `ns.Name`, `a.b.Name`; null for other expressions. */
export function calleeName(expression: ts.Expression): string | null {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  return null;
}

/** The name of a property as written (`key`, `'key'`, `"key"`); null for computed names. */
export function propertyName(name: ts.PropertyName): string | null {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return null;
}

/** The property assignments of an object literal by name (shorthand `{ clientId }` included). */
export function objectProperties(object: ts.ObjectLiteralExpression): Map<string, ts.ObjectLiteralElementLike> {
  const out = new Map<string, ts.ObjectLiteralElementLike>();
  for (const property of object.properties) {
    if ((ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property)) && propertyName(property.name) !== null) out.set(propertyName(property.name)!, property);
  }
  return out;
}

/** The property whose value a node is, when it is one: `labels: { ... }` -> `labels`. */
export function parentPropertyName(node: ts.Node): string | null {
  const parent = node.parent;
  return parent && ts.isPropertyAssignment(parent) && parent.initializer === node ? propertyName(parent.name) : null;
}

/** The whole literal a string piece belongs to: a template's head, middles and tail report at the template. */
export function literalOf(node: ts.Node): ts.Node {
  if (ts.isTemplateHead(node)) return node.parent;
  if (ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) return node.parent.parent;
  return node;
}
