import type { SourceFormat } from '../model/document.js';
import type { DocumentChunk } from '../yaml/index.js';
import { splitDocumentPieces } from '../yaml/split-documents.js';
import { joinPieces } from '../yaml/text-pieces.js';

/**
 * The document chunks of an edited file's new text, which is the concatenation of the new texts
 * of its old chunks (`pieces`, in order). The pieces are split again as one text, so the chunks
 * are exactly what reading the file would give, even where an edit moved a boundary (as when it
 * added a document after its own), but without joining them (see text-pieces.ts). A chunk that
 * is a whole piece has that piece as its text: an unchanged chunk the slice the edits were given,
 * an edited one the string the edit made and read back, whose hash the engine has computed
 * already, so its lookup in the value cache is quick. `pieceOf` names, for each chunk, the piece
 * that is exactly its text, if any. `wholeDocument` is as splitDocumentPieces takes it.
 */
export function chunksFromPieces(
  pieces: readonly string[],
  format: SourceFormat,
  wholeDocument?: (index: number) => number | undefined,
): { chunks: DocumentChunk[]; pieceOf: (number | undefined)[] } {
  const chunks =
    format === 'json'
      ? [{ index: 0, start: 0, end: pieces.reduce((sum, piece) => sum + piece.length, 0), text: joinPieces(pieces), startLine: 0 }]
      : splitDocumentPieces(pieces, wholeDocument);
  const pieceOf: (number | undefined)[] = [];
  let piece = 0;
  let pieceStart = 0;
  for (const chunk of chunks) {
    // The piece that starts where the chunk does (empty pieces hold nothing).
    while (piece < pieces.length - 1 && pieceStart + pieces[piece]!.length <= chunk.start) {
      pieceStart += pieces[piece]!.length;
      piece++;
    }
    const whole = chunk.start === pieceStart && chunk.end === pieceStart + (pieces[piece]?.length ?? -1);
    pieceOf.push(whole ? piece : undefined);
  }
  return { chunks, pieceOf };
}
