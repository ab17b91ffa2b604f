/**
 * Modifier schemas of pyhf's JSON format 1.0.0: one strict object per modifier type, collected in a
 * discriminated union on `type` (ARCHITECTURE.md §2.7, §2.8). Reference: pyhf schemas/1.0.0/defs.json;
 * K. Cranmer et al., "HistFactory", CERN-OPEN-2012-016, table 1.
 */
import { z } from 'zod';

const name = z.string().min(1);
const yields = z.array(z.number());

/** Unconstrained scalar factor μ on a sample's yields; data is null. */
export const normfactorSchema = z.strictObject({ name, type: z.literal('normfactor'), data: z.null() });
/** Normalisation systematic: relative yields at α = +1 (hi) and α = −1 (lo). */
export const normsysSchema = z.strictObject({
  name,
  type: z.literal('normsys'),
  data: z.strictObject({ hi: z.number(), lo: z.number() }),
});
/** Shape systematic: absolute templates at α = +1 (hi_data) and α = −1 (lo_data), one value per bin. */
export const histosysSchema = z.strictObject({
  name,
  type: z.literal('histosys'),
  data: z.strictObject({ hi_data: yields, lo_data: yields }),
});
/** Uncorrelated per-bin shape uncertainty (Poisson constraint): absolute uncertainty δ per bin. */
export const shapesysSchema = z.strictObject({ name, type: z.literal('shapesys'), data: yields });
/** MC statistical uncertainty (Gaussian constraint, Barlow–Beeston lite): absolute δ per bin. */
export const staterrorSchema = z.strictObject({ name, type: z.literal('staterror'), data: yields });
/** Luminosity: scalar factor constrained by the measurement's lumi config (auxdata, sigmas); data is null. */
export const lumiSchema = z.strictObject({ name, type: z.literal('lumi'), data: z.null() });
/** Unconstrained per-bin factors; data is null. */
export const shapefactorSchema = z.strictObject({ name, type: z.literal('shapefactor'), data: z.null() });

export const modifierSchema = z.discriminatedUnion('type', [
  normfactorSchema,
  normsysSchema,
  histosysSchema,
  shapesysSchema,
  staterrorSchema,
  lumiSchema,
  shapefactorSchema,
]);

/** The valid modifier types, in the order pyhf documents them. */
export const MODIFIER_TYPES = ['normfactor', 'normsys', 'histosys', 'shapesys', 'staterror', 'lumi', 'shapefactor'] as const;

/** What each modifier type's `data` holds, for error hints. */
export const MODIFIER_DATA: Record<ModifierType, string> = {
  normfactor: 'null',
  normsys: '{"hi": <factor at +1σ>, "lo": <factor at −1σ>}',
  histosys: '{"hi_data": [<yield per bin at +1σ>], "lo_data": [<yield per bin at −1σ>]}',
  shapesys: '[<absolute uncertainty per bin>]',
  staterror: '[<absolute uncertainty per bin>]',
  lumi: 'null',
  shapefactor: 'null',
};

/** Modifiers with one parameter per bin of their channel; the others have one scalar parameter. */
export const PER_BIN_TYPES: ReadonlySet<ModifierType> = new Set(['shapesys', 'staterror', 'shapefactor']);
/** Modifiers whose parameter has no constraint term (so no auxdata or sigmas). */
export const UNCONSTRAINED_TYPES: ReadonlySet<ModifierType> = new Set(['normfactor', 'shapefactor']);

export type Modifier = z.infer<typeof modifierSchema>;
export type ModifierType = Modifier['type'];
export type NormfactorModifier = z.infer<typeof normfactorSchema>;
export type NormsysModifier = z.infer<typeof normsysSchema>;
export type HistosysModifier = z.infer<typeof histosysSchema>;
export type ShapesysModifier = z.infer<typeof shapesysSchema>;
export type StaterrorModifier = z.infer<typeof staterrorSchema>;
export type LumiModifier = z.infer<typeof lumiSchema>;
export type ShapefactorModifier = z.infer<typeof shapefactorSchema>;
