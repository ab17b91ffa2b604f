/**
 * The options the statistics commands (fit, cls, limit, significance) share: the workspace (a file or `-`
 * for stdin), `--patch FILE` (an RFC 6902 patch or a pyhf patchset with `--patch-name`), `--measurement`,
 * `--interpolation normsys=CODE,histosys=CODE`, `--poi-bounds LO,HI` and `--json`; and loading all of it
 * into a model and its observed data. Every bad value is a one-line QuarryError with a hint.
 */
import type { Command } from 'commander';
import { QuarryError } from '../errors.ts';
import type { Model, ModelData, Workspace } from '../histfactory/index.ts';
// only the small table here: the engine is imported when a command runs, so other commands start fast
import { HISTOSYS_CODES, interpolationCode, NORMSYS_CODES, type HistosysCode, type NormsysCode } from '../histfactory/interpolation/index.ts';

export interface WorkspaceFlags {
  patch?: string;
  patchName?: string;
  measurement?: string;
  interpolation?: string;
  poiBounds?: string;
  json?: boolean;
}

export interface LoadedModel {
  workspace: Workspace;
  model: Model;
  data: ModelData;
  /** The `--poi-bounds` override, if given. */
  poiBounds?: [number, number];
}

/** Adds the workspace argument and the shared options to a statistics command. */
export function addWorkspaceOptions(command: Command): Command {
  return command
    .argument('<workspace>', 'pyhf JSON workspace (- for stdin)')
    .option('--patch <file>', 'apply an RFC 6902 JSON patch or one patch of a pyhf patchset (see --patch-name) first')
    .option('--patch-name <name>', 'the patch of the patchset given with --patch')
    .option('--measurement <name>', "measurement to use (default: the workspace's first)")
    .option('--interpolation <codes>', `interpolation codes, e.g. normsys=code1,histosys=code0 (normsys: ${NORMSYS_CODES.join('|')}; histosys: ${HISTOSYS_CODES.join('|')}; default: pyhf's code4, code4p)`)
    .option('--poi-bounds <lo,hi>', "bounds of the parameter of interest (overrides the measurement's)")
    .option('--json', 'print one JSON object on stdout');
}

/** `normsys=code1,histosys=code0` → the codes; an unknown modifier or code lists the valid ones. */
export function parseInterpolation(text: string): { normsys?: NormsysCode; histosys?: HistosysCode } {
  const out: { normsys?: NormsysCode; histosys?: HistosysCode } = {};
  for (const item of text.split(',').map((s) => s.trim()).filter((s) => s.length > 0)) {
    const [key, code, ...rest] = item.split('=').map((s) => s.trim());
    if (code === undefined || rest.length > 0 || key === '' || code === '') {
      throw new QuarryError('INVALID_ARGUMENT', `--interpolation: "${item}" is not of the form MODIFIER=CODE`, 'write e.g. --interpolation normsys=code1,histosys=code0');
    }
    if (key !== 'normsys' && key !== 'histosys') {
      throw new QuarryError('UNKNOWN_KEY', `--interpolation: unknown modifier type "${key}" (only normsys and histosys are interpolated)`, 'write e.g. --interpolation normsys=code1,histosys=code0');
    }
    if (key in out) throw new QuarryError('INVALID_ARGUMENT', `--interpolation: ${key} is given twice`, `give one code for ${key}`);
    try {
      interpolationCode(key, code);
    } catch (error) {
      if (error instanceof QuarryError) throw new QuarryError(error.code, `--interpolation: ${error.message}`, error.hint, { cause: error });
      throw error;
    }
    if (key === 'normsys') out.normsys = code as NormsysCode;
    else out.histosys = code as HistosysCode;
  }
  if (out.normsys === undefined && out.histosys === undefined) {
    throw new QuarryError('INVALID_ARGUMENT', '--interpolation: no codes given', 'write e.g. --interpolation normsys=code1,histosys=code0');
  }
  return out;
}

/** `LO,HI` → finite bounds with LO < HI. */
export function parsePoiBounds(text: string): [number, number] {
  const parts = text.split(',').map((s) => s.trim());
  const values = parts.map(Number);
  if (parts.length !== 2 || parts.some((p) => p === '') || values.some((v) => !Number.isFinite(v))) {
    throw new QuarryError('INVALID_ARGUMENT', `--poi-bounds must be two finite numbers LO,HI, got "${text}"`, 'write e.g. --poi-bounds 0,5');
  }
  const [lo, hi] = values as [number, number];
  if (!(lo < hi)) throw new QuarryError('INVALID_ARGUMENT', `--poi-bounds ${text}: the lower bound ${lo} is not below the upper bound ${hi}`, `write the lower bound first, e.g. --poi-bounds ${Math.min(lo, hi)},${Math.max(lo, hi) === Math.min(lo, hi) ? Math.min(lo, hi) + 1 : Math.max(lo, hi)}`);
  return [lo, hi];
}

/** Applies `--patch` (and `--patch-name`) to a workspace loaded without the POI check. */
async function patched(ws: Workspace, file: string, name: string | undefined): Promise<Workspace> {
  const { applyPatch, applyPatchset, parsePatchset, readJson } = await import('../histfactory/index.ts');
  const json = await readJson(file);
  if (Array.isArray(json)) {
    if (name !== undefined) throw new QuarryError('INVALID_ARGUMENT', `--patch-name "${name}": ${file} is a JSON patch, not a patchset`, 'drop --patch-name, or give a pyhf patchset with --patch');
    return applyPatch(ws, json, { source: file });
  }
  if (json !== null && typeof json === 'object' && 'patches' in json) {
    const patchset = parsePatchset(json, file);
    if (name === undefined) {
      const names = patchset.patches.map((p) => p.metadata.name);
      if (names.length === 1) return applyPatchset(ws, patchset, { name: names[0]! });
      throw new QuarryError('INVALID_ARGUMENT', `${file} is a patchset of ${names.length} patches; say which one to apply`, `add --patch-name NAME, e.g. --patch-name ${names[0] ?? 'NAME'}`);
    }
    return applyPatchset(ws, patchset, { name });
  }
  throw new QuarryError('INVALID_INPUT', `${file}: neither a JSON patch (a list of operations) nor a pyhf patchset (an object with "patches")`,
    'give an RFC 6902 patch such as [{"op": "replace", "path": "/observations/0/data/0", "value": 10}], or a patchset with --patch-name');
}

/** Reads, patches and checks the workspace, chooses the measurement and builds the model and its observed data. */
export async function loadModel(path: string, flags: WorkspaceFlags): Promise<LoadedModel> {
  // validate the option values before any (possibly slow or stdin) reading
  const interpolation = flags.interpolation !== undefined ? parseInterpolation(flags.interpolation) : undefined;
  const poiBounds = flags.poiBounds !== undefined ? parsePoiBounds(flags.poiBounds) : undefined;
  if (flags.patchName !== undefined && flags.patch === undefined) {
    throw new QuarryError('INVALID_ARGUMENT', '--patch-name needs --patch PATCHSET.json', 'add --patch with the patchset file');
  }
  if (flags.patch === '-' && path === '-') throw new QuarryError('INVALID_ARGUMENT', 'the workspace and --patch cannot both be read from stdin', 'give one of them as a file');
  const { buildModel, loadWorkspace, measurement } = await import('../histfactory/index.ts');
  // a published background-only workspace names a POI that only the signal patch declares
  let workspace = await loadWorkspace(path, flags.patch !== undefined ? { backgroundOnly: true } : {});
  if (flags.patch !== undefined) workspace = await patched(workspace, flags.patch, flags.patchName);
  const chosen = measurement(workspace, flags.measurement);
  const model = buildModel(workspace, { measurement: chosen.name, ...(interpolation ? { interpolation } : {}) });
  const data = model.observedData(workspace);
  return { workspace, model, data, ...(poiBounds ? { poiBounds } : {}) };
}

/** Writes one JSON object (and a newline) to stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Left-aligned label column, values after it: `label  value` lines. */
export function aligned(rows: readonly (readonly [string, string])[]): string {
  const width = Math.max(0, ...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n') + '\n';
}

/** A number for text output: `digits` significant digits (exponent notation below 1e-3), or "null". */
export function num(value: number | null, digits = 6): string {
  if (value === null) return 'null';
  if (!Number.isFinite(value) || value === 0) return String(value);
  const a = Math.abs(value);
  return a < 1e-3 || a >= 1e7 ? value.toExponential(digits - 1) : value.toPrecision(digits);
}
