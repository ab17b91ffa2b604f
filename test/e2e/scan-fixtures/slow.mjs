// A module evaluator that takes ~0.3 s and records every run (for the kill -9 test): f = x² + y² − 1.
import { appendFileSync } from 'node:fs';

export async function evaluate({ x, y }) {
  await new Promise((resolve) => setTimeout(resolve, 300));
  appendFileSync(process.env.QUARRY_RUNS_LOG, `${x},${y}\n`);
  return { f: x * x + y * y - 1 + 0.3 * Math.sin(5 * x) };
}
