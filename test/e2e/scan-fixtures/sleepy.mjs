#!/usr/bin/env node
// `node sleepy.mjs X Y`: quick for x < 0.75; otherwise records its pid and sleeps for a minute (for the cancel test).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [x, y] = process.argv.slice(2).map(Number);
if (x >= 0.75) {
  writeFileSync(join(process.env.QUARRY_POINT_DIR, 'sleeper.pid'), String(process.pid));
  setTimeout(() => {}, 60_000);
} else {
  writeFileSync(process.env.QUARRY_OUTPUT, JSON.stringify({ f: x + y - 1 }));
}
