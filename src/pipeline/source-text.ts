import type { SourceFormat } from '../model/document.js';
import { sliceOfPieces } from '../yaml/text-pieces.js';

export interface SourceText {
  file: string;
  text: string;
  format: SourceFormat;
  /** An edited text's pieces (text-pieces.ts): read through them, `text` is never flattened. */
  pieces?: readonly string[];
}

/** Characters of a source's text, through its pieces when it has them. */
export function sliceOfSource(source: SourceText, start: number, end: number): string {
  return source.pieces ? sliceOfPieces(source.pieces, start, end) : source.text.slice(start, end);
}
