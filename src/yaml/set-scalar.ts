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
