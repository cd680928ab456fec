/**
 * The names a file imports from one module, as ES named imports or a destructured require(),
 * with the edits that rename, add or drop one of them.
 */
import { ts } from 'ts-morph';
import type { TextEdit } from './codemod.js';

interface ImportedName {
  name: string;
  /** `import { A as B }` / `{ A: B } = require()`: the local name differs. */
  aliased: boolean;
  node: ts.Node;
}

export interface ImportList {
  names: ImportedName[];
  /** Where a new name goes: after the last element, with the separator the list uses. */
  insertAt: number;
}

/** Every named-import list of `moduleName` in the file. */
export function importLists(source: ts.SourceFile, moduleName: string): ImportList[] {
  const lists: ImportList[] = [];
  const fromElements = (elements: readonly (ts.ImportSpecifier | ts.BindingElement)[]) => {
    if (elements.length === 0) return;
    lists.push({
      names: elements.map((element) => {
        const imported = ts.isImportSpecifier(element) ? (element.propertyName ?? element.name) : (element.propertyName ?? element.name);
        return { name: imported.getText(source), aliased: element.propertyName !== undefined, node: element };
      }),
      insertAt: elements[elements.length - 1]!.end,
    });
  };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && statement.moduleSpecifier.text === moduleName) {
      const bindings = statement.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) fromElements(bindings.elements);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer;
        const required = init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' && init.arguments[0] && ts.isStringLiteral(init.arguments[0]) && init.arguments[0].text === moduleName;
        if (required && ts.isObjectBindingPattern(declaration.name)) fromElements(declaration.name.elements);
      }
    }
  }
  return lists;
}

/**
 * Makes `wanted` importable where `current` was: renames `current` when nothing else uses it,
 * else adds `wanted` beside it; drops `current` when `wanted` is already imported. Null when
 * `current` is not imported plainly (aliased, or not from that module).
 */
export function replaceImportedName(source: ts.SourceFile, moduleName: string, current: string, wanted: string, currentStillUsed: boolean): TextEdit[] | null {
  const lists = importLists(source, moduleName);
  const list = lists.find((candidate) => candidate.names.some((entry) => entry.name === current && !entry.aliased));
  if (!list) return null;
  const entry = list.names.find((candidate) => candidate.name === current)!;
  const alreadyImported = lists.some((candidate) => candidate.names.some((other) => other.name === wanted && !other.aliased));
  if (alreadyImported && currentStillUsed) return [];
  if (alreadyImported) return [dropElement(source, list, entry)];
  if (currentStillUsed) return [{ start: list.insertAt, end: list.insertAt, text: `, ${wanted}` }];
  return [{ start: entry.node.getStart(source), end: entry.node.end, text: wanted }];
}

/** Removes one element with its separating comma. */
function dropElement(source: ts.SourceFile, list: ImportList, entry: ImportedName): TextEdit {
  const index = list.names.indexOf(entry);
  const next = list.names[index + 1];
  if (next) return { start: entry.node.getStart(source), end: next.node.getStart(source), text: '' };
  const previous = list.names[index - 1];
  if (previous) return { start: previous.node.end, end: entry.node.end, text: '' };
  return { start: entry.node.getStart(source), end: entry.node.end, text: '' };
}
