/**
 * A level-set problem: the box of parameters, the thresholds and the functions whose excursion sets
 * {x : f(x) < t} ("excluded") are learned. With K sorted thresholds a point's class is the number of
 * thresholds t_k with f(x) ≥ t_k, so there are K + 1 classes. Shared by the loop, the benchmarks and
 * the user problem modules (`quarry bench-al MODULE.mjs`).
 */

/** One parameter axis: the closed interval [lower, upper], sampled uniformly in `scale` (default linear). */
export interface Parameter {
  name: string;
  lower: number;
  upper: number;
  /** 'log': sampled and gridded uniformly in ln x (needs lower > 0). */
  scale?: 'linear' | 'log';
}

export interface Problem {
  name: string;
  parameters: Parameter[];
  /** Sorted ascending; shared by every function. */
  thresholds: number[];
  /** The functions learned together, e.g. observed and expected; each maps a point to a finite number. */
  functions: ((x: Record<string, number>) => number)[];
  /** True where a point is invalid: removed from candidates and from the truth grid. */
  invalid?: (x: Record<string, number>) => boolean;
  /** Points per dimension of the truth grid (both ends included). */
  truthGrid?: number;
  /** Standard deviation of the Gaussian noise added to each evaluation (a noisy problem). */
  noise?: number;
}
