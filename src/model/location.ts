/** 1-based line and column inside a file, or a cluster object reference later on. */
export interface SourceLocation {
  file: string;
  line: number;
  col: number;
}
