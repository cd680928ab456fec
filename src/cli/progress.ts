/** What a long run tells a person watching a terminal. */
export interface Progress {
  fileRead(file: string): void;
  /** A new stage: "Analyzing 1200 file(s)", "Pushing wimigrate/prepare"... */
  step(text: string): void;
  /** Clears the line, so the report or the summary starts clean. */
  done(): void;
}

interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const QUIET: Progress = { fileRead() {}, step() {}, done() {} };
/** Redraw at most this often: writing to a terminal on each of 20,000 files would cost more than the reading. */
const REDRAW_MS = 80;

/**
 * One line on stderr, redrawn in place, only when stderr is a terminal and --quiet is not given:
 * piped or redirected output (CI logs, files) stays clean.
 */
export function startProgress(stream: ProgressStream, enabled: boolean, now: () => number = Date.now): Progress {
  if (!enabled || stream.isTTY !== true) return QUIET;
  let files = 0;
  let last = -Infinity;
  let shown = false;
  const draw = (text: string) => {
    const width = Math.max(20, (stream.columns || 80) - 1);
    stream.write(`\r\u001b[K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
    shown = true;
    last = now();
  };
  return {
    fileRead(file) {
      files++;
      if (now() - last >= REDRAW_MS) draw(`Reading files: ${files}  ${file}`);
    },
    step(text) {
      draw(`${text}…`);
    },
    done() {
      if (shown) stream.write('\r\u001b[K');
      shown = false;
    },
  };
}
