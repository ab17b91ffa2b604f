/**
 * What the wasm backend and its worker thread share: the WebAssembly API types used (lib ES2023 has
 * none), the kernel exports, the layout of the shared control block and the worker's source.
 */
export type Fn = (...args: number[]) => number;

// The WebAssembly API as used here (lib ES2023 without DOM has no WebAssembly types).
export interface WasmMemory { readonly buffer: SharedArrayBuffer; grow(pages: number): number }
export interface WasmModule { readonly _brand?: 'WebAssembly.Module' }
export interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: object };
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
}
export const WebAssemblyApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
export interface Kernels {
  zero: Fn; padSquare: Fn; unpadLower: Fn; potrfDiag: Fn; packDiag: Fn; panelTask: Fn; syrkTask: Fn;
  packTriangle: Fn; trsmTask: Fn; packRows: Fn; packCols: Fn; gemmTask: Fn; gemmFinish: Fn; heapBase: Fn;
  trtriTask: Fn; lauumTask: Fn; symmetrizeNegated: Fn; kernelTask: Fn; gradTask: Fn; expTask: Fn; mirrorLower: Fn;
  padCovariance: Fn; cholSolve: Fn; addOuterLower: Fn; kernelFactorTask: Fn; gradStoredTask: Fn;
}


// Control block (Int32 slots) shared with the worker; task arguments follow as float64.
export const GEN = 0, NEXT = 1, DONE = 2, NTASKS = 3, KIND = 4, NARGS = 5, READY = 6, FAILED = 7, WORKER_TASKS = 8, BOUNDS = 16;
export const MAX_TASKS = 112;
export const ARGS_BYTE = 4 * (BOUNDS + MAX_TASKS + 1 + 3);
export const KINDS = ['panelTask', 'syrkTask', 'trsmTask', 'gemmTask', 'packTriangle', 'trtriTask', 'lauumTask', 'kernelTask', 'gradTask', 'expTask', 'kernelFactorTask', 'gradStoredTask'] as const;
export type Kind = (typeof KINDS)[number];

/** The worker: waits for a new job generation, claims tasks, runs them, counts them done. */
export const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, control, kinds, argsByte } = workerData;
const e = new WebAssembly.Instance(module, { env: { memory } }).exports;
const ctl = new Int32Array(control);
const args = new Float64Array(control, argsByte);
const fns = kinds.map((k) => e[k]);
Atomics.store(ctl, ${READY}, 1);
let seen = Atomics.load(ctl, ${GEN});
for (;;) {
  let spins = 0;
  while (Atomics.load(ctl, ${GEN}) === seen) if (++spins > 20000) Atomics.wait(ctl, ${GEN}, seen, 1000);
  seen = Atomics.load(ctl, ${GEN});
  const tag = seen & 0x7fff, n = ctl[${NTASKS}], fn = fns[ctl[${KIND}]];
  const a = Array.from(args.subarray(0, ctl[${NARGS}]));
  for (;;) {
    const cur = Atomics.load(ctl, ${NEXT});
    if ((cur >>> 16) !== tag || (cur & 0xffff) >= n) break;
    if (Atomics.compareExchange(ctl, ${NEXT}, cur, cur + 1) !== cur) continue;
    const i = cur & 0xffff;
    try { fn(...a, 1, ctl[${BOUNDS} + i], ctl[${BOUNDS} + i + 1]); } catch { Atomics.store(ctl, ${FAILED}, 1); }
    Atomics.add(ctl, ${WORKER_TASKS}, 1);
    if (Atomics.add(ctl, ${DONE}, 1) + 1 === n) Atomics.notify(ctl, ${DONE});
  }
}
`;
