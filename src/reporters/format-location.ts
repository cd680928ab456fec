import type { SourceLocation } from '../model/location.js';

export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.col}`;
}
