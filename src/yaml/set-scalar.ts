import type { Scalar } from 'yaml';
import type { SourceFormat } from '../model/document.js';
import { renderScalar, type ScalarValue } from './render-values.js';
import { scalarStyle } from './sibling-style.js';
import { hasTemplating } from './templating.js';
import { lineContentEnd, lineStartOf, type Splice } from './text-positions.js';
import { refuse, type Refusal } from './walk-path.js';

/**
 * The splice that replaces a scalar with `value`, keeping its quoting where that still reads
 * back as `value`. No splice when it already holds the value: untouched bytes stay untouched.
 */
export function setScalar(text: string, node: Scalar, value: ScalarValue, format: SourceFormat, inFlow: boolean): Splice[] | Refusal {
  if (node.value === value) return [];
  const [start, end] = node.range ?? [0, 0];
  if (node.type === 'BLOCK_LITERAL' && typeof value === 'string') return replaceBlockLiteral(text, node, value);
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') return refuse('a block scalar (| or >) would be replaced', start);
  if (text.slice(start, end).includes('\n')) return refuse('a multi-line scalar would be replaced', start);
  if (node.tag) return refuse(`a value with an explicit tag (${node.tag}) would be replaced`, start);
  if (hasTemplating(text, lineStartOf(text, start), lineContentEnd(text, end))) return refuse('templating ({{ }}) in the edited region', start);
  const context = inFlow ? 'flow' : 'block';
  if (start !== end) return [{ start, end, text: renderScalar(value, scalarStyle(node, format), 'double', context) }];
  // An empty value (`key:` or `- `): the new one goes right after the indicator, before any comment.
  let indicator = start - 1;
  while (text[indicator] === ' ' || text[indicator] === '\t') indicator--;
  if (text[indicator] !== ':' && text[indicator] !== '-') return refuse('an empty value in an unusual place', start);
  return [{ start: indicator + 1, end: indicator + 1, text: ` ${renderScalar(value, format === 'json' ? 'double' : 'plain', 'double', context)}` }];
}

/**
 * New content for a literal block scalar (`values: |`, a YAML document kept as a string), in
 * place: the header and the indentation stay, each line is indented as the old ones were. Only
 * when that spelling is exact: no indentation indicator, the same trailing line breaks (the
 * chomping indicator stays right), and a first line that does not start with a space (which
 * would change the indentation a reader detects). The read-back verification checks the rest.
 */
function replaceBlockLiteral(text: string, node: Scalar, value: string): Splice[] | Refusal {
  const [start, end] = node.range ?? [0, 0];
  const headerEnd = text.indexOf('\n', start);
  if (headerEnd === -1 || headerEnd >= end) return refuse('a block scalar with no content lines would be replaced', start);
  if (/^[|>][-+]?\d|^[|>]\d/.test(text.slice(start, headerEnd))) return refuse('a block scalar with an indentation indicator would be replaced', start);
  const old = String(node.value);
  const trailing = (string: string) => string.length - string.replace(/\n+$/, '').length;
  if (trailing(old) !== trailing(value)) return refuse('the new text of a block scalar ends differently', start);
  const contentStart = headerEnd + 1;
  const firstLine = /^( *)\S/m.exec(text.slice(contentStart, end));
  if (!firstLine || /^[ \t]/.test(value.replace(/^\n+/, ''))) return refuse('a block scalar whose indentation would change', start);
  const indent = firstLine[1] ?? '';
  const eol = text[headerEnd - 1] === '\r' ? '\r\n' : '\n';
  // Old lines up to the last one with content; blank lines after it stay as they are.
  const oldBody = text.slice(contentStart, end).replace(/(?:\r?\n[ \t]*)+$/, '');
  const body = value.replace(/\n+$/, '').split('\n').map((line) => (line === '' ? '' : `${indent}${line}`)).join(eol);
  return [{ start: contentStart, end: contentStart + oldBody.length, text: body }];
}
