import type { SourceLocation } from '../../model/location.js';
import { lastAtOrBefore } from '../../yaml/sorted-search.js';

/** Line starts of a text, for turning offsets into 1-based line and column. */
export function lineIndex(text: string): (offset: number) => { line: number; col: number } {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return (offset) => {
    const line = lastAtOrBefore(starts, offset);
    return { line: line + 1, col: offset - starts[line]! + 1 };
  };
}

export function locate(file: string, text: string): (offset: number) => SourceLocation {
  const at = lineIndex(text);
  return (offset) => ({ file, ...at(Math.max(0, offset)) });
}
