import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildModel, type Model, type ModelData } from '../histfactory/model.ts';
import type { WorkspaceSpec } from '../histfactory/spec.ts';
import { discovery } from './discovery.ts';
import { hypotest } from './hypotest.ts';
import { fit } from './mle.ts';
import { upperLimit } from './upper-limit.ts';

const KEYS = ['minus2', 'minus1', 'median', 'plus1', 'plus2'] as const;
type Codes = { normsys: 'code0' | 'code1' | 'code2' | 'code4'; histosys: 'code0' | 'code2' | 'code4p' };
interface Hypo { mu: number; CLs_obs: number; CLs_exp: number[]; CLsb: number; CLb: number }
interface Case {
  case: string;
  spec: WorkspaceSpec;
  measurement?: string;
  interpolation?: Codes;
  mle: { twice_nll: number };
  hypotest: Hypo[];
  hypotest_q_mu1?: { mu: number; CLs_obs: number; CLs_exp: number[] };
  discovery: { p0_obs: number; Z_obs: number; q0: number; p0_exp: number[]; Z_exp_median: number } | null;
  upper_limit: { obs: number | null; exp: (number | null)[]; poi_bounds_used: [number, number] };
}

const histfactory = new URL('../../../shared/reference/histfactory/', import.meta.url);
const counting = new URL('../../../shared/reference/counting/', import.meta.url);
const read = (url: URL): { cases: Record<string, unknown>[] } => JSON.parse(readFileSync(url, 'utf8'));
const cases: Case[] = [
  ...read(new URL('expected.json', histfactory)).cases.map((c) => ({
    ...(c as unknown as Case),
    spec: JSON.parse(readFileSync(new URL(String(c.workspace).replace(/^.*workspaces\//, 'workspaces/'), histfactory), 'utf8')) as WorkspaceSpec,
  })),
  ...read(new URL('expected.json', counting)).cases.map((c) => ({ ...(c as unknown as Case), case: String(c.name), spec: c.workspace as WorkspaceSpec })),
];

function load(c: Case): { model: Model; data: ModelData } {
  const model = buildModel(c.spec, { ...(c.measurement ? { measurement: c.measurement } : {}), ...(c.interpolation ? { interpolation: c.interpolation } : {}) });
  return { model, data: model.observedData(c.spec) };
}

function near(actual: number, expected: number, abs: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= abs, `${what}: ${actual} vs pyhf ${expected} (|Δ| = ${Math.abs(actual - expected).toExponential(2)} > ${abs})`);
}

test('there are 36 reference cases (30 HistFactory, 6 counting)', () => {
  assert.equal(cases.length, 36);
});

for (const c of cases) {
  test(`${c.case}: the best fit is at least as low as pyhf's (twice NLL within +1e-6)`, () => {
    const { model, data } = load(c);
    const r = fit(model, data);
    assert.ok(r.twiceNll <= c.mle.twice_nll + 1e-6, `twice NLL ${r.twiceNll} vs pyhf ${c.mle.twice_nll}`);
    assert.ok(r.twiceNll >= c.mle.twice_nll - 1e-5, `twice NLL ${r.twiceNll} far below pyhf ${c.mle.twice_nll}: a different likelihood?`);
    assert.ok(r.uncertainties!.every((u, i) => model.fixed[i] ? u === 0 : u > 0));
  });

  test(`${c.case}: CLs, CLs+b, CLb and the expected band at μ = 0.5, 1, 2 agree with pyhf to 5e-5`, () => {
    const { model, data } = load(c);
    for (const h of c.hypotest) {
      const r = hypotest(model, data, h.mu);
      near(r.cls, h.CLs_obs, 5e-5, `μ=${h.mu} CLs`);
      near(r.clsb, h.CLsb, 5e-5, `μ=${h.mu} CLs+b`);
      near(r.clb, h.CLb, 5e-5, `μ=${h.mu} CLb`);
      KEYS.forEach((k, i) => near(r.expected[k], h.CLs_exp[i], 5e-5, `μ=${h.mu} expected ${k}`));
    }
    if (c.hypotest_q_mu1) {
      const r = hypotest(model, data, 1, { testStatistic: 'q' });
      near(r.cls, c.hypotest_q_mu1.CLs_obs, 5e-5, 'q_μ: CLs');
      KEYS.forEach((k, i) => near(r.expected[k], c.hypotest_q_mu1!.CLs_exp[i], 5e-5, `q_μ: expected ${k}`));
    }
  });

  test(`${c.case}: observed and expected 95% CLs upper limits agree with pyhf to 5e-4 relative (null where pyhf has none)`, () => {
    const { model, data } = load(c);
    const ul = upperLimit(model, data, { poiBounds: c.upper_limit.poi_bounds_used });
    const ours = [ul.observed, ...KEYS.map((k) => ul.expected[k])];
    const names = ['observed', ...KEYS];
    [c.upper_limit.obs, ...c.upper_limit.exp].forEach((ref, i) => {
      if (ref === null) {
        assert.equal(ours[i], null, `${names[i]}: pyhf found no limit inside ${c.upper_limit.poi_bounds_used}, we found ${ours[i]}`);
        assert.ok(ul.warnings.some((w) => w.includes(i === 0 ? 'observed' : 'expected') && w.includes(String(c.upper_limit.poi_bounds_used[1]))), ul.warnings.join('; '));
      } else {
        assert.ok(ours[i] !== null, `${names[i]}: no limit found, pyhf has ${ref}; warnings: ${ul.warnings.join('; ')}`);
        near(ours[i]!, ref, 5e-4 * ref, `${names[i]} limit`);
      }
    });
    assert.equal(ul.warnings.length, ours.filter((v) => v === null).length);
  });

  if (c.discovery) {
    const d0 = c.discovery;
    test(`${c.case}: discovery p0, Z and the expected p0 band agree with pyhf`, () => {
      const { model, data } = load(c);
      const d = discovery(model, data);
      near(d.q0, d0.q0, Math.max(2e-4, 1e-4 * d0.q0), 'q0');
      near(d.p0, d0.p0_obs, 5e-5, 'p0');
      near(d.z, d0.Z_obs, 5e-4 * Math.max(1, Math.abs(d0.Z_obs)), 'Z');
      KEYS.forEach((k, i) => near(d.expected[k], d0.p0_exp[i], 5e-5, `expected p0 ${k}`));
      near(d.expectedZ.median, d0.Z_exp_median, 5e-4 * Math.max(1, d0.Z_exp_median), 'expected median Z');
    });
  }
}
