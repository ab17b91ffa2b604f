/** The table of interpolation codes (ARCHITECTURE.md §2.8) and which codes each modifier type accepts. */
import { unknownKey } from '../../errors.ts';
import type { InterpolationCode } from './interpolation-code.ts';
import { code0 } from './code0.ts';
import { code1 } from './code1.ts';
import { code2 } from './code2.ts';
import { code4 } from './code4.ts';
import { code4p } from './code4p.ts';

export type { InterpolationCode } from './interpolation-code.ts';
export { code0, code1, code2, code4, code4p };

export const INTERPOLATION_CODES = { code0, code1, code2, code4, code4p } as const;

export type NormsysCode = 'code0' | 'code1' | 'code2' | 'code4';
export type HistosysCode = 'code0' | 'code2' | 'code4p';

/** Codes selectable per modifier type; pyhf's defaults are normsys code4 and histosys code4p. */
export const NORMSYS_CODES: readonly NormsysCode[] = ['code0', 'code1', 'code2', 'code4'];
export const HISTOSYS_CODES: readonly HistosysCode[] = ['code0', 'code2', 'code4p'];

/** The code for a modifier type, or an UNKNOWN_KEY error listing the codes that type accepts. */
export function interpolationCode(modifierType: 'normsys' | 'histosys', name: string): InterpolationCode {
  const valid: readonly string[] = modifierType === 'normsys' ? NORMSYS_CODES : HISTOSYS_CODES;
  if (!valid.includes(name)) throw unknownKey(`${modifierType} interpolation code`, name, valid);
  return INTERPOLATION_CODES[name as keyof typeof INTERPOLATION_CODES];
}
