/**
 * The table of modifier types (ARCHITECTURE.md §2.8), in pyhf's order: parameter sets are laid out type
 * by type in this order (histosys, lumi, normfactor, normsys, shapefactor, shapesys, staterror).
 */
import { unknownKey } from '../../errors.ts';
import type { ModifierKind, ModifierType } from './modifier-kind.ts';
import { histosys } from './histosys.ts';
import { lumi } from './lumi.ts';
import { normfactor } from './normfactor.ts';
import { normsys } from './normsys.ts';
import { shapefactor } from './shapefactor.ts';
import { shapesys } from './shapesys.ts';
import { staterror } from './staterror.ts';

export type { ModifierKind, ModifierType, Occurrence, ParameterRequirement, Term, Constraint, ModifierCodes } from './modifier-kind.ts';

export const MODIFIERS: Readonly<Record<ModifierType, ModifierKind>> = { histosys, lumi, normfactor, normsys, shapefactor, shapesys, staterror };

export const MODIFIER_TYPES = Object.keys(MODIFIERS) as readonly ModifierType[];

/** The modifier type named `type`, or an UNKNOWN_KEY error listing the valid types. */
export function modifierKind(type: string): ModifierKind {
  if (!Object.hasOwn(MODIFIERS, type)) throw unknownKey('modifier type', type, MODIFIER_TYPES);
  return MODIFIERS[type as ModifierType];
}
