#!/usr/bin/env node
// A misbehaving evaluator for the fault tests: `node faulty.mjs X Y` writes {"f": ...} to $QUARRY_OUTPUT,
// except at chosen points: x = 0.11 prints NaN, x = 0.22 hangs, x = 0.33 writes garbage, x = 0.44 crashes
// on its first run; everywhere else it crashes 20 % of the time (a deterministic draw per point and run).
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [x, y] = process.argv.slice(2).map(Number);
const calls = join(process.env.QUARRY_POINT_DIR, 'calls.txt');
appendFileSync(calls, 'call\n');
const call = readFileSync(calls, 'utf8').split('\n').length - 1;
const draw = Math.abs(Math.sin(x * 12.9898 + y * 78.233 + call * 37.719) * 43758.5453) % 1;
const f = x * x + y * y - 1;
const near = (v) => Math.abs(x - v) < 1e-9;
if (near(0.11)) writeFileSync(process.env.QUARRY_OUTPUT, '{"f": NaN}');
else if (near(0.22)) setTimeout(() => {}, 1e9);
else if (near(0.33)) writeFileSync(process.env.QUARRY_OUTPUT, 'Traceback (most recent call last): garbage');
else if ((near(0.44) && call === 1) || draw < 0.2) { console.error(`simulated crash (call ${call})`); process.exit(3); }
else writeFileSync(process.env.QUARRY_OUTPUT, JSON.stringify({ f }));
