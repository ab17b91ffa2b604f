/**
 * Semantic checks of a schema-valid workspace (ARCHITECTURE.md §2.7): bin counts, observations, unique
 * names, yields, shared modifier names, and the measurements' POI and parameter configs. Each problem
 * is one line naming the JSON path, with a hint that says how to fix it.
 */
import { QuarryError } from '../errors.ts';
import type { Workspace } from './schema/workspace.ts';
import { parameterSets, usePath, type ParameterSet } from './workspace-parameters.ts';
import { measurementProblems } from './workspace-checks-measurement.ts';
import { quoteList as list, type CheckOptions, type WorkspaceProblem } from './workspace-problem.ts';

export type { CheckOptions, WorkspaceProblem };

/** Index of the first earlier element with the same name, per element (−1 when unique so far). */
function firstSeen(names: readonly string[]): number[] {
  const seen = new Map<string, number>();
  return names.map((n, i) => {
    const j = seen.get(n);
    if (j === undefined) seen.set(n, i);
    return j ?? -1;
  });
}

/** The first bin whose value is negative or not finite, as a phrase, or undefined when all are fine. */
function badYield(values: readonly number[]): string | undefined {
  const i = values.findIndex((v) => !Number.isFinite(v) || v < 0);
  return i < 0 ? undefined : `bin ${i} is ${String(values[i])}`;
}

function structureProblems(ws: Workspace, out: WorkspaceProblem[]): void {
  firstSeen(ws.channels.map((c) => c.name)).forEach((j, i) => {
    if (j >= 0) out.push({ severity: 'error', path: `channels[${i}].name`, message: `duplicate channel name "${ws.channels[i]!.name}" (also channels[${j}])`, hint: 'give every channel a unique name' });
  });
  ws.channels.forEach((channel, c) => {
    firstSeen(channel.samples.map((s) => s.name)).forEach((j, s) => {
      if (j >= 0) out.push({ severity: 'error', path: `channels[${c}].samples[${s}].name`, message: `duplicate sample name "${channel.samples[s]!.name}" in channel "${channel.name}" (also samples[${j}])`, hint: 'give every sample of a channel a unique name' });
    });
    channel.samples.forEach((sample, s) => {
      firstSeen(sample.modifiers.map((m) => `${m.type} ${m.name}`)).forEach((j, m) => {
        const mod = sample.modifiers[m]!;
        if (j >= 0) out.push({ severity: 'error', path: `channels[${c}].samples[${s}].modifiers[${m}]`, message: `sample "${sample.name}" in channel "${channel.name}" has the ${mod.type} "${mod.name}" twice (also modifiers[${j}])`, hint: 'remove the duplicate, or give it another name if it is a different systematic' });
      });
    });
  });
  firstSeen(ws.observations.map((o) => o.name)).forEach((j, i) => {
    if (j >= 0) out.push({ severity: 'error', path: `observations[${i}].name`, message: `duplicate observation for channel "${ws.observations[i]!.name}" (also observations[${j}])`, hint: 'keep one observation per channel' });
  });
  firstSeen(ws.measurements.map((m) => m.name)).forEach((j, i) => {
    if (j >= 0) out.push({ severity: 'error', path: `measurements[${i}].name`, message: `duplicate measurement name "${ws.measurements[i]!.name}" (also measurements[${j}])`, hint: 'give every measurement a unique name' });
  });
}

function binProblems(ws: Workspace, out: WorkspaceProblem[]): void {
  ws.channels.forEach((channel, c) => {
    const first = channel.samples[0]!;
    const nbins = first.data.length;
    const expect = (path: string, what: string, got: number): void => {
      if (got !== nbins) out.push({ severity: 'error', path, message: `${what} has ${got} bin${got === 1 ? '' : 's'}, expected ${nbins} (channel "${channel.name}" has ${nbins} bin${nbins === 1 ? '' : 's'}, as its first sample "${first.name}")`, hint: `give ${path} exactly ${nbins} value${nbins === 1 ? '' : 's'}, one per bin` });
    };
    channel.samples.forEach((sample, s) => {
      const at = `channels[${c}].samples[${s}]`;
      const who = `sample "${sample.name}" in channel "${channel.name}"`;
      expect(`${at}.data`, who, sample.data.length);
      const bad = badYield(sample.data);
      if (bad) out.push({ severity: 'error', path: `${at}.data`, message: `${who} has an invalid yield: ${bad}`, hint: 'yields must be finite and ≥ 0; set empty or negative bins to 0 (or a small positive number)' });
      sample.modifiers.forEach((mod, m) => {
        const mat = `${at}.modifiers[${m}]`;
        const what = `the ${mod.type} "${mod.name}" of ${who}`;
        if (mod.type === 'histosys') {
          for (const key of ['hi_data', 'lo_data'] as const) {
            expect(`${mat}.data.${key}`, `${key} of ${what}`, mod.data[key].length);
            const b = badYield(mod.data[key]);
            if (b) out.push({ severity: 'error', path: `${mat}.data.${key}`, message: `${key} of ${what} has an invalid yield: ${b}`, hint: 'template yields must be finite and ≥ 0' });
          }
        } else if (mod.type === 'shapesys' || mod.type === 'staterror') {
          expect(`${mat}.data`, `the uncertainties of ${what}`, mod.data.length);
          const b = badYield(mod.data);
          if (b) out.push({ severity: 'error', path: `${mat}.data`, message: `${what} has an invalid uncertainty: ${b}`, hint: 'absolute uncertainties must be finite and ≥ 0 (0 fixes that bin\'s parameter)' });
        } else if (mod.type === 'normsys') {
          for (const key of ['hi', 'lo'] as const) {
            const v = mod.data[key];
            if (!Number.isFinite(v) || v <= 0) out.push({ severity: 'error', path: `${mat}.data.${key}`, message: `${key} of ${what} is ${String(v)}`, hint: `normsys factors are relative yields and must be finite and > 0 (the interpolation takes their logarithm), e.g. ${key === 'hi' ? '1.05' : '0.95'} for ±5%` });
          }
        }
      });
    });
  });
}

function observationProblems(ws: Workspace, out: WorkspaceProblem[]): void {
  const channels = new Map(ws.channels.map((c) => [c.name, c] as const));
  const observed = new Set(ws.observations.map((o) => o.name));
  ws.channels.forEach((channel, c) => {
    if (!observed.has(channel.name)) {
      out.push({ severity: 'error', path: 'observations', message: `no observation for channel "${channel.name}" (channels[${c}])`, hint: `add {"name": "${channel.name}", "data": [${channel.samples[0]!.data.length} observed counts]} to observations` });
    }
  });
  ws.observations.forEach((obs, i) => {
    const channel = channels.get(obs.name);
    if (!channel) {
      // A warning only: pyhf ignores such observations, and published likelihoods (ATLAS sbottom) carry validation-region data.
      out.push({ severity: 'warning', path: `observations[${i}].name`, message: `observation for unknown channel "${obs.name}" (ignored)`, hint: `rename it to one of the channels ${list([...channels.keys()])}, or remove it` });
      return;
    }
    const nbins = channel.samples[0]!.data.length;
    if (obs.data.length !== nbins) out.push({ severity: 'error', path: `observations[${i}].data`, message: `observation of channel "${obs.name}" has ${obs.data.length} bin${obs.data.length === 1 ? '' : 's'}, expected ${nbins} (the channel's bin count)`, hint: `give one observed count per bin (${nbins} values)` });
    const bad = badYield(obs.data);
    if (bad) out.push({ severity: 'error', path: `observations[${i}].data`, message: `observation of channel "${obs.name}" has an invalid count: ${bad}`, hint: 'observed counts must be finite and ≥ 0' });
  });
}

/** pyhf couples same-named modifiers into one parameter set; only normsys and histosys may mix (both α ~ N(0, 1)). */
function sharingProblems(sets: Map<string, ParameterSet>, out: WorkspaceProblem[]): void {
  const family = (type: string): string => (type === 'normsys' || type === 'histosys' ? 'normsys/histosys' : type);
  for (const set of sets.values()) {
    const first = set.uses[0]!;
    for (const use of set.uses.slice(1)) {
      if (family(use.type) !== family(first.type)) {
        out.push({ severity: 'error', path: usePath(use), message: `modifier name "${set.name}" is a ${use.type} here but a ${first.type} at ${usePath(first)} (channel "${first.channel}", sample "${first.sample}"); these types cannot share a parameter`, hint: 'rename one of them; only modifiers of the same type, or a normsys and a histosys, may share a name' });
        break;
      }
      if (use.size !== first.size) {
        out.push({ severity: 'error', path: usePath(use), message: `${use.type} "${set.name}" needs ${use.size} parameters in channel "${use.channel}" but ${first.size} in channel "${first.channel}" (${usePath(first)})`, hint: 'a per-bin modifier may be shared only between channels with the same number of bins; rename one of them' });
        break;
      }
    }
  }
}

/** Every semantic problem (errors and warnings) of a schema-valid workspace, grouped by check. */
export function workspaceProblems(ws: Workspace, options: CheckOptions = {}): WorkspaceProblem[] {
  const out: WorkspaceProblem[] = [];
  structureProblems(ws, out);
  binProblems(ws, out);
  observationProblems(ws, out);
  const sets = parameterSets(ws);
  sharingProblems(sets, out);
  ws.measurements.forEach((m, i) => measurementProblems(m, i, sets, out, options));
  return out;
}

/** Throws one QuarryError for the first semantic error (others counted); returns `ws` when there is none. Warnings pass. */
export function checkWorkspace(ws: Workspace, source?: string, options: CheckOptions = {}): Workspace {
  const problems = workspaceProblems(ws, options).filter((p) => p.severity === 'error');
  if (problems.length === 0) return ws;
  const p = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  throw new QuarryError('INVALID_INPUT', `${source ? `${source}: ` : ''}invalid workspace: ${p.path}: ${p.message}${more}`, p.hint);
}
