/** Thrown for a dependency file that cannot be parsed; the command turns it into a finding. */
export class CodeReadError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

export function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // V8 names a position or a line for some errors and neither for others ("Unexpected token").
    const position = /position (\d+)/.exec(message);
    const lineGiven = /line (\d+)/.exec(message);
    const line = position ? text.slice(0, Number(position[1])).split('\n').length : lineGiven ? Number(lineGiven[1]) : 1;
    throw new CodeReadError(file, line, `not valid JSON (${message})`);
  }
}
