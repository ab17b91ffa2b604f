/**
 * countingWorkspace(spec) → the pyhf workspace of a counting experiment, the seed likelihood
 *
 *   L(μ, θ) = Π_i Pois(D_i | B_i·g_i(θ) + S_i·μ) · constraint(θ)
 *
 * one channel (default `SR`) with samples `signal` (a `normfactor` named after the POI, default `mu`)
 * and `background`, optionally with a background uncertainty: `normsys` (one Gaussian-constrained
 * nuisance parameter `bkg_norm`, relative factors lo/hi at ∓1σ, correlated over bins) or `shapesys`
 * (`bkg_unc`, one Poisson-constrained γ_i per bin, τ_i = (B_i/δB_i)²; δB_i absolute, in events).
 * Arrays have one entry per bin (events). Same JSON as ../shared/reference/counting/expected.json
 * (pyhf 0.7.6); K. Cranmer et al., CERN-OPEN-2012-016, eq. 6.
 */
import { QuarryError, unknownKey } from '../errors.ts';
import type { Workspace } from './schema/workspace.ts';
import { validateWorkspace } from './workspace-validate.ts';

export type BackgroundUncertainty =
  | { type: 'none' }
  | { type: 'normsys'; lo: number; hi: number }
  | { type: 'shapesys'; absolute: readonly number[] };

/** A counting experiment: signal S_i, background B_i and observed D_i per bin (events). */
export interface CountingSpec {
  signal: readonly number[];
  background: readonly number[];
  /** Observed counts; non-integer values are allowed (pyhf's continuous Poisson). */
  observed: readonly number[];
  backgroundUncertainty?: BackgroundUncertainty;
  /** Name of the POI (the normfactor on the signal); default `mu`. */
  poi?: string;
  /** POI bounds written to the measurement; default none (pyhf's normfactor bounds [0, 10]). */
  poiBounds?: readonly [number, number];
  /** Channel name; default `SR`. */
  channel?: string;
}

/** The same experiment in the reference file's `inputs` form (../shared/reference/counting/expected.json). */
export interface CountingInputs {
  S: readonly number[];
  B: readonly number[];
  D: readonly number[];
  background_uncertainty?: null | 'normsys' | 'shapesys';
  uncertainty_data?: null | readonly number[] | { lo: number; hi: number };
}

const SPEC_KEYS = ['signal', 'background', 'observed', 'backgroundUncertainty', 'poi', 'poiBounds', 'channel'];
const INPUT_KEYS = ['S', 'B', 'D', 'background_uncertainty', 'uncertainty_data'];
const UNCERTAINTY_TYPES = ['none', 'normsys', 'shapesys'];
/** Names of the background-uncertainty parameters, as in the reference workspaces. */
const NORMSYS_NAME = 'bkg_norm';
const SHAPESYS_NAME = 'bkg_unc';

function invalid(message: string, hint: string): QuarryError {
  return new QuarryError('INVALID_ARGUMENT', `countingWorkspace: ${message}`, hint);
}

const show = (v: unknown): string => (typeof v === 'number' ? String(v) : JSON.stringify(v) ?? String(v));

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A copy of `value` as a list of finite numbers ≥ 0; `name` labels it in errors. */
function counts(name: string, value: unknown, what: string): number[] {
  if (!Array.isArray(value)) throw invalid(`${name} is ${show(value)}, not an array of numbers`, `pass ${name} as an array of ${what}, one per bin`);
  return value.map((v: unknown, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw invalid(`${name}[${i}] is ${show(v)}; ${what} must be finite numbers ≥ 0`, `fix ${name}[${i}] (observed counts may be non-integer, as in pyhf, but never negative or NaN)`);
    }
    return v;
  });
}

function positiveFactor(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw invalid(`${name} is ${show(value)}; normsys factors must be finite and > 0`, 'lo and hi are the background\'s relative yields at −1σ and +1σ, e.g. {type: "normsys", lo: 0.9, hi: 1.1}');
  }
  return value;
}

function rejectUnknownKeys(what: string, value: Record<string, unknown>, valid: readonly string[]): void {
  const extra = Object.keys(value).find((k) => !valid.includes(k));
  if (extra !== undefined) throw unknownKey(`${what} field`, extra, valid);
}

/** The reference `inputs` form as a CountingSpec. */
function fromInputs(input: Record<string, unknown>): CountingSpec & { labels: Labels } {
  rejectUnknownKeys('countingWorkspace input', input, INPUT_KEYS);
  const type = input.background_uncertainty ?? null;
  const data = input.uncertainty_data;
  let backgroundUncertainty: unknown;
  if (type === null) backgroundUncertainty = { type: 'none' };
  else if (type === 'shapesys') backgroundUncertainty = { type, absolute: data };
  else if (type === 'normsys') backgroundUncertainty = { type, ...(isRecord(data) ? data : { lo: data, hi: data }) };
  else throw unknownKey('background_uncertainty', show(type), ['null', 'normsys', 'shapesys']);
  return {
    signal: input.S as number[], background: input.B as number[], observed: input.D as number[],
    backgroundUncertainty: backgroundUncertainty as BackgroundUncertainty,
    labels: { signal: 'S', background: 'B', observed: 'D', absolute: 'uncertainty_data', lo: 'uncertainty_data.lo', hi: 'uncertainty_data.hi' },
  };
}

interface Labels { signal: string; background: string; observed: string; absolute: string; lo: string; hi: string }

const SPEC_LABELS: Labels = { signal: 'signal', background: 'background', observed: 'observed', absolute: 'backgroundUncertainty.absolute', lo: 'backgroundUncertainty.lo', hi: 'backgroundUncertainty.hi' };

function backgroundModifiers(u: unknown, nbins: number, labels: Labels): Workspace['channels'][number]['samples'][number]['modifiers'] {
  if (u === undefined) return [];
  if (!isRecord(u)) throw invalid(`backgroundUncertainty is ${show(u)}, not an object`, 'pass {type: "none"}, {type: "normsys", lo, hi} or {type: "shapesys", absolute: [...]}');
  if (typeof u.type !== 'string' || !UNCERTAINTY_TYPES.includes(u.type)) throw unknownKey('backgroundUncertainty type', show(u.type), UNCERTAINTY_TYPES);
  if (u.type === 'none') {
    rejectUnknownKeys('backgroundUncertainty (none)', u, ['type']);
    return [];
  }
  if (u.type === 'normsys') {
    rejectUnknownKeys('backgroundUncertainty (normsys)', u, ['type', 'lo', 'hi']);
    return [{ name: NORMSYS_NAME, type: 'normsys', data: { lo: positiveFactor(labels.lo, u.lo), hi: positiveFactor(labels.hi, u.hi) } }];
  }
  rejectUnknownKeys('backgroundUncertainty (shapesys)', u, ['type', 'absolute']);
  const absolute = counts(labels.absolute, u.absolute, 'absolute background uncertainties (events)');
  if (absolute.length !== nbins) {
    throw invalid(`${labels.absolute} has ${absolute.length} entries, the ${nbins} bin(s) need ${nbins}`, `give one absolute background uncertainty δB_i (events) per bin`);
  }
  return [{ name: SHAPESYS_NAME, type: 'shapesys', data: absolute }];
}

function name(what: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value.length === 0) throw invalid(`${what} is ${show(value)}, not a non-empty string`, `pass a name such as "${fallback}", or leave ${what} out`);
  return value;
}

function poiParameters(poi: string, bounds: unknown): Workspace['measurements'][number]['config']['parameters'] {
  if (bounds === undefined) return [];
  if (!Array.isArray(bounds) || bounds.length !== 2 || !bounds.every((b) => typeof b === 'number' && Number.isFinite(b)) || !(bounds[0] < bounds[1])) {
    throw invalid(`poiBounds is ${show(bounds)}, not [lo, hi] with finite lo < hi`, 'pass e.g. poiBounds: [0, 10], or leave it out for pyhf\'s default [0, 10]');
  }
  return [{ name: poi, bounds: [[bounds[0], bounds[1]]] }];
}

/**
 * The pyhf workspace (JSON 1.0.0) of Π_i Pois(D_i | B_i·g_i(θ) + S_i·μ) · constraint(θ), validated by the
 * workspace schema and checks. Accepts a CountingSpec or the reference `inputs` form ({S, B, D,
 * background_uncertainty, uncertainty_data}). Throws a QuarryError (INVALID_ARGUMENT / UNKNOWN_KEY) for
 * arrays of different lengths, negative/NaN counts, shapesys uncertainties of the wrong length or
 * negative, normsys factors ≤ 0, and bad names or POI bounds.
 */
export function countingWorkspace(input: CountingSpec | CountingInputs): Workspace {
  if (!isRecord(input)) throw invalid(`the input is ${show(input)}, not an object`, 'pass {signal, background, observed, backgroundUncertainty?, poi?, poiBounds?, channel?}');
  const referenceForm = ['S', 'B', 'D'].some((k) => k in input);
  const spec = referenceForm ? fromInputs(input) : { ...(input as CountingSpec), labels: SPEC_LABELS };
  if (!referenceForm) rejectUnknownKeys('countingWorkspace input', input, SPEC_KEYS);
  const { labels } = spec;
  const signal = counts(labels.signal, spec.signal, 'signal yields');
  const background = counts(labels.background, spec.background, 'background yields');
  const observed = counts(labels.observed, spec.observed, 'observed counts');
  if (signal.length !== background.length || signal.length !== observed.length || signal.length === 0) {
    throw invalid(
      `${labels.signal}, ${labels.background} and ${labels.observed} need one entry per bin (at least one), got ${labels.signal} ${signal.length}, ${labels.background} ${background.length}, ${labels.observed} ${observed.length}`,
      'pass the three arrays with the same, non-zero number of bins',
    );
  }
  const poi = name('poi', spec.poi, 'mu');
  const channel = name('channel', spec.channel, 'SR');
  const modifiers = backgroundModifiers(spec.backgroundUncertainty, signal.length, labels);
  if (modifiers.some((m) => m.name === poi)) {
    throw invalid(`poi "${poi}" is also the name of the background uncertainty`, `choose a POI name other than "${NORMSYS_NAME}" and "${SHAPESYS_NAME}"`);
  }
  const workspace: Workspace = {
    channels: [{
      name: channel,
      samples: [
        { name: 'signal', data: signal, modifiers: [{ name: poi, type: 'normfactor', data: null }] },
        { name: 'background', data: background, modifiers },
      ],
    }],
    observations: [{ name: channel, data: observed }],
    measurements: [{ name: 'meas', config: { poi, parameters: poiParameters(poi, spec.poiBounds) } }],
    version: '1.0.0',
  };
  validateWorkspace(workspace, 'countingWorkspace');
  return workspace; // not the parsed copy, which reorders keys: this one keeps the reference JSON's key order
}
