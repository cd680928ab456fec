export { splitDocuments, type DocumentChunk } from './split-documents.js';
export { parseChunk, toPlainValue, type ParsedChunk, type YamlProblem } from './parse-chunk.js';
export { readChunk, type PlainValueCache, type ReadChunk } from './read-chunk.js';
export { applyEdits } from './apply-edits.js';
export type { EditOutcome, EditRefusal, YamlEdit } from './yaml-edit.js';
export type { ScalarValue } from './render-values.js';
export { holdsTemplate, maskTemplate, unmaskValue, type MaskedTemplate } from './mask-template.js';
export { TEMPLATE_REFUSAL } from './edit-templated-chunk.js';
