import { decline, skipSpaces, type Inline } from './block-yaml-scalars.js';

/**
 * A literal block scalar (`|`, `|-`, `|+`) whose header is at `header`, in a node whose parent
 * is in column `parentColumn`, exactly as js-yaml's readBlockScalar reads it (the indentation
 * of its first line, or of a longer blank line before it, is the scalar's). Returns the value
 * and the start of the first line after it.
 */
export function readLiteral(text: string, header: number, headerEnd: number, parentColumn: number): Inline {
  let at = header + 1;
  const chomping = text.charCodeAt(at);
  if (chomping === 45 || chomping === 43) at++; // - +
  const rest = skipSpaces(text, at, headerEnd);
  // Nothing but a comment may follow; an explicit indentation (`|2`) is left to js-yaml.
  if (rest < headerEnd && (rest === at || text.charCodeAt(rest) !== 35)) return decline();
  let textIndent = parentColumn + 1;
  let detected = false;
  let value = '';
  let emptyLines = 0;
  let lineStart = text.indexOf('\n', headerEnd) + 1;
  while (lineStart > 0 && lineStart < text.length) {
    let position = lineStart;
    while ((!detected || position - lineStart < textIndent) && text.charCodeAt(position) === 32) position++;
    const indent = position - lineStart;
    if (!detected && indent > textIndent) textIndent = indent;
    const code = text.charCodeAt(position);
    const newline = text.indexOf('\n', position);
    if (code === 10 || code === 13 || Number.isNaN(code)) {
      emptyLines++;
      lineStart = newline + 1;
      continue;
    }
    if (indent < textIndent) break;
    value += '\n'.repeat(detected ? 1 + emptyLines : emptyLines);
    detected = true;
    emptyLines = 0;
    let lineEnd = newline === -1 ? text.length : newline;
    if (text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    value += text.slice(position, lineEnd);
    lineStart = newline + 1;
  }
  if (chomping === 43) value += '\n'.repeat(detected ? 1 + emptyLines : emptyLines);
  else if (chomping !== 45 && detected) value += '\n';
  return { value, after: lineStart > 0 ? lineStart : text.length };
}
