/** The scan configs of the end-to-end tests: a 2D box with one output, written as YAML into a test's directory. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DEFAULTS: Record<string, string> = {
  parameters: '[{name: x, lower: 0, upper: 1.5}, {name: y, lower: 0, upper: 1.5}]',
  outputs: '[{name: f, thresholds: [0]}]',
  executor: '{type: local, workers: 2}',
};

/**
 * Writes `dir/name.yaml`: x, y ∈ [0, 1.5], output f with threshold 0 on two local workers, and `fields`
 * (YAML flow text by key: evaluator, design, batch, stop, seed, …; a default key is overridden). Returns its path.
 */
export function writeScanConfig(dir: string, name: string, fields: Record<string, string>): string {
  const path = join(dir, `${name}.yaml`);
  const all = { name, ...DEFAULTS, ...fields };
  writeFileSync(path, Object.entries(all).map(([k, v]) => `${k}: ${v}`).join('\n') + '\n');
  return path;
}
