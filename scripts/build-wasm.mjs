#!/usr/bin/env node
// Builds the WebAssembly SIMD linear-algebra kernels (src/numeric/linalg/wasm/assembly) into
// build/linalg.wasm with the AssemblyScript compiler from devDependencies. Offline, about a second.
// Skips quietly when assemblyscript is not installed (production installs without devDependencies):
// quarry then runs on its plain TypeScript kernels.
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'src/numeric/linalg/wasm/assembly/linalg.ts');
const output = join(root, 'build/linalg.wasm');

let asc;
try {
  asc = await import('assemblyscript/asc');
} catch {
  console.warn('build-wasm: assemblyscript is not installed; skipping (the TypeScript linalg backend will be used)');
  process.exit(0);
}

mkdirSync(dirname(output), { recursive: true });
const started = Date.now();
const { error, stderr } = await asc.main([
  source,
  '--outFile', output,
  '-O3', '--noAssert',
  '--runtime', 'stub',
  '--enable', 'simd',
  '--enable', 'threads',
  '--importMemory', '--sharedMemory',
  '--initialMemory', '32',
  '--maximumMemory', '65536',
]);
if (error) {
  console.error(stderr.toString());
  console.error(`build-wasm: ${error.message}`);
  process.exit(1);
}
console.log(`build-wasm: ${output.slice(root.length + 1)} (${statSync(output).size} bytes) in ${Date.now() - started} ms`);
