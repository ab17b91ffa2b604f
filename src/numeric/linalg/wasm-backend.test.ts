// The wasm backend's process behaviour: its helper thread starts only for large jobs and never keeps
// the process alive; QUARRY_LINALG picks or rejects a backend.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { loadWasmBackend } from './wasm-loader.ts';

/** Runs a script in a fresh node (with tsx) and returns its status, output and wall time. */
function node(script: string, env: Record<string, string> = {}): { status: number | null; out: string; ms: number } {
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}`, ms: Date.now() - started };
}

const backendUrl = new URL('./backend.ts', import.meta.url).href;
const wasmUrl = new URL('./wasm-loader.ts', import.meta.url).href;

describe('the wasm backend', () => {
  it('loads from build/ (npm ci builds it; npm run build:wasm rebuilds it)', () => {
    assert.notEqual(loadWasmBackend(), null, 'build/linalg.wasm is missing or does not compile: run npm run build:wasm');
  });

  it('starts no helper thread for small problems', () => {
    const r = node(`
      const { loadWasmBackend, wasmWorkerState } = await import(${JSON.stringify(wasmUrl)});
      const w = loadWasmBackend();
      const n = 100, a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) a[i * n + i] = 2;
      w.potrf(a, n);
      const b = new Float64Array(n * 10).fill(1);
      w.trsm(a, n, b, 10, false);
      console.log(JSON.stringify(wasmWorkerState()));
    `);
    assert.equal(r.status, 0, r.out);
    assert.deepEqual(JSON.parse(r.out.trim()), { started: false, ready: false, tasks: 0 });
  });

  it('lets the process exit promptly after large jobs ran on the helper thread', () => {
    const r = node(`
      const { loadWasmBackend, startWasmWorker, wasmWorkerState } = await import(${JSON.stringify(wasmUrl)});
      const w = loadWasmBackend();
      await startWasmWorker(20000);
      const n = 600, a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = Math.exp(-(((i - j) / 50) ** 2)) + (i === j ? 1 : 0);
      if (w.potrf(a, n) !== -1) throw new Error('potrf failed');
      console.log(wasmWorkerState().tasks > 0 ? 'worker-ran' : 'worker-idle');
    `);
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /worker-ran/);
    assert.ok(r.ms < 30_000, `took ${r.ms} ms`);
  });

  it('is what linalg() returns unless QUARRY_LINALG names another backend', () => {
    const script = `const { linalg } = await import(${JSON.stringify(backendUrl)}); console.log(linalg().name);`;
    assert.equal(node(script, { QUARRY_LINALG: '' }).out.trim(), 'wasm');
    assert.equal(node(script, { QUARRY_LINALG: 'blocked' }).out.trim(), 'blocked');
    const bad = node(script, { QUARRY_LINALG: 'openblas' });
    assert.notEqual(bad.status, 0);
    assert.match(bad.out, /unknown linalg backend \(QUARRY_LINALG\) "openblas"/);
  });
});
