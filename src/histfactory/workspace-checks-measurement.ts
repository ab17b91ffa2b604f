/**
 * Semantic checks of one measurement against the workspace's parameter sets: the POI is declared and
 * scalar, every lumi modifier has a lumi config with auxdata and sigmas, every config names a parameter,
 * and its arrays have one entry per parameter (pyhf's paramset rules).
 */
import { PER_BIN_TYPES, UNCONSTRAINED_TYPES } from './schema/modifier.ts';
import type { Measurement, ParameterConfig } from './schema/measurement.ts';
import { usePath, type ParameterSet } from './workspace-parameters.ts';
import { quoteList, type CheckOptions, type WorkspaceProblem } from './workspace-problem.ts';

/**
 * HistFactory's XML always writes a "lumi" config (Lumi/LumiRelErr), also when no sample has a lumi
 * modifier; pyhf ignores that config, so it is accepted here too.
 */
const IGNORED_ORPHAN_CONFIGS = new Set(['lumi']);

const ARRAY_KEYS = ['inits', 'bounds', 'auxdata', 'sigmas', 'factors'] as const;

function example(key: (typeof ARRAY_KEYS)[number], n: number): string {
  const one = { inits: '1.0', bounds: '[0, 10]', auxdata: '1.0', sigmas: '0.1', factors: '1.0' }[key];
  return `[${Array.from({ length: Math.min(n, 3) }, () => one).join(', ')}${n > 3 ? ', …' : ''}]`;
}

function configProblems(config: ParameterConfig, at: string, set: ParameterSet, out: WorkspaceProblem[]): void {
  const n = set.size;
  const kind = PER_BIN_TYPES.has(set.type) ? `a ${set.type} with one parameter per bin` : `a scalar ${set.type}`;
  for (const key of ARRAY_KEYS) {
    const values = config[key];
    if (values === undefined) continue;
    if (values.length !== n) {
      out.push({ severity: 'error', path: `${at}.${key}`, message: `"${config.name}" (${kind}) has ${n} parameter${n === 1 ? '' : 's'} but ${values.length} ${key} ${values.length === 1 ? 'was' : 'were'} given`, hint: `give exactly ${n} entr${n === 1 ? 'y' : 'ies'}, e.g. "${key}": ${example(key, n)}` });
    }
    if ((key === 'auxdata' || key === 'sigmas') && UNCONSTRAINED_TYPES.has(set.type)) {
      out.push({ severity: 'error', path: `${at}.${key}`, message: `"${config.name}" is a ${set.type}, which has no constraint term, so ${key} does not apply`, hint: `remove ${key} from this config` });
    }
  }
  config.bounds?.forEach(([lo, hi], k) => {
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi)) {
      out.push({ severity: 'error', path: `${at}.bounds[${k}]`, message: `bounds [${lo}, ${hi}] of "${config.name}" are not an interval`, hint: 'write bounds as [low, high] with finite low ≤ high' });
    }
  });
  config.sigmas?.forEach((s, k) => {
    if (!(Number.isFinite(s) && s > 0)) out.push({ severity: 'error', path: `${at}.sigmas[${k}]`, message: `sigma ${s} of "${config.name}" is not positive`, hint: 'sigmas are constraint widths and must be finite and > 0' });
  });
}

/** The problem of a POI that no modifier declares, or that is not a single parameter; undefined when fine. */
export function poiProblem(measurement: Measurement, i: number, sets: Map<string, ParameterSet>): WorkspaceProblem | undefined {
  const at = `measurements[${i}].config`;
  const who = `measurement "${measurement.name}"`;
  const poi = measurement.config.poi;
  const poiSet = sets.get(poi);
  if (!poiSet) {
    const normfactors = [...sets.values()].filter((s) => s.type === 'normfactor').map((s) => s.name);
    const declare = `add a normfactor modifier named "${poi}" to the signal sample (for a background-only workspace: apply the signal patch first, or check with { backgroundOnly: true })`;
    return { severity: 'error', path: `${at}.poi`, message: `the POI "${poi}" of ${who} is not declared by any modifier`, hint: normfactors.length > 0 ? `set poi to one of the normfactors ${quoteList(normfactors)}, or ${declare}` : declare };
  }
  if (poiSet.size !== 1) {
    return { severity: 'error', path: `${at}.poi`, message: `the POI "${poi}" of ${who} is a ${poiSet.type} with ${poiSet.size} parameters, but a POI must be a single parameter`, hint: 'use a normfactor as the POI' };
  }
  return undefined;
}

export function measurementProblems(measurement: Measurement, i: number, sets: Map<string, ParameterSet>, out: WorkspaceProblem[], options: CheckOptions = {}): void {
  const at = `measurements[${i}].config`;
  const who = `measurement "${measurement.name}"`;
  const parameters = measurement.config.parameters;
  const poi = poiProblem(measurement, i, sets);
  if (poi && !(options.backgroundOnly && !sets.has(measurement.config.poi))) out.push(poi);
  const configs = new Map<string, number>();
  parameters.forEach((config, k) => {
    const cat = `${at}.parameters[${k}]`;
    if (configs.has(config.name)) {
      out.push({ severity: 'error', path: `${cat}.name`, message: `${who} configures "${config.name}" twice (also parameters[${configs.get(config.name)}])`, hint: 'merge the two configs into one' });
      return;
    }
    configs.set(config.name, k);
    const set = sets.get(config.name);
    if (!set) {
      if (IGNORED_ORPHAN_CONFIGS.has(config.name)) return;
      out.push({ severity: 'error', path: `${cat}.name`, message: `${who} configures "${config.name}", but no modifier has that name`, hint: `remove this config, or rename it to one of the parameters ${quoteList([...sets.keys()])}` });
      return;
    }
    configProblems(config, cat, set, out);
  });
  for (const set of sets.values()) {
    if (set.type !== 'lumi') continue;
    const k = configs.get(set.name);
    const config = k === undefined ? undefined : parameters[k];
    const missing = config ? (['auxdata', 'sigmas'] as const).filter((key) => config[key] === undefined) : [];
    if (!config) {
      out.push({ severity: 'error', path: `${at}.parameters`, message: `${who} has no parameter config for the lumi modifier "${set.name}" (used at ${usePath(set.uses[0]!)})`, hint: `add {"name": "${set.name}", "auxdata": [1.0], "sigmas": [<relative luminosity uncertainty, e.g. 0.017>], "bounds": [[0.5, 1.5]], "inits": [1.0]} to ${at}.parameters` });
    } else if (missing.length > 0) {
      out.push({ severity: 'error', path: `${at}.parameters[${k}]`, message: `the lumi config "${set.name}" of ${who} has no ${missing.join(' and ')}`, hint: `add ${missing.map((key) => (key === 'auxdata' ? '"auxdata": [1.0]' : '"sigmas": [<relative luminosity uncertainty>]')).join(' and ')}; pyhf needs both to build the lumi constraint` });
    }
  }
}
