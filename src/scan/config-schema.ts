/**
 * The schema of a scan configuration (YAML or JSON), and the source of its TypeScript type
 * (ARCHITECTURE.md §2.7). It checks shapes and fills defaults; aliases are normalised here
 * (`design.points: N` is a count, `batch: fill` is {mode: 'fill'}). Checks that relate fields to each
 * other (bounds, names, placeholders, files) follow in config-checks.ts.
 */
import { z } from 'zod';

const number = z.number(); // zod 4 rejects NaN and ±Infinity
const positiveInt = z.number().int().min(1);
const name = z.string().min(1);

export const parameterSchema = z.strictObject({
  name,
  lower: number,
  upper: number,
  scale: z.enum(['linear', 'log']).default('linear'),
  /** A fixed value: the parameter takes part in evaluations but is not searched. */
  fixed: number.optional(),
});

/** An ES module whose export returns true for parameter points that must not be evaluated. */
export const invalidSchema = z.union([
  name.transform((module) => ({ module, export: 'invalid' })),
  z.strictObject({ module: name, export: name.default('invalid') }),
], { error: 'expected a module path or {module, export}' });

export const transformSchema = z.union([
  z.enum(['none', 'log']),
  z.strictObject({ type: z.literal('log-ratio'), reference: number }),
], { error: 'expected none, log or {type: log-ratio, reference: R}' });

export const outputSchema = z.strictObject({
  name,
  /** In the output's own units; excluded = value < threshold. */
  thresholds: z.array(number).min(1),
  transform: transformSchema.default('none'),
  /** Weight of this output in the combined acquisition (default 1). */
  weight: z.number().positive().optional(),
});

/** Timeout (seconds), retries and the delay before a retry (seconds, doubled for each further retry). */
const attempts = {
  timeout: z.number().positive().optional(),
  retries: z.number().int().min(0).default(0),
  retryDelay: z.number().min(0).default(5),
};

export const commandEvaluatorSchema = z.strictObject({
  type: z.literal('command'),
  /** A shell command with {param} placeholders ({{ and }} for literal braces). */
  run: name,
  /** The JSON file, relative to the point's directory, the command writes its outputs to. */
  result: name.default('result.json'),
  ...attempts,
  env: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).optional(),
});

export const moduleEvaluatorSchema = z.strictObject({
  type: z.literal('module'),
  /** An ES module (absolute after loading) exporting `evaluate(params) → outputs`. */
  path: name,
  export: name.default('evaluate'),
  ...attempts,
});

export const evaluatorSchema = z.discriminatedUnion('type', [commandEvaluatorSchema, moduleEvaluatorSchema]);

export const executorSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('local'), workers: positiveInt.optional() }),
  z.strictObject({ type: z.literal('slurm'), partition: name.optional(), slots: positiveInt.optional(), sbatchArgs: z.array(z.string()).optional() }),
  z.strictObject({ type: z.literal('queue'), redis: name, queue: name.default('quarry') }),
]);

export const DESIGN_TYPES = ['sobol', 'lhs', 'grid', 'list'] as const;

export type Design =
  | { type: 'sobol' | 'lhs' | 'grid'; count: number }
  | { type: 'list'; count: number; points: Record<string, number>[] };

/** `{type, count}`, `{type, points: N}` (points as an alias of count) or `{type: list, points: [...]}`. */
export const designSchema = z.strictObject({
  type: z.enum(DESIGN_TYPES).optional(),
  count: positiveInt.optional(),
  points: z.union([positiveInt, z.array(z.record(z.string(), number)).min(1)], { error: 'expected a number of points or a list of points' }).optional(),
}).transform((d, ctx): Design => {
  const fail = (path: string, message: string, hint: string): never => {
    ctx.issues.push({ code: 'custom', message, input: d, path: path === '' ? [] : [path], params: { hint } });
    return z.NEVER as never;
  };
  if (Array.isArray(d.points)) {
    if (d.type !== undefined && d.type !== 'list') return fail('points', `a list of points makes a list design, but type is ${d.type}`, 'set design.type: list, or give points: N for a number of points');
    if (d.count !== undefined && d.count !== d.points.length) return fail('count', `count ${d.count} differs from the ${d.points.length} listed points`, 'drop design.count; a list design has as many points as it lists');
    return { type: 'list', count: d.points.length, points: d.points };
  }
  if (d.type === undefined) return fail('', 'missing required field "type"', `add type to design, one of: ${DESIGN_TYPES.join(', ')}`);
  if (d.type === 'list') return fail('points', 'a list design needs its points', 'write design.points as a list such as [{x: 0.5, y: 1}]');
  if (d.count !== undefined && d.points !== undefined && d.count !== d.points) return fail('points', `points ${d.points} and count ${d.count} disagree`, 'give the number of points once, as design.count');
  const count = d.count ?? d.points;
  if (count === undefined) return fail('', 'missing required field "count"', `add the number of initial points, e.g. design: {type: ${d.type}, count: 10}`);
  return { type: d.type, count };
});

export type Batch = { mode: 'fixed'; size: number } | { mode: 'fill' };

/** A fixed batch size, or "fill" to propose as many points as the executor has free slots. */
export const batchSchema = z.union([positiveInt, z.literal('fill')], { error: 'expected a positive integer or "fill"' })
  .transform((b): Batch => (b === 'fill' ? { mode: 'fill' } : { mode: 'fixed', size: b }));

export const stopSchema = z.strictObject({
  /** Stop after this many evaluations (completed + failed). */
  budget: positiveInt.optional(),
  /** Stop when the estimated misclassified fraction of the domain is below this. */
  misclassification: z.number().gt(0).lt(1).optional(),
  /** Stop when the classes changed on less than stableTolerance of the domain for this many iterations. */
  stableIterations: positiveInt.optional(),
  stableTolerance: z.number().gt(0).lt(1).optional(),
});

export const surrogateSchema = z.strictObject({
  kernel: name.optional(),
  mean: z.enum(['constant', 'linear']).optional(),
  /** Observation noise variance in standardised units, or 'fit'. */
  noise: z.union([z.number().min(0), z.literal('fit')], { error: 'expected a number ≥ 0 or "fit"' }).optional(),
  /** Output warping: 'none' (default) or 'auto' (one-sided saturation, as a log CLs levels off; chosen per output). */
  warp: z.enum(['none', 'auto']).optional(),
});

export const scanConfigSchema = z.strictObject({
  name,
  parameters: z.array(parameterSchema).min(1),
  invalid: invalidSchema.optional(),
  outputs: z.array(outputSchema).min(1),
  evaluator: evaluatorSchema,
  executor: executorSchema.default({ type: 'local' }),
  design: designSchema,
  acquisition: name.default('sur'),
  batch: batchSchema.default({ mode: 'fixed', size: 1 }),
  stop: stopSchema.optional(),
  seed: z.number().int().min(0).default(0),
  surrogate: surrogateSchema.optional(),
  /** Seconds between executor polls. */
  poll: z.number().positive().default(1),
  /** Space-filling candidates per proposal (default: the loop's own). */
  candidates: positiveInt.optional(),
});
