import type { SourceLocation } from '../../model/location.js';

/** Line starts of a text, for turning offsets into 1-based line and column. */
export function lineIndex(text: string): (offset: number) => { line: number; col: number } {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, col: offset - starts[low]! + 1 };
  };
}

export function locate(file: string, text: string): (offset: number) => SourceLocation {
  const at = lineIndex(text);
  return (offset) => ({ file, ...at(Math.max(0, offset)) });
}
