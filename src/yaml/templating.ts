/**
 * Helm and other Go-template sources only look like YAML: the text around `{{ }}` is rewritten
 * when rendered, so an edit next to it may land somewhere else, or nowhere, in the real manifest.
 */
export function hasTemplating(text: string, start: number, end: number): boolean {
  const at = text.indexOf('{{', start);
  return at !== -1 && at < end;
}

/**
 * Go/Helm template actions in a position where they make the text invalid or meaningless
 * YAML: a line that starts with `{{`, or a plain (unquoted) value or list item that does.
 * A `{{ }}` inside a quoted string or a block scalar (an alert template in a ConfigMap, say)
 * is ordinary text and does not count.
 */
const TEMPLATE_ACTION = /^[ \t]*(?:-[ \t]+)?(?:[^\s#'"{][^#'"]*?:[ \t]+)?\{\{/m;

export function hasTemplateActions(text: string): boolean {
  return text.includes('{{') && TEMPLATE_ACTION.test(text);
}
