/**
 * The statistics commands end to end (`quarry fit | cls | limit | significance`), spawned as a user runs
 * them, against pyhf 0.7.6's numbers in ../shared/reference/histfactory/expected.json. The tests run
 * concurrently: each is one or two process starts.
 */
import assert from 'node:assert/strict';
import { quarry } from './run-quarry.ts';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const REFERENCE = fileURLToPath(new URL('../../../shared/reference/histfactory/', import.meta.url));

interface Case {
  case: string;
  mle: { twice_nll: number; bestfit: Record<string, number> };
  hypotest: { mu: number; CLs_obs: number; CLs_exp: number[]; CLsb: number; CLb: number }[];
  upper_limit: { obs: number | null; exp: (number | null)[] };
  discovery: { p0_obs: number; Z_obs: number; q0: number; p0_exp: number[] } | null;
}
const CASES = (JSON.parse(readFileSync(join(REFERENCE, 'expected.json'), 'utf8')) as { cases: Case[] }).cases;
const reference = (name: string): Case => CASES.find((c) => c.case === name)!;
const workspace = (name: string): string => join(REFERENCE, 'workspaces', `${name}.json`);
const VALIDATION = ['--interpolation', 'normsys=code1,histosys=code0'];
const BAND = ['minus2', 'minus1', 'median', 'plus1', 'plus2'] as const;


/** Runs a command with --json, asserts exit 0 and returns the one JSON object it printed. */
async function json(args: string[], input?: string): Promise<Record<string, unknown> & { expected: Record<string, number | null> }> {
  const r = await quarry([...args, '--json'], { input });
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

function close(actual: number | null, expected: number | null, tolerance: { abs?: number; rel?: number }, what: string): void {
  if (expected === null || actual === null) {
    assert.equal(actual, expected, what);
    return;
  }
  const limit = Math.max(tolerance.abs ?? 0, (tolerance.rel ?? 0) * Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= limit, `${what}: ${actual} vs pyhf ${expected} (|Δ| ${Math.abs(actual - expected).toExponential(2)} > ${limit.toExponential(2)})`);
}

function assertCls(out: Record<string, unknown> & { expected: Record<string, number | null> }, ref: Case, mu: number): void {
  const h = ref.hypotest.find((t) => t.mu === mu)!;
  assert.deepEqual(Object.keys(out), ['mu', 'cls', 'clsb', 'clb', 'expected']);
  assert.equal(out.mu, mu);
  close(out.cls as number, h.CLs_obs, { abs: 5e-5 }, `${ref.case} CLs`);
  close(out.clsb as number, h.CLsb, { abs: 5e-5 }, `${ref.case} CLs+b`);
  close(out.clb as number, h.CLb, { abs: 5e-5 }, `${ref.case} CLb`);
  BAND.forEach((k, i) => close(out.expected[k]!, h.CLs_exp[i]!, { abs: 5e-5 }, `${ref.case} expected CLs ${k}`));
}

function assertLimits(out: { observed?: unknown; expected: Record<string, number | null> }, ref: Case): void {
  close(out.observed as number | null, ref.upper_limit.obs, { rel: 5e-4 }, `${ref.case} observed limit`);
  BAND.forEach((k, i) => close(out.expected[k]!, ref.upper_limit.exp[i]!, { rel: 5e-4 }, `${ref.case} expected limit ${k}`));
}

/** One line `quarry: error: …` + a hint, exit code 2, no stack trace. */
async function assertUserError(args: string[], message: RegExp): Promise<void> {
  const r = await quarry(args);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^quarry: error: .+\n {2}hint: .+\n$/);
  assert.match(r.stderr, message);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
}

describe('quarry fit, cls, limit and significance', { concurrency: 2 }, () => {
  it('fits the sbottom likelihood to the twice NLL of pyhf', async () => {
    const ref = reference('sbottom_RegionA_1300_205_60');
    const out = await json(['fit', workspace('sbottom_RegionA_1300_205_60')]);
    assert.deepEqual(Object.keys(out), ['twiceNll', 'parameters', 'converged']);
    assert.equal(out.converged, true);
    close(out.twiceNll as number, ref.mle.twice_nll, { abs: 1e-6 }, 'twice NLL');
    const parameters = out.parameters as Record<string, { value: number; uncertainty: number }>;
    assert.deepEqual(Object.keys(parameters).sort(), Object.keys(ref.mle.bestfit).sort());
    close(parameters.mu_SIG!.value, ref.mle.bestfit.mu_SIG!, { abs: 1e-3 }, 'best-fit mu_SIG');
    assert.ok(parameters.mu_SIG!.uncertainty > 0);
  });

  it('tests mu = 1 on sbottom as pyhf does', async () => {
    const ref = reference('sbottom_RegionA_1300_205_60');
    assertCls(await json(['cls', workspace('sbottom_RegionA_1300_205_60'), '--mu', '1']), ref, 1);
  });

  it('uses the validation interpolation codes (histosys code0, the case with two local minima)', async () => {
    const ref = reference('2bin_2channel_coupledhisto@validation');
    assertCls(await json(['cls', workspace('2bin_2channel_coupledhisto'), '--mu', '1', ...VALIDATION]), ref, 1);
  });

  it('finds the observed and expected limits of a validation case and of sbottom', async () => {
    const [validation, sbottom] = await Promise.all([
      json(['limit', workspace('1bin_normsys'), ...VALIDATION]),
      json(['limit', workspace('sbottom_RegionA_1300_205_60')]),
    ]);
    assert.deepEqual(Object.keys(validation), ['observed', 'expected']);
    assertLimits(validation, reference('1bin_normsys@validation'));
    assertLimits(sbottom, reference('sbottom_RegionA_1300_205_60'));
  });

  it('gives the discovery p0, Z and q0 with the expected band', async () => {
    const ref = reference('1bin_shapesys_q0@validation').discovery!;
    const out = await json(['significance', workspace('1bin_shapesys_q0'), ...VALIDATION]);
    assert.deepEqual(Object.keys(out), ['p0', 'z', 'q0', 'expected']);
    close(out.p0 as number, ref.p0_obs, { abs: 5e-5, rel: 5e-4 }, 'p0');
    close(out.z as number, ref.Z_obs, { abs: 1e-3 }, 'Z');
    close(out.q0 as number, ref.q0, { abs: 2e-4, rel: 1e-4 }, 'q0');
    BAND.forEach((k, i) => close(out.expected[k]!, ref.p0_exp[i]!, { abs: 5e-5, rel: 5e-4 }, `expected p0 ${k}`));
  });

  it('reads the workspace from stdin with - and prints aligned text without --json', async () => {
    const text = readFileSync(workspace('2bin_histosys'), 'utf8');
    const r = await quarry(['cls', '-', '--mu', '0.5'], { input: text });
    assert.equal(r.code, 0, r.stderr);
    const h = reference('2bin_histosys').hypotest.find((t) => t.mu === 0.5)!;
    const line = r.stdout.split('\n').find((l) => l.startsWith('CLs '))!;
    close(Number(line.split(/\s+/)[1]), h.CLs_obs, { abs: 1e-5 }, 'CLs from text');
    const columns = r.stdout.trim().split('\n').map((l) => l.search(/\S+$/));
    assert.equal(new Set(columns).size, 1, `values line up:\n${r.stdout}`);
  });

  it('completes a background-only workspace with a JSON patch or a patchset that adds the signal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quarry-stats-'));
    const full = JSON.parse(readFileSync(workspace('1bin_shapesys'), 'utf8'));
    const signal = full.channels[0].samples[0];
    assert.equal(signal.name, 'signal');
    const bkgOnly = { ...full, channels: [{ ...full.channels[0], samples: full.channels[0].samples.slice(1) }] };
    writeFileSync(join(dir, 'BkgOnly.json'), JSON.stringify(bkgOnly));
    const ops = [{ op: 'add', path: '/channels/0/samples/0', value: signal }];
    writeFileSync(join(dir, 'patch.json'), JSON.stringify(ops));
    writeFileSync(join(dir, 'patchset.json'), JSON.stringify({
      metadata: { references: {}, description: 'one signal point', digests: { sha256: '0'.repeat(64) }, labels: ['m'] },
      patches: [{ metadata: { name: 'sig_1', values: [1] }, patch: ops }, { metadata: { name: 'sig_2', values: [2] }, patch: [] }],
      version: '1.0.0',
    }));
    const [fromPatch, fromPatchset, unpatched] = await Promise.all([
      json(['cls', join(dir, 'BkgOnly.json'), '--patch', join(dir, 'patch.json'), ...VALIDATION]),
      json(['cls', join(dir, 'BkgOnly.json'), '--patch', join(dir, 'patchset.json'), '--patch-name', 'sig_1']),
      quarry(['cls', join(dir, 'BkgOnly.json')]),
    ]);
    assertCls(fromPatch, reference('1bin_shapesys@validation'), 1);
    assert.deepEqual(fromPatchset, fromPatch);
    assert.equal(unpatched.code, 2, 'without the patch the POI is undeclared');
    assert.match(unpatched.stderr, /quarry: error: .*"mu"/);
  });

  it('reports a limit outside narrowed --poi-bounds as null with a warning, and exits 0', async () => {
    const r = await quarry(['limit', workspace('1bin_normsys'), '--poi-bounds', '0,0.5', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.observed, null);
    assert.equal(out.expected.plus1, null);
    assert.equal(out.expected.plus2, null);
    close(out.expected.median, reference('1bin_normsys').upper_limit.exp[2]!, { rel: 5e-4 }, 'median limit inside the bounds');
    assert.match(r.stderr, /^quarry: warning: observed limit lies above the POI upper bound 0\.5/m);
    assert.match(r.stderr, /--poi-bounds/);
  });

  describe('bad input: one line with a hint, exit code 2', { concurrency: 2 }, () => {
    const ws = workspace('1bin_lumi');
    const dir = mkdtempSync(join(tmpdir(), 'quarry-stats-bad-'));
    const write = (name: string, text: string): string => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };

    it('a missing file', () => assertUserError(['fit', join(dir, 'nope.json')], /nope\.json: no such file/));
    it('malformed JSON, with line and column', () => assertUserError(['cls', write('bad.json', '{"channels": [\n  {"name": "a",}\n]}')], /bad\.json:2:\d+: invalid JSON/));
    it('a schema error, with its JSON path', () => assertUserError(['limit', write('schema.json', '{"channels": [], "observations": [], "measurements": [], "version": "1.0.0", "extra": 1}')], /schema\.json: invalid workspace: /));
    it('a semantic error: an unknown modifier type lists the valid ones', () => {
      const text = readFileSync(workspace('1bin_shapesys'), 'utf8').replace('"shapesys"', '"shapesyst"');
      return assertUserError(['significance', write('semantic.json', text)], /modifiers\[0\]\.type: unknown modifier type "shapesyst"\n {2}hint: use one of: normfactor, normsys/);
    });
    it('an unknown measurement lists the valid ones', () => assertUserError(['fit', ws, '--measurement', 'foo'], /no measurement "foo"\n {2}hint: use one of: "meas"/));
    it('a bad --mu', () => assertUserError(['cls', ws, '--mu', 'one'], /--mu must be a finite number, got "one"/));
    it('a bad --cl', () => assertUserError(['limit', ws, '--cl', '95'], /--cl must lie strictly between 0 and 1, got 95/));
    it('a bad --ntoys', () => assertUserError(['cls', ws, '--calculator', 'toys', '--ntoys', '0'], /--ntoys must be ≥ 1, got 0/));
    it('an unknown --calculator', () => assertUserError(['cls', ws, '--calculator', 'bootstrap'], /unknown calculator "bootstrap"\n {2}hint: use one of: asymptotic, toys/));
    it('an unknown interpolation code lists the valid ones', () => assertUserError(['fit', ws, '--interpolation', 'normsys=code1,histosys=code4'], /unknown histosys interpolation code "code4"\n {2}hint: use one of: code0, code2, code4p/));
    it('reversed or non-finite --poi-bounds', async () => {
      await assertUserError(['limit', ws, '--poi-bounds', '5,1'], /the lower bound 5 is not below the upper bound 1/);
      await assertUserError(['limit', ws, '--poi-bounds', '0,inf'], /--poi-bounds must be two finite numbers LO,HI, got "0,inf"/);
    });
    it('a patchset without --patch-name lists a patch to choose', () => {
      const patchset = write('ps.json', JSON.stringify({
        metadata: { references: {}, description: 'd', digests: { sha256: '0'.repeat(64) }, labels: ['m'] },
        patches: [{ metadata: { name: 'p1', values: [1] }, patch: [] }, { metadata: { name: 'p2', values: [2] }, patch: [] }],
        version: '1.0.0',
      }));
      return assertUserError(['fit', ws, '--patch', patchset], /patchset of 2 patches.*\n {2}hint: add --patch-name NAME, e\.g\. --patch-name p1/);
    });
  });
});
