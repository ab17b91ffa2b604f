/**
 * From a workspace spec and a measurement to pyhf's layout: sorted channels and samples, the parameter
 * sets in pyhf's order with the measurement's configs applied, and per (channel, sample) block the terms
 * of its modifiers. Pure data; model-kernel.ts compiles it for evaluation.
 */
import { QuarryError, unknownKey } from '../errors.ts';
import { MODIFIERS, MODIFIER_TYPES, modifierKind, type Constraint, type ModifierCodes, type ModifierType, type Occurrence, type ParameterRequirement, type Term } from './modifiers/index.ts';
import { compareNames, type MeasurementSpec, type WorkspaceSpec } from './spec.ts';

/** One parameter set: `n` consecutive entries of the parameter vector starting at `offset`. */
export interface ParameterSet {
  name: string;
  /** Modifier types that use the set (normsys and histosys may share one). */
  types: ModifierType[];
  offset: number;
  n: number;
  constraint: Constraint;
  /** Index of the set's first auxiliary datum, −1 when unconstrained. */
  auxOffset: number;
  inits: number[];
  bounds: [number, number][];
  fixed: boolean[];
  auxdata: number[];
  sigmas: number[];
  factors: number[];
}

/** One sample in one channel with the terms of its modifiers. */
export interface Block {
  channel: string;
  sample: string;
  binOffset: number;
  nbins: number;
  nominal: readonly number[];
  terms: Term[];
}

export interface Layout {
  measurement: MeasurementSpec;
  poi: string;
  channels: string[];
  channelBins: number[];
  samples: string[];
  nMain: number;
  sets: ParameterSet[];
  parameters: string[];
  nAux: number;
  blocks: Block[];
}

const SCALAR_TYPES: ReadonlySet<ModifierType> = new Set(['normfactor', 'normsys', 'histosys', 'lumi']);

function chooseMeasurement(spec: WorkspaceSpec, name: string | undefined): MeasurementSpec {
  const names = spec.measurements.map((m) => m.name);
  if (name === undefined) {
    if (spec.measurements.length === 0) throw new QuarryError('INVALID_INPUT', 'measurements: the workspace has no measurement', 'add a measurement with a POI, e.g. {"name": "meas", "config": {"poi": "mu", "parameters": []}}');
    return spec.measurements[0];
  }
  const found = spec.measurements.find((m) => m.name === name);
  if (!found) throw unknownKey('measurement', name, names);
  return found;
}

function sameRequirement(a: ParameterRequirement, b: ParameterRequirement): boolean {
  return a.n === b.n && a.constraint === b.constraint && SCALAR_TYPES.has(a.type) === SCALAR_TYPES.has(b.type) &&
    JSON.stringify([a.inits, a.bounds, a.auxdata, a.sigmas, a.factors]) === JSON.stringify([b.inits, b.bounds, b.auxdata, b.sigmas, b.factors]);
}

function configLength(values: unknown[] | undefined, set: ParameterSet, field: string): void {
  if (values !== undefined && values.length !== set.n) {
    throw new QuarryError('INVALID_INPUT', `measurements/config/parameters[${set.name}]/${field}: has ${values.length} entries, the parameter set "${set.name}" has ${set.n}`, `give ${set.n} value(s) in ${field}`);
  }
}

/** Applies the measurement's parameter config to a set, as pyhf does (configs of unknown names are ignored). */
function applyConfig(set: ParameterSet, measurement: MeasurementSpec, required: ('auxdata' | 'sigmas')[]): void {
  const config = measurement.config.parameters.find((p) => p.name === set.name);
  for (const field of required) {
    if (config?.[field] === undefined) {
      throw new QuarryError('INVALID_INPUT', `measurements[${measurement.name}]/config/parameters: ${set.types[0]} parameter "${set.name}" needs "${field}" in a parameter config`, `add {"name": "${set.name}", "auxdata": [1.0], "sigmas": [0.02], "bounds": [[0.9, 1.1]], "inits": [1.0]} with your luminosity uncertainty`);
    }
  }
  if (!config) return;
  configLength(config.inits, set, 'inits');
  configLength(config.bounds, set, 'bounds');
  if (config.inits) set.inits = [...config.inits];
  if (config.bounds) set.bounds = config.bounds.map((b) => [b[0], b[1]] as [number, number]);
  if (config.fixed) set.fixed = new Array<boolean>(set.n).fill(true);
  if (set.constraint !== 'none' && config.auxdata) {
    configLength(config.auxdata, set, 'auxdata');
    set.auxdata = [...config.auxdata];
  }
  if (set.constraint === 'normal' && config.sigmas) {
    configLength(config.sigmas, set, 'sigmas');
    set.sigmas = [...config.sigmas];
  }
}

/** Walks the spec in pyhf's order: channels sorted, samples sorted, each sample's modifiers sorted by (name, type). */
function collectOccurrences(spec: WorkspaceSpec, channels: string[]): { occurrences: Map<ModifierType, Occurrence[]>; blocks: { occ: Occurrence[]; block: Block }[]; channelBins: number[] } {
  const occurrences = new Map<ModifierType, Occurrence[]>(MODIFIER_TYPES.map((t) => [t, []]));
  const blocks: { occ: Occurrence[]; block: Block }[] = [];
  const channelBins: number[] = [];
  let binOffset = 0;
  for (const channelName of channels) {
    const channel = spec.channels.find((c) => c.name === channelName)!;
    const samples = [...channel.samples].sort((a, b) => compareNames(a.name, b.name));
    const nbins = samples.length > 0 ? samples[0].data.length : 0;
    for (const sample of samples) {
      const path = `channels[${channelName}]/samples[${sample.name}]`;
      if (sample.data.length !== nbins) {
        throw new QuarryError('INVALID_INPUT', `${path}/data: has ${sample.data.length} bins, channel "${channelName}" has ${nbins}`, 'give every sample of a channel the same number of bins');
      }
      const modifiers = [...sample.modifiers].sort((a, b) => compareNames(a.name, b.name) || compareNames(a.type, b.type));
      const occ: Occurrence[] = modifiers.map((modifier) => ({ channel: channelName, binOffset, nbins, sample: sample.name, nominal: sample.data, modifier, path: `${path}/modifiers[${modifier.name}]` }));
      for (const o of occ) occurrences.get(modifierKind(o.modifier.type).type)!.push(o);
      blocks.push({ occ, block: { channel: channelName, sample: sample.name, binOffset, nbins, nominal: sample.data, terms: [] } });
    }
    channelBins.push(nbins);
    binOffset += nbins;
  }
  return { occurrences, blocks, channelBins };
}

export function buildLayout(spec: WorkspaceSpec, measurementName: string | undefined, codes: ModifierCodes): Layout {
  const measurement = chooseMeasurement(spec, measurementName);
  const channels = spec.channels.map((c) => c.name).sort(compareNames);
  const samples = [...new Set(spec.channels.flatMap((c) => c.samples.map((s) => s.name)))].sort(compareNames);
  const { occurrences, blocks, channelBins } = collectOccurrences(spec, channels);

  // Parameter sets: type by type in the table's order, within a type by first appearance.
  const byName = new Map<string, { set: ParameterSet; req: ParameterRequirement }>();
  const sets: ParameterSet[] = [];
  for (const type of MODIFIER_TYPES) {
    for (const req of MODIFIERS[type].requirements(occurrences.get(type)!)) {
      const existing = byName.get(req.name);
      if (existing) {
        if (!sameRequirement(existing.req, req)) {
          throw new QuarryError('INVALID_INPUT', `parameter "${req.name}" is used by modifiers of types ${existing.set.types[0]} and ${type}, which need different parameter sets`, 'rename one of the modifiers (only normsys and histosys may share a parameter)');
        }
        existing.set.types.push(type);
        continue;
      }
      const set: ParameterSet = { name: req.name, types: [type], offset: 0, n: req.n, constraint: req.constraint, auxOffset: -1, inits: req.inits, bounds: req.bounds, fixed: req.fixed, auxdata: req.auxdata, sigmas: req.sigmas, factors: req.factors };
      byName.set(req.name, { set, req });
      sets.push(set);
    }
  }
  let offset = 0;
  let auxOffset = 0;
  const parameters: string[] = [];
  for (const set of sets) {
    applyConfig(set, measurement, byName.get(set.name)!.req.requiredConfig);
    set.offset = offset;
    offset += set.n;
    if (set.constraint !== 'none') {
      set.auxOffset = auxOffset;
      auxOffset += set.n;
    }
    const scalar = set.types.every((t) => SCALAR_TYPES.has(t));
    for (let i = 0; i < set.n; i++) parameters.push(scalar ? set.name : `${set.name}[${i}]`);
  }

  const poi = measurement.config.poi;
  const poiSet = byName.get(poi)?.set;
  if (!poiSet) {
    throw new QuarryError('INVALID_INPUT', `measurements[${measurement.name}]/config/poi: "${poi}" is not a parameter of the model`, `use one of the normfactors: ${sets.filter((s) => s.types.includes('normfactor')).map((s) => s.name).join(', ') || '(none: add a normfactor to the signal sample)'}`);
  }

  for (const { occ, block } of blocks) {
    block.terms = occ.map((o) => MODIFIERS[o.modifier.type as ModifierType].term(o, byName.get(o.modifier.name)!.set.offset, codes));
  }
  return {
    measurement, poi, channels, channelBins, samples,
    nMain: channelBins.reduce((a, b) => a + b, 0),
    sets, parameters, nAux: auxOffset,
    blocks: blocks.map((b) => b.block),
  };
}
