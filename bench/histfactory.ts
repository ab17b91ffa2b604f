/**
 * `npm run bench -- histfactory`: seconds per asymptotic hypotest (q̃μ at μ = 1, observed + expected band)
 * and per full upper limit (observed + 5 expected, 95 % CL) for every reference workspace in
 * ../shared/reference/histfactory/, beside pyhf 0.7.6's times, and for a generated 100-bin workspace.
 *
 * pyhf's times: the reference README lists no per-workspace timings; the only figures are the issue's,
 * for the three sbottom workspaces as a range (1.2–2.1 s per hypotest, 48–63 s per upper limit), so the
 * sbottom rows print that range and the speedup against both ends (slowest quarry run vs fastest pyhf
 * run is the conservative one). The limits use the POI bounds pyhf's reference limits used
 * (`upper_limit.poi_bounds_used`), so quarry solves the same curves (pyhf: scan + brentq; quarry:
 * bracketing + TOMS 748). Every hypotest is checked against pyhf's CLs as it is timed.
 * Options: --quick (fewer repetitions), --only NAME (substring of workspace names).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildModel, type HistosysCode, type Model, type ModelData, type NormsysCode, type WorkspaceSpec } from '../src/histfactory/index.ts';
import { hypotest, upperLimit } from '../src/inference/index.ts';
import { createRng } from '../src/numeric/random/index.ts';

const REFERENCE = fileURLToPath(new URL('../../shared/reference/histfactory/', import.meta.url));

/** pyhf 0.7.6 on the sbottom workspaces, seconds (issue 5 "Performance"). */
const PYHF_SBOTTOM = { hypotest: [1.2, 2.1], limit: [48, 63] } as const;

interface Case {
  case: string;
  workspace: string;
  measurement: string;
  interpolation: { normsys: NormsysCode; histosys: HistosysCode };
  hypotest: { mu: number; CLs_obs: number }[];
  upper_limit: { poi_bounds_used: [number, number] };
}

interface Timing { median: number; runs: number }

/** Median seconds of `f` after one warm-up run; repeats until `budget` seconds are spent (min 3, max `maxRuns`). */
function time(f: () => void, budget: number, maxRuns: number): Timing {
  f();
  const samples: number[] = [];
  let spent = 0;
  while (samples.length < 3 || (spent < budget && samples.length < maxRuns)) {
    const t = performance.now();
    f();
    const s = (performance.now() - t) / 1000;
    samples.push(s);
    spent += s;
  }
  samples.sort((a, b) => a - b);
  const mid = samples.length >> 1;
  return { median: samples.length % 2 ? samples[mid]! : (samples[mid - 1]! + samples[mid]!) / 2, runs: samples.length };
}

function seconds(s: number): string {
  return s >= 1 ? `${s.toFixed(2)} s` : s >= 1e-3 ? `${(s * 1e3).toFixed(2)} ms` : `${(s * 1e6).toFixed(0)} µs`;
}

/**
 * One channel of 100 bins: a falling background with normsys, histosys (a tilt) and staterror, a second
 * background with shapesys, and a peaked signal with a normfactor (the POI) and a normsys; data drawn
 * around background + 0.5 × signal with a fixed seed.
 */
export function hundredBinWorkspace(bins = 100, seed = 7): WorkspaceSpec {
  const rng = createRng(seed);
  const x = Array.from({ length: bins }, (_, i) => (i + 0.5) / bins);
  const bkg = x.map((t) => 200 * Math.exp(-3 * t) + 5);
  const fakes = x.map((t) => 20 + 10 * t);
  const signal = x.map((t) => 12 * Math.exp(-0.5 * ((t - 0.6) / 0.05) ** 2));
  const data = x.map((_, i) => {
    const mean = bkg[i]! + fakes[i]! + 0.5 * signal[i]!;
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.normal()));
  });
  return {
    channels: [{
      name: 'SR',
      samples: [
        { name: 'signal', data: signal, modifiers: [{ name: 'mu', type: 'normfactor', data: null }, { name: 'sig_theory', type: 'normsys', data: { hi: 1.1, lo: 0.92 } }] },
        {
          name: 'background', data: bkg, modifiers: [
            { name: 'bkg_norm', type: 'normsys', data: { hi: 1.05, lo: 0.95 } },
            { name: 'bkg_shape', type: 'histosys', data: { hi_data: bkg.map((b, i) => b * (1 + 0.1 * (x[i]! - 0.5))), lo_data: bkg.map((b, i) => b * (1 - 0.08 * (x[i]! - 0.5))) } },
            { name: 'staterror_SR', type: 'staterror', data: bkg.map((b) => 0.03 * b) },
          ],
        },
        { name: 'fakes', data: fakes, modifiers: [{ name: 'fakes_unc', type: 'shapesys', data: fakes.map((f) => 0.2 * f) }] },
      ],
    }],
    observations: [{ name: 'SR', data }],
    measurements: [{ name: 'meas', config: { poi: 'mu', parameters: [] } }],
    version: '1.0.0',
  } as WorkspaceSpec;
}

interface Row { workspace: string; pars: number; hypotest: Timing; limit: Timing; dCls: number | null }

function benchModel(name: string, model: Model, data: ModelData, poiBounds: [number, number], quick: boolean, refCls: number | null): Row {
  let cls = NaN;
  const h = time(() => { cls = hypotest(model, data, 1).cls; }, quick ? 0.3 : 1, quick ? 5 : 21);
  const l = time(() => { upperLimit(model, data, { poiBounds }); }, quick ? 1 : 4, quick ? 3 : 11);
  return { workspace: name, pars: model.parameters.length, hypotest: h, limit: l, dCls: refCls === null ? null : Math.abs(cls - refCls) };
}

export async function runHistfactoryBenchmark(args: string[]): Promise<void> {
  const quick = args.includes('--quick');
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
  const cases = (JSON.parse(readFileSync(`${REFERENCE}expected.json`, 'utf8')) as { cases: Case[] }).cases;
  // one timing per workspace file: its default-interpolation case, or its @validation case when that is the only one
  const files = [...new Set(cases.map((c) => c.workspace))].filter((w) => !only || w.includes(only));
  console.log(`# HistFactory benchmark (Node ${process.version}; median after a warm-up; hypotest: asymptotic q̃μ at μ = 1 with the expected band; limit: observed + 5 expected at 95 % CL)`);
  console.log('pyhf 0.7.6 reference times exist only for the sbottom workspaces (issue 5: 1.2–2.1 s per hypotest, 48–63 s per upper limit); other rows print quarry alone.\n');
  const rows: Row[] = [];
  for (const file of files) {
    const name = file.replace(/^workspaces\//, '').replace(/\.json$/, '');
    const c = cases.find((k) => k.case === name) ?? cases.find((k) => k.workspace === file)!;
    const spec = JSON.parse(readFileSync(`${REFERENCE}${file}`, 'utf8')) as WorkspaceSpec;
    const model = buildModel(spec, { measurement: c.measurement, interpolation: c.interpolation });
    const ref = c.hypotest.find((t) => t.mu === 1)!.CLs_obs;
    rows.push(benchModel(c.case, model, model.observedData(spec), c.upper_limit.poi_bounds_used, quick, ref));
  }
  const table = rows.map((r) => {
    const sbottom = r.workspace.startsWith('sbottom');
    const speed = (pyhf: readonly [number, number], ours: number): string => (sbottom ? `${(pyhf[0] / ours).toFixed(0)}–${(pyhf[1] / ours).toFixed(0)}×` : '—');
    return {
      workspace: r.workspace,
      pars: r.pars,
      'hypotest': seconds(r.hypotest.median),
      'pyhf hypotest': sbottom ? '1.2–2.1 s' : '—',
      'speedup (hypotest)': speed(PYHF_SBOTTOM.hypotest, r.hypotest.median),
      'upper limit': seconds(r.limit.median),
      'pyhf limit': sbottom ? '48–63 s' : '—',
      'speedup (limit)': speed(PYHF_SBOTTOM.limit, r.limit.median),
      '|ΔCLs(μ=1)| vs pyhf': r.dCls === null ? '—' : r.dCls.toExponential(1),
    };
  });
  console.table(table);
  const sb = rows.filter((r) => r.workspace.startsWith('sbottom'));
  if (sb.length > 0) {
    const worstH = Math.max(...sb.map((r) => r.hypotest.median));
    const worstL = Math.max(...sb.map((r) => r.limit.median));
    console.log(`sbottom, conservative speedup (fastest pyhf / slowest quarry): hypotest ${(PYHF_SBOTTOM.hypotest[0] / worstH).toFixed(0)}×, upper limit ${(PYHF_SBOTTOM.limit[0] / worstL).toFixed(0)}× (target ≥ 20×)`);
  }

  if (!only || 'generated'.includes(only)) {
    const spec = hundredBinWorkspace();
    const model = buildModel(spec);
    const r = benchModel('generated 100 bins', model, model.observedData(spec), [0, 10], quick, null);
    console.log('\n## Generated workspace: 1 channel × 100 bins, signal (normfactor + normsys) + background (normsys, histosys, staterror) + fakes (shapesys)');
    console.log('No pyhf timing exists for it: absolute times only.');
    console.table([{ workspace: r.workspace, pars: r.pars, hypotest: seconds(r.hypotest.median), 'hypotest runs': r.hypotest.runs, 'upper limit': seconds(r.limit.median), 'limit runs': r.limit.runs }]);
  }
}
