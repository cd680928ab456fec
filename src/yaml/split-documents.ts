export interface DocumentChunk {
  index: number;
  /** Offsets of the chunk in the file text. */
  start: number;
  end: number;
  text: string;
  /** 0-based line of the chunk's first character in the file. */
  startLine: number;
}

/**
 * Splits a YAML stream at its `---` document markers. A marker is only a marker at the start
 * of a line, and the YAML spec forbids such a line inside any content (block scalars and quoted
 * strings included), so a plain scan is exact. Concatenating the chunks gives the text back.
 */
export function splitDocuments(text: string): DocumentChunk[] {
  const chunks: DocumentChunk[] = [];
  let start = 0;
  let startLine = 0;
  let line = 0;
  let position = 0;
  const push = (end: number) => {
    chunks.push({ index: chunks.length, start, end, text: text.slice(start, end), startLine });
  };
  while (position < text.length) {
    if (isMarkerAt(text, position) && position > start) {
      push(position);
      start = position;
      startLine = line;
    }
    const newline = text.indexOf('\n', position);
    if (newline === -1) break;
    position = newline + 1;
    line++;
  }
  if (start < text.length || chunks.length === 0) push(text.length);
  return chunks;
}

function isMarkerAt(text: string, position: number): boolean {
  if (text.charCodeAt(position) !== 45 || !text.startsWith('---', position)) return false;
  const next = text[position + 3];
  return next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '\r';
}
