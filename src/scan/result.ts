/**
 * Reads what an attempt produced: the job runner's outcome and the result file's text become either
 * the configured outputs or a named fault (crash, timeout, garbage, nan, missing-result, cancelled)
 * with a one-line error. Transient faults are retryable; an evaluator that returned NaN for every
 * output is not (it would again).
 */
import type { JobOutcome } from '../executors/executor.ts';
import type { Fault } from '../runs/events.ts';

export type AttemptResult =
  | { status: 'completed'; outputs: Record<string, number | null>; error?: string }
  | { status: 'failed'; fault: Fault; error: string; retryable: boolean };

/** Parses JSON that may contain bare NaN / Infinity (as Python's json.dump writes them). */
function parseLenient(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const patched = text.replace(/(?<=[:[,\s])(-?Infinity|NaN)(?=\s*[,}\]])/g, '"$1"');
    return JSON.parse(patched);
  }
}

function describe(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/** The attempt's result for outputs `names` from the runner's outcome. */
export function interpretOutcome(outcome: JobOutcome, names: readonly string[], stderrTail = ''): AttemptResult {
  const lastLine = stderrTail.trim().split('\n').at(-1)?.slice(0, 200) ?? '';
  const tail = lastLine ? `; stderr: ${lastLine}` : '';
  if (outcome.cancelled) return { status: 'failed', fault: 'cancelled', error: 'cancelled', retryable: false };
  if (outcome.timedOut) return { status: 'failed', fault: 'timeout', error: `killed after running past the timeout (${outcome.seconds.toFixed(1)} s)`, retryable: true };
  if (outcome.exitCode !== 0) {
    const how = outcome.exitCode === null ? `killed by ${outcome.signal}` : `exit code ${outcome.exitCode}`;
    return { status: 'failed', fault: 'crash', error: `the evaluator failed (${how})${tail}`, retryable: true };
  }
  if (outcome.result === null) return { status: 'failed', fault: 'missing-result', error: `the evaluator exited 0 but wrote no result file${tail}`, retryable: true };
  let value: unknown;
  try {
    value = parseLenient(outcome.result);
  } catch {
    const shown = outcome.result.trim().slice(0, 60);
    return { status: 'failed', fault: 'garbage', error: `the result file is not JSON (starts ${JSON.stringify(shown)})`, retryable: true };
  }
  if (typeof value === 'number' || typeof value === 'string') value = names.length === 1 ? { [names[0]]: value } : value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { status: 'failed', fault: 'garbage', error: `the result must be a JSON object {${names.join(', ')}}, got ${Array.isArray(value) ? 'an array' : describe(value)}`, retryable: true };
  }
  const record = value as Record<string, unknown>;
  const outputs: Record<string, number | null> = {};
  const problems: string[] = [];
  for (const name of names) {
    const v = record[name];
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?(\d|\.\d|Infinity|NaN)/.test(v) ? Number(v) : NaN;
    if (Number.isFinite(n)) outputs[name] = n;
    else {
      outputs[name] = null;
      problems.push(v === undefined ? `${name} missing` : `${name} = ${describe(v)}`);
    }
  }
  if (problems.length === names.length) {
    const allMissing = names.every((n) => record[n] === undefined);
    return allMissing
      ? { status: 'failed', fault: 'garbage', error: `the result has none of the outputs ${names.join(', ')} (keys: ${Object.keys(record).join(', ') || 'none'})`, retryable: true }
      : { status: 'failed', fault: 'nan', error: `no finite output: ${problems.join(', ')}`, retryable: false };
  }
  return problems.length ? { status: 'completed', outputs, error: problems.join(', ') } : { status: 'completed', outputs };
}
