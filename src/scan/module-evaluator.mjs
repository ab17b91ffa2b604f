#!/usr/bin/env node
/**
 * Runs a `module` evaluator as a job: imports the user's ES module, calls its export with the point
 * (from QUARRY_PARAMS_JSON) and writes the returned outputs as JSON to QUARRY_OUTPUT. Run as its own
 * process by the job runner so a hanging or crashing evaluate() is killed like any command.
 *
 *   node module-evaluator.mjs MODULE_PATH [EXPORT]
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [path, name = 'evaluate'] = process.argv.slice(2);
const params = JSON.parse(process.env.QUARRY_PARAMS_JSON ?? '{}');
const mod = await import(pathToFileURL(path).href);
const evaluate = mod[name] ?? (name === 'evaluate' ? mod.default : undefined);
if (typeof evaluate !== 'function') {
  process.stderr.write(`quarry: ${path} exports no function "${name}" (it exports: ${Object.keys(mod).join(', ') || 'nothing'})\n`);
  process.exit(3);
}
const outputs = await evaluate(params);
// NaN and ±Infinity are not JSON: write them as strings so the scan records what the evaluator returned
const text = JSON.stringify(outputs, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
writeFileSync(process.env.QUARRY_OUTPUT, text === undefined ? 'null' : text);
