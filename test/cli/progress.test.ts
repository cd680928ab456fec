import { describe, expect, it } from 'vitest';
import { startProgress } from '../../src/cli/progress.js';
import { runCli } from '../helpers/cli.js';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, isTTY, columns: 60, write: (text: string) => written.push(text) };
}

describe('progress on stderr', () => {
  it('on a terminal: files read, stages, then the line is cleared', async () => {
    const tty = stream(true);
    let clock = 0;
    const progress = startProgress(tty, true, () => clock);
    progress.fileRead('a.yaml');
    clock += 10;
    progress.fileRead('b.yaml'); // within the redraw interval: not drawn
    clock += 100;
    progress.fileRead('c.yaml');
    progress.step('Analyzing 3 file(s)');
    progress.done();
    expect(tty.written).toEqual(['\r\u001b[KReading files: 1  a.yaml', '\r\u001b[KReading files: 3  c.yaml', '\r\u001b[KAnalyzing 3 file(s)…', '\r\u001b[K']);
  });

  it('says nothing when stderr is not a terminal, or with --quiet', async () => {
    for (const [isTTY, enabled] of [[false, true], [true, false]] as const) {
      const out = stream(isTTY);
      const progress = startProgress(out, enabled);
      progress.fileRead('a.yaml');
      progress.step('Analyzing');
      progress.done();
      expect(out.written).toEqual([]);
    }
  });

  it('the CLI with a piped stderr prints no progress', async () => {
    const run = await runCli(['scan', 'samples/pod-identity', '--format', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stderr).not.toContain('Reading files');
    expect(run.stdout.startsWith('record,severity,id,')).toBe(true);
  });
});
