/**
 * Line numbers of a text, counted on demand from the last offset asked about. The diff asks in
 * increasing order, and only where something changed: no table of every line start is built
 * (for a large repository that table was one entry per line of every changed file).
 */
export class LineCounter {
  private offset = 0;
  /** Line breaks before `offset`. */
  private line = 0;

  constructor(private readonly text: string) {}

  /** The 0-based line that starts at or holds `offset`: the line breaks before it. */
  lineOf(offset: number): number {
    if (offset < this.offset) {
      this.offset = 0;
      this.line = 0;
    }
    for (let at = this.text.indexOf('\n', this.offset); at !== -1 && at < offset; at = this.text.indexOf('\n', at + 1)) this.line++;
    this.offset = offset;
    return this.line;
  }
}
