/**
 * What js-yaml gives for a document of only blank lines, comments and a `---`: undefined when
 * nothing but spaces comes before its last line break (it reads no document), else null.
 */
export function emptyDocument(text: string, bom: number): null | undefined {
  const last = text.charCodeAt(text.length - 1);
  // js-yaml's own copy of the text: after the BOM, with a line break added when none ends it.
  const length = text.length - bom + (last === 10 || last === 13 ? 0 : 1);
  let spaces = 0;
  while (text.charCodeAt(bom + spaces) === 32) spaces++;
  return spaces >= length - 1 ? undefined : null;
}

/**
 * `---` or `...` from `at` (a line's start), whatever follows: js-yaml takes `---x` for a marker
 * at the start of a document, and such a line is too odd to read anywhere.
 */
export function isMarker(text: string, at: number): boolean {
  const char = text.charCodeAt(at);
  return (char === 45 || char === 46) && text.charCodeAt(at + 1) === char && text.charCodeAt(at + 2) === char;
}
