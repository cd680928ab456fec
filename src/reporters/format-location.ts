import type { SourceLocation } from '../model/location.js';

/** Live cluster objects (line 0) have a reference, not a place in a file. */
export function formatLocation(location: SourceLocation): string {
  if (location.line === 0) return location.file;
  return `${location.file}:${location.line}:${location.col}`;
}
