/**
 * The federate journal: one JSON line per step, appended and flushed to disk before the next
 * call, so a run that is killed leaves a true record of what it had started and finished. A
 * later run reads it to say what the interrupted run left unfinished; Azure itself is read again
 * either way, so nothing is written twice.
 */
import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { JournalEvent } from './apply-federation.js';

export interface JournalLine extends JournalEvent {
  at: string;
  run: string;
}

export interface Journal {
  write(event: JournalEvent): void;
  close(): void;
}

export function openJournal(file: string, run: string, now: () => Date = () => new Date()): Journal {
  const fd = openSync(file, 'a');
  return {
    write(event) {
      writeSync(fd, `${JSON.stringify({ at: now().toISOString(), run, ...event })}\n`);
      fsyncSync(fd);
    },
    close: () => closeSync(fd),
  };
}

/** Lines of an existing journal; a torn last line (the process died mid-write) is ignored. */
export function readJournal(file: string): JournalLine[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const lines: JournalLine[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      lines.push(JSON.parse(line) as JournalLine);
    } catch {
      // A partial line from a killed run.
    }
  }
  return lines;
}

/** Steps of the last run that started and never finished (killed, or the machine went away). */
export function unfinishedSteps(lines: readonly JournalLine[]): JournalLine[] {
  const last = lines.at(-1)?.run;
  if (last === undefined) return [];
  const open = new Map<string, JournalLine>();
  for (const line of lines) {
    if (line.run !== last) continue;
    const key = `${line.identity}\n${line.step}\n${line.name}`;
    if (line.outcome === 'started') open.set(key, line);
    else open.delete(key);
  }
  return [...open.values()];
}
