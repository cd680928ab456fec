import type { SourceFormat } from '../model/document.js';
import { chunksOf } from '../sources/parse-manifest-text.js';
import type { DocumentChunk } from '../yaml/index.js';

/**
 * The document chunks of an edited file's new `text`, which is the concatenation of the new
 * texts of its old chunks (`pieces`, in order). The text is split again as a whole, so the chunks are exactly what reading the file
 * would give, even where an edit moved a boundary. Only each chunk's text is taken from the
 * piece that holds it (the piece itself when they coincide, else a slice of it, as when an edit
 * added a document after its own): the same characters, but from a string that already exists
 * (an unchanged chunk is the slice the edits were given, an edited one the string the edit made
 * and read back, whose hash the engine has computed already, so its lookup in the value cache
 * is quick). `pieceOf` names, for each chunk, the piece that is
 * exactly its text, if any.
 */
export function chunksFromPieces(text: string, pieces: readonly string[], format: SourceFormat): { chunks: DocumentChunk[]; pieceOf: (number | undefined)[] } {
  const chunks = chunksOf(text, format);
  const pieceOf: (number | undefined)[] = [];
  let piece = 0;
  let pieceStart = 0;
  for (const chunk of chunks) {
    // The piece that holds the chunk's first character (empty pieces hold none).
    while (piece < pieces.length - 1 && pieceStart + pieces[piece]!.length <= chunk.start) {
      pieceStart += pieces[piece]!.length;
      piece++;
    }
    const holder = pieces[piece];
    pieceOf.push(undefined);
    // A chunk across pieces (an edit removed a boundary) keeps its slice of the text.
    if (holder === undefined || chunk.end > pieceStart + holder.length) continue;
    const whole = chunk.start === pieceStart && chunk.end === pieceStart + holder.length;
    const same = whole ? holder : holder.slice(chunk.start - pieceStart, chunk.end - pieceStart);
    // Checked, not assumed: the swap must never change a character the second pass reads.
    if (chunk.text !== same) continue;
    chunk.text = same;
    if (whole) pieceOf[pieceOf.length - 1] = piece;
  }
  return { chunks, pieceOf };
}
