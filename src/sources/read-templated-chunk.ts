import { maskTemplate, readChunk, unmaskValue, type DocumentChunk, type PlainValueCache, type ReadChunk } from '../yaml/index.js';
import { mentionsPodIdentity } from './relevance.js';

export interface TemplatedRead {
  /** The document as read from its masked text (positions hold for the template). */
  read: ReadChunk;
  /** Its value with every action back in place: a name written as `{{ include ... }}` reads so. */
  value: unknown;
  /** Lines (1-based, in the file) where a pod identity or IRSA setting is itself templated. */
  templatedSettingLines: number[];
}

/**
 * Reads what can be read of a Helm/Go template: the text with its actions masked
 * (mask-template.ts) parsed as YAML. Null when it cannot be masked or the masked text is not
 * valid YAML (an action that writes keys in the middle of a flow map, say): the template is then
 * only reported, with the lines that mention pod identity or service accounts.
 */
export function readTemplatedChunk(chunk: DocumentChunk, cache?: PlainValueCache): TemplatedRead | null {
  const mask = maskTemplate(chunk.text);
  if (!mask) return null;
  const read = readChunk({ ...chunk, text: mask.text }, cache);
  if (read.problem) return null;
  return { read, value: unmaskValue(read.value, mask.actions), templatedSettingLines: settingLines(chunk, mask.regions) };
}

/**
 * Lines that mention pod identity or IRSA and hold an action: `aadpodidbinding: {{ .Values.x }}`,
 * `{{- if .Values.podIdentity.enabled }}`. What they say is only known once rendered, so a person
 * must look at them whatever the edits do.
 */
function settingLines(chunk: DocumentChunk, regions: readonly number[]): number[] {
  const lines: number[] = [];
  let start = 0;
  let region = 0;
  let line = chunk.startLine + 1;
  while (start <= chunk.text.length) {
    const newline = chunk.text.indexOf('\n', start);
    const end = newline === -1 ? chunk.text.length : newline;
    while (region < regions.length && regions[region + 1]! <= start) region += 2;
    const holdsAction = region < regions.length && regions[region]! < end;
    if (holdsAction && mentionsPodIdentity(chunk.text.slice(start, end))) lines.push(line);
    if (newline === -1) break;
    start = newline + 1;
    line++;
  }
  return lines;
}
