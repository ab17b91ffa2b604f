/**
 * The run's durable log: one JSON event per line in `<dir>/events.jsonl`, appended with write + fsync
 * before the caller acts on it (ARCHITECTURE.md §2.6). A crash can only tear the last line; reading
 * drops a torn tail (and opening for append truncates it) so the log always replays.
 */
import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { QuarryError } from '../errors.ts';
import type { NewRunEvent, RunEvent } from './events.ts';

export const LOG_FILE = 'events.jsonl';

interface Parsed {
  events: RunEvent[];
  /** Bytes of the log that hold complete events (a torn tail starts here). */
  goodBytes: number;
}

function parseLog(text: string, path: string): Parsed {
  const events: RunEvent[] = [];
  let offset = 0;
  let goodBytes = 0;
  let line = 0;
  while (offset < text.length) {
    const end = text.indexOf('\n', offset);
    line++;
    if (end < 0) break; // no newline yet: a torn last write
    const raw = text.slice(offset, end);
    offset = end + 1;
    if (raw.trim() === '') { goodBytes = Buffer.byteLength(text.slice(0, offset)); continue; }
    try {
      events.push(JSON.parse(raw) as RunEvent);
    } catch {
      if (offset >= text.length) break; // a torn last line
      throw new QuarryError('INVALID_INPUT', `${path}:${line}: the run log has a corrupt line in the middle`, 'restore the run directory from a backup; quarry never writes such a line itself');
    }
    goodBytes = Buffer.byteLength(text.slice(0, offset));
  }
  return { events, goodBytes };
}

/** The events of a run directory (empty when it has no log yet); never writes. */
export function readEvents(dir: string): RunEvent[] {
  const path = join(dir, LOG_FILE);
  if (!existsSync(path)) return [];
  return parseLog(readFileSync(path, 'utf8'), path).events;
}

/** True when `dir` holds a run log. */
export function hasRunLog(dir: string): boolean {
  return existsSync(join(dir, LOG_FILE));
}

export class RunStore {
  readonly dir: string;
  private fd: number;
  private all: RunEvent[];

  private constructor(dir: string, fd: number, events: RunEvent[]) {
    this.dir = dir;
    this.fd = fd;
    this.all = events;
  }

  /** Opens (creating) the log of `dir` for appending; the caller must hold the run's lock. */
  static open(dir: string): RunStore {
    mkdirSync(dir, { recursive: true });
    const path = join(dir, LOG_FILE);
    const fd = openSync(path, 'a+');
    const { events, goodBytes } = parseLog(readFileSync(path, 'utf8'), path);
    ftruncateSync(fd, goodBytes);
    fsyncSync(fd);
    return new RunStore(dir, fd, events);
  }

  events(): readonly RunEvent[] {
    return this.all;
  }

  /** Appends one event and fsyncs it; returns the event with its seq and time. */
  append(event: NewRunEvent): RunEvent {
    const full = { seq: this.all.length + 1, time: new Date().toISOString(), ...event } as RunEvent;
    writeSync(this.fd, JSON.stringify(full) + '\n');
    fsyncSync(this.fd);
    this.all.push(full);
    return full;
  }

  close(): void {
    closeSync(this.fd);
  }
}
