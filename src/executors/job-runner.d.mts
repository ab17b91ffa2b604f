/** Types of job-runner.mjs (plain JavaScript so it starts without a TypeScript loader). */
import type { JobOutcome } from './executor.ts';

/** Writes a file so that a crash leaves either the old content or the new one, never a torn file. */
export function writeFileAtomic(path: string, text: string): void;
/** Start time of a process in clock ticks since boot (/proc/PID/stat field 22), to tell a reused pid apart; null if unknown. */
export function procStart(pid: number): number | null;
/** Runs the attempt in `dir`; resolves to its outcome (the existing one when it already ran). */
/** The outcome, or {alreadyRunning: pid} when a live runner on this host holds the attempt. */
export function runJob(dir: string): Promise<JobOutcome | { alreadyRunning: number }>;
