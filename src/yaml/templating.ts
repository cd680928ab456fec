/**
 * Helm and other Go-template sources only look like YAML: the text around `{{ }}` is rewritten
 * when rendered, so an edit next to it may land somewhere else, or nowhere, in the real manifest.
 */
export function hasTemplating(text: string, start: number, end: number): boolean {
  const at = text.indexOf('{{', start);
  return at !== -1 && at < end;
}
