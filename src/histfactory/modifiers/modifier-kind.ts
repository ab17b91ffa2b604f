/**
 * What every modifier type provides to the model builder (one file per type, collected in index.ts).
 *
 * The builder walks channels, samples and modifiers in pyhf's order and hands each type all of its
 * occurrences; the type answers with the parameter sets it needs (pyhf's "required parsets") and, per
 * occurrence, the term it contributes to that sample's yields.
 */
import type { InterpolationCode } from '../interpolation/index.ts';
import type { ModifierSpec } from '../spec.ts';
import { QuarryError } from '../../errors.ts';

import type { ModifierType } from '../schema/modifier.ts';

export type { ModifierType };

/** One modifier on one sample in one channel. */
export interface Occurrence {
  channel: string;
  /** Index of the channel's first bin in the concatenated main data (channels in sorted order). */
  binOffset: number;
  nbins: number;
  sample: string;
  /** Nominal yields of the sample in this channel, length nbins. */
  nominal: readonly number[];
  modifier: ModifierSpec;
  /** JSON-path-like location for error messages, e.g. channels[SR]/samples[ttbar]/modifiers[lumi]. */
  path: string;
}

export type Constraint = 'none' | 'normal' | 'poisson';

/** A parameter set a modifier type needs, before the measurement's parameter configs are applied. */
export interface ParameterRequirement {
  name: string;
  type: ModifierType;
  n: number;
  inits: number[];
  bounds: [number, number][];
  fixed: boolean[];
  constraint: Constraint;
  /** Auxiliary data (centres of Gaussians, τ of Poisson constraints); empty when unconstrained. */
  auxdata: number[];
  /** Gaussian widths (normal constraint only). */
  sigmas: number[];
  /** Poisson constraint scale τ per element: rate = γ·τ (poisson constraint only). */
  factors: number[];
  /** Fields that must come from the measurement's parameter config (lumi: auxdata and sigmas). */
  requiredConfig: ('auxdata' | 'sigmas')[];
}

/** Interpolation codes chosen for a model. */
export interface ModifierCodes {
  normsys: InterpolationCode;
  histosys: InterpolationCode;
}

/**
 * How one occurrence changes its sample's yields ν_b, given the index `param` of the first element
 * of its parameter set in the parameter vector θ:
 *   scale       ν_b ← ν_b·θ[param]
 *   scale-bins  ν_b ← ν_b·θ[param + b]
 *   factor      ν_b ← ν_b·F(θ[param])   (F = code value, or 1 + code value for an additive code)
 *   delta       ν_b ← ν_b + Δ_b(θ[param]) before any factor (coefficients with stride code.nCoefficients)
 */
export type Term =
  | { op: 'scale'; param: number }
  | { op: 'scale-bins'; param: number }
  | { op: 'factor'; param: number; code: InterpolationCode; coefficients: Float64Array }
  | { op: 'delta'; param: number; code: InterpolationCode; coefficients: Float64Array };

export interface ModifierKind {
  readonly type: ModifierType;
  /** Parameter sets needed by all occurrences of this type, in order of first appearance. */
  requirements(occurrences: readonly Occurrence[]): ParameterRequirement[];
  /** The term one occurrence contributes; `param` is the index of its set's first element. */
  term(occurrence: Occurrence, param: number, codes: ModifierCodes): Term;
}

/** Names of the occurrences' parameter sets in order of first appearance, with their occurrences. */
export function groupByName(occurrences: readonly Occurrence[]): Map<string, Occurrence[]> {
  const groups = new Map<string, Occurrence[]>();
  for (const occ of occurrences) {
    const list = groups.get(occ.modifier.name);
    if (list) list.push(occ);
    else groups.set(occ.modifier.name, [occ]);
  }
  return groups;
}

/** A requirement with every default filled in; callers override what differs. */
export function requirement(name: string, type: ModifierType, n: number, init: number, bounds: [number, number], constraint: Constraint): ParameterRequirement {
  return {
    name, type, n, constraint,
    inits: new Array<number>(n).fill(init),
    bounds: Array.from({ length: n }, () => [bounds[0], bounds[1]] as [number, number]),
    fixed: new Array<boolean>(n).fill(false),
    auxdata: [], sigmas: [], factors: [], requiredConfig: [],
  };
}

/** The occurrence's `data` as numbers of length nbins, or an INVALID_INPUT error naming the path. */
export function binArray(value: unknown, occ: Occurrence, field: string): number[] {
  if (!Array.isArray(value) || value.length !== occ.nbins || value.some((x) => typeof x !== 'number' || !Number.isFinite(x))) {
    throw new QuarryError(
      'INVALID_INPUT',
      `${occ.path}${field}: ${occ.modifier.type} modifier "${occ.modifier.name}" needs ${occ.nbins} finite numbers (one per bin of channel "${occ.channel}")`,
      `give one value per bin, as in the sample's data`,
    );
  }
  return value as number[];
}

/** An INVALID_INPUT error for a set that must stay in one channel (per-bin sets are per channel). */
export function spansChannels(type: ModifierType, name: string, occurrences: readonly Occurrence[]): QuarryError {
  const channels = [...new Set(occurrences.map((o) => o.channel))].join(', ');
  return new QuarryError(
    'INVALID_INPUT',
    `${type} modifier "${name}" appears in channels ${channels} with different bin counts`,
    `give the ${type} a different name in each channel`,
  );
}
