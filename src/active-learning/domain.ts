/**
 * The search domain: named parameters with bounds, linear or log scale, some possibly fixed. The loop
 * works in the unit box of the free parameters, u ∈ [0, 1]^d; `toProblem` maps back to named values
 * (log scale: x = exp(ln lower + u·(ln upper − ln lower))).
 */
import { QuarryError } from '../errors.ts';

export interface LoopParameter {
  name: string;
  lower: number;
  upper: number;
  scale?: 'linear' | 'log';
  /** A fixed value: the parameter takes part in evaluations but is not searched. */
  fixed?: number;
}

export interface Domain {
  readonly parameters: readonly LoopParameter[];
  /** Indices (into parameters) of the free parameters, in order: unit coordinate j is parameters[free[j]]. */
  readonly free: readonly number[];
  readonly dimension: number;
}

/** Builds and checks a domain; every error names the parameter and the fix. */
export function createDomain(parameters: readonly LoopParameter[]): Domain {
  if (parameters.length === 0) throw new QuarryError('INVALID_INPUT', 'no parameters given', 'declare at least one parameter with name, lower and upper');
  const seen = new Set<string>();
  const free: number[] = [];
  parameters.forEach((p, i) => {
    const where = `parameter ${i} ("${p.name}")`;
    if (typeof p.name !== 'string' || p.name === '') throw new QuarryError('INVALID_INPUT', `parameter ${i} has no name`, 'give every parameter a unique name');
    if (seen.has(p.name)) throw new QuarryError('INVALID_INPUT', `${where} is declared twice`, 'give every parameter a unique name');
    seen.add(p.name);
    if (!Number.isFinite(p.lower) || !Number.isFinite(p.upper)) throw new QuarryError('INVALID_INPUT', `${where} has non-finite bounds [${p.lower}, ${p.upper}]`, 'give finite numbers for lower and upper');
    if (!(p.lower < p.upper)) throw new QuarryError('INVALID_INPUT', `${where} has lower ${p.lower} ≥ upper ${p.upper}`, 'swap the bounds so that lower < upper');
    if (p.scale === 'log' && !(p.lower > 0)) throw new QuarryError('INVALID_INPUT', `${where} is log-scaled but lower = ${p.lower} ≤ 0`, 'use a positive lower bound or scale: linear');
    if (p.fixed !== undefined) {
      if (!Number.isFinite(p.fixed)) throw new QuarryError('INVALID_INPUT', `${where} has a non-finite fixed value`, 'give a number inside the bounds');
    } else {
      free.push(i);
    }
  });
  if (free.length === 0) throw new QuarryError('INVALID_INPUT', 'every parameter is fixed: nothing to search', 'leave at least one parameter free');
  return { parameters, free, dimension: free.length };
}

/** Unit coordinate of parameter p for value v. */
function toUnit(p: LoopParameter, v: number): number {
  if (p.scale === 'log') return (Math.log(v) - Math.log(p.lower)) / (Math.log(p.upper) - Math.log(p.lower));
  return (v - p.lower) / (p.upper - p.lower);
}

function fromUnit(p: LoopParameter, u: number): number {
  if (p.scale === 'log') return Math.exp(Math.log(p.lower) + u * (Math.log(p.upper) - Math.log(p.lower)));
  return p.lower + u * (p.upper - p.lower);
}

/** The named parameter values (fixed ones included) of a unit-box point. */
export function toProblem(domain: Domain, u: ArrayLike<number>): Record<string, number> {
  const out: Record<string, number> = {};
  domain.parameters.forEach((p, i) => {
    if (p.fixed !== undefined) out[p.name] = p.fixed;
    else out[p.name] = fromUnit(p, u[domain.free.indexOf(i)]);
  });
  return out;
}

/** The unit-box coordinates of named parameter values (fixed parameters are ignored). */
export function toUnitBox(domain: Domain, x: Record<string, number>): Float64Array {
  const u = new Float64Array(domain.dimension);
  domain.free.forEach((i, j) => {
    const p = domain.parameters[i];
    const v = x[p.name];
    if (!Number.isFinite(v)) throw new QuarryError('INVALID_INPUT', `point has no finite value for parameter "${p.name}"`, `give a number for ${p.name}`);
    u[j] = toUnit(p, v);
  });
  return u;
}
