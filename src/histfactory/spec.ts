/**
 * The pyhf 1.0.0 workspace JSON as plain TypeScript types, for the model builder.
 *
 * Parsing and validation live in schema/ and workspace.ts; these interfaces describe the already-parsed
 * value (the shape both produce), so model.ts depends on nothing but plain data.
 */

export interface HistoSysData {
  lo_data: number[];
  hi_data: number[];
}

export interface NormSysData {
  lo: number;
  hi: number;
}

/** One modifier of a sample: `data` is null (normfactor, lumi, shapefactor), per-bin numbers
 * (shapesys, staterror: absolute uncertainties), {hi, lo} factors (normsys) or templates (histosys). */
export interface ModifierSpec {
  name: string;
  type: string;
  data: null | number[] | NormSysData | HistoSysData | unknown;
}

export interface SampleSpec {
  name: string;
  data: number[];
  modifiers: ModifierSpec[];
}

export interface ChannelSpec {
  name: string;
  samples: SampleSpec[];
}

export interface ObservationSpec {
  name: string;
  data: number[];
}

/** A measurement's configuration of one parameter (set): every list has one entry per parameter. */
export interface ParameterConfigSpec {
  name: string;
  inits?: number[];
  bounds?: [number, number][];
  auxdata?: number[];
  sigmas?: number[];
  fixed?: boolean;
}

export interface MeasurementSpec {
  name: string;
  config: { poi: string; parameters: ParameterConfigSpec[] };
}

export interface WorkspaceSpec {
  channels: ChannelSpec[];
  observations: ObservationSpec[];
  measurements: MeasurementSpec[];
  version: string;
}

/** Python's sorted() order on strings (code points), which pyhf uses for channels, samples and modifiers. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
