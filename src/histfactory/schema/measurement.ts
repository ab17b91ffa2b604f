/** Measurement and parameter-config schemas of pyhf's JSON format 1.0.0 (pyhf schemas/1.0.0/defs.json). */
import { z } from 'zod';

/**
 * A parameter config: overrides for one parameter set, each array with one entry per parameter
 * (1 for scalar modifiers, the channel's bin count for shapesys/staterror/shapefactor).
 */
export const parameterConfigSchema = z.strictObject({
  name: z.string().min(1),
  inits: z.array(z.number()).min(1).optional(),
  bounds: z.array(z.tuple([z.number(), z.number()])).min(1).optional(),
  auxdata: z.array(z.number()).min(1).optional(),
  factors: z.array(z.number()).min(1).optional(),
  sigmas: z.array(z.number()).min(1).optional(),
  fixed: z.boolean().optional(),
});

/** A measurement: the parameter of interest and the parameter configs. */
export const measurementSchema = z.strictObject({
  name: z.string().min(1),
  config: z.strictObject({
    poi: z.string().min(1),
    parameters: z.array(parameterConfigSchema),
  }),
});

export type ParameterConfig = z.infer<typeof parameterConfigSchema>;
export type Measurement = z.infer<typeof measurementSchema>;
export type MeasurementConfig = Measurement['config'];
