/**
 * `quarry cls --calculator toys` end to end: seeded toys give the same JSON on one thread
 * (QUARRY_TOY_THREADS=1) and on the default (all cores).
 */
import assert from 'node:assert/strict';
import { quarry } from './run-quarry.ts';
import { join } from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';

const WS = join(fileURLToPath(new URL('../../../shared/reference/histfactory/', import.meta.url)), 'workspaces', '2bin_2channel.json');


it('quarry cls --calculator toys --ntoys 2000 --seed 1 --json is deterministic across thread counts', async () => {
  const args = ['cls', WS, '--calculator', 'toys', '--ntoys', '2000', '--seed', '1', '--json'];
  const [one, all] = await Promise.all([quarry(args, { env: { QUARRY_TOY_THREADS: '1' } }), quarry(args, { env: { QUARRY_TOY_THREADS: undefined } })]);
  assert.equal(one.code, 0, one.stderr);
  assert.equal(all.code, 0, all.stderr);
  const out = JSON.parse(one.stdout) as { mu: number; cls: number; clsb: number; clb: number; expected: Record<string, number> };
  assert.deepEqual(JSON.parse(all.stdout), out);
  assert.equal(out.mu, 1);
  for (const v of [out.cls, out.clsb, out.clb, ...Object.values(out.expected)]) assert.ok(v >= 0 && v <= 1, `${v} is a probability`);
  assert.ok(out.clsb <= out.clb + 0.05);
  const asym = await quarry(['cls', WS, '--json']);
  assert.equal(asym.code, 0, asym.stderr);
  // toys at 2000 per hypothesis: CLs within a few binomial errors of the asymptotic value (few counts: loose)
  assert.ok(Math.abs(out.cls - (JSON.parse(asym.stdout) as { cls: number }).cls) < 0.05, `toys ${out.cls} vs asymptotic ${asym.stdout}`);
});
