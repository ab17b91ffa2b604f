/**
 * Loading the wasm backend: which build (relaxed-SIMD or plain SIMD128) compiles here, the V8 flags it
 * needs, and the one shared instance (with its helper thread) the rest of quarry uses.
 */
import { readFileSync } from 'node:fs';
import v8 from 'node:v8';
import type { LinalgBackend } from './backend.ts';
import { WasmLinalg, type WorkerState } from './wasm-backend.ts';
import { WebAssemblyApi } from './wasm-protocol.ts';

export type { WorkerState } from './wasm-backend.ts';

/**
 * The two builds of the kernels (scripts/build-wasm.mjs; build/ is relative to this file): SIMD128 with
 * a relaxed-SIMD fused multiply-add (5–10 % faster on Zen 5), and plain SIMD128 for engines without it.
 */
export type WasmVariant = 'relaxed' | 'simd';
export const WASM_FILES: Record<WasmVariant, URL> = {
  relaxed: new URL('../../../build/linalg-relaxed.wasm', import.meta.url),
  simd: new URL('../../../build/linalg.wasm', import.meta.url),
};

let cached: WasmLinalg | null | undefined;

/** The wasm backend's helper thread (null when the backend does not load). */
export function wasmWorkerState(): WorkerState | null {
  return loadWasmBackend() === null ? null : cached!.workerState();
}

/** Starts the wasm backend's helper thread ahead of the first large job (tests, benchmarks). */
export async function startWasmWorker(timeoutMs = 5000): Promise<boolean> {
  return loadWasmBackend() === null ? false : cached!.startWorker(timeoutMs);
}

/** V8 before 11.4 (Node 20) has relaxed SIMD behind a flag; later versions ship it. */
function enableRelaxedSimd(): void {
  const [major, minor] = process.versions.v8.split('.').map(Number);
  if (major < 11 || (major === 11 && minor < 4)) v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
}

/**
 * A new instance of the wasm backend (own memory and helper thread) from one build, or null when that
 * build is missing or does not compile here. Sets V8's --no-liftoff first: long first calls otherwise
 * run in the baseline tier, 3–5x slower.
 */
export function createWasmBackend(variant: WasmVariant): (LinalgBackend & { readonly variant: WasmVariant }) | null {
  return create(variant);
}

function create(variant: WasmVariant): WasmLinalg | null {
  try {
    const bytes = readFileSync(WASM_FILES[variant]);
    v8.setFlagsFromString('--no-liftoff');
    if (variant === 'relaxed') enableRelaxedSimd();
    const module = new WebAssemblyApi.Module(bytes);
    const memory = new WebAssemblyApi.Memory({ initial: 32, maximum: 65536, shared: true });
    return new WasmLinalg(module, memory, variant);
  } catch {
    return null;
  }
}

/**
 * The shared wasm backend: the relaxed-SIMD build when it compiles (QUARRY_LINALG_RELAXED=0 skips it),
 * else the plain SIMD build, else null (the caller falls back to the TypeScript kernels).
 */
export function loadWasmBackend(): (LinalgBackend & { readonly variant: WasmVariant }) | null {
  if (cached === undefined) cached = (process.env.QUARRY_LINALG_RELAXED === '0' ? null : create('relaxed')) ?? create('simd');
  return cached;
}
