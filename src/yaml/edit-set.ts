import type { Document } from 'yaml';
import { isMap, isScalar } from './yaml-library.js';
import type { NodePath, SourceFormat } from '../model/document.js';
import type { DocumentLayout } from './document-layout.js';
import { insertIntoMap, nestUnderEmptyKey } from './insert-pair.js';
import type { ScalarValue } from './render-values.js';
import { setScalar } from './set-scalar.js';
import type { Splice } from './text-positions.js';
import { isRefusal, refuse, startOf, walkPath, type Refusal } from './walk-path.js';

export interface EditContext {
  text: string;
  doc: Document.Parsed;
  format: SourceFormat;
  eol: string;
  layout: DocumentLayout;
}

/**
 * The splices that make `path` hold `value`: a scalar replaced in its own quoting style, or the
 * missing keys inserted in the nearest map with the siblings' indentation and quoting.
 */
export function computeSet(context: EditContext, path: NodePath, value: ScalarValue): Splice[] | Refusal {
  const { text, doc, format } = context;
  const walked = walkPath(doc.contents, path);
  if (isRefusal(walked)) return walked;
  const { steps, node, missingFrom } = walked;

  if (missingFrom === path.length) {
    if (path.length === 0) return refuse('the whole document cannot be set to a single value', startOf(node));
    if (!isScalar(node)) return refuse('a list or map is where a single value should be set', startOf(node));
    const inFlow = steps.some((step) => step.collection.flow);
    return setScalar(text, node, value, format, inFlow);
  }

  const rest = path.slice(missingFrom);
  const listSegment = rest.find((segment) => typeof segment === 'number');
  if (listSegment !== undefined) return refuse(`list item ${listSegment} does not exist and lists are not created`, startOf(steps[steps.length - 1]?.collection));
  const keys = rest.map(String);
  const step = steps[missingFrom];
  if (step && step.pair === null && isMap(step.collection)) return insertIntoMap(context, step.collection, keys, value);
  if (step) return refuse(`list item ${String(step.segment)} does not exist`, startOf(step.collection));
  // The key exists but holds nothing (`labels:`): nest the rest under it.
  const holder = steps[missingFrom - 1]?.pair;
  if (!holder) return refuse('the document has no map to add to', 0);
  return nestUnderEmptyKey(context, holder, steps[missingFrom - 1]!.collection, keys, value);
}
