/**
 * The old hard-coded token path -> `process.env.AZURE_FEDERATED_TOKEN_FILE`, which the webhook
 * always sets (DESIGN §5). Only a literal that is the whole path, in a place where any
 * expression may stand, is rewritten; `env ?? '<old path>'` collapses to the env read.
 */
import { ts } from 'ts-morph';
import { codeFinding } from '../../analyzers/code/code-findings.js';
import { OLD_TOKEN_PATH } from '../../analyzers/code/hard-coded-token-path.js';
import { locationOf, stringPieces, walk } from '../../analyzers/code/syntax.js';
import type { Codemod, CodemodResult } from './codemod.js';

const ENV_READ = 'process.env.AZURE_FEDERATED_TOKEN_FILE';

/** Places where a string literal cannot become an expression. */
function isExpressionPosition(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isLiteralTypeNode(parent) || ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent)) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent) || ts.isEnumMember(parent)) && parent.name === node) return false;
  if (ts.isEnumMember(parent)) return false;
  return true;
}

export const tokenPathCodemod: Codemod = {
  id: 'hard-coded-token-path',
  mentions: /\/var\/run\/secrets\/azure\/tokens\//,
  run(file, context) {
    const source = file.compilerNode;
    const result: CodemodResult = { edits: [], fixed: {}, refused: [] };
    // In TypeScript the env read is `string | undefined`; the webhook always sets it, and the
    // assertion keeps code that wanted a string compiling.
    const replacement = context.typescript ? `${ENV_READ}!` : ENV_READ;
    let count = 0;
    walk(file, (node) => {
      const text = stringPieces(node);
      if (text === null || !text.includes(OLD_TOKEN_PATH)) return;
      const whole = (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && text === OLD_TOKEN_PATH;
      if (!whole || !isExpressionPosition(node)) {
        result.refused.push(codeFinding('code-not-rewritten', locationOf(file, context.file, node), `the old token path is part of a larger string or sits where no expression may stand; replace it with ${ENV_READ} by hand`));
        return;
      }
      const parent = node.parent;
      const fallback = ts.isBinaryExpression(parent) && parent.right === node && (parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || parent.operatorToken.kind === ts.SyntaxKind.BarBarToken);
      if (fallback && parent.left.getText(source).replace(/\s+/g, '') === ENV_READ) {
        result.edits.push({ start: parent.left.end, end: node.end, text: context.typescript ? '!' : '' });
      } else {
        result.edits.push({ start: node.getStart(source), end: node.end, text: replacement });
      }
      count++;
    });
    if (count > 0) result.fixed['hard-coded-token-path'] = count;
    return result;
  },
};
