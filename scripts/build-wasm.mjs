#!/usr/bin/env node
// Builds the WebAssembly SIMD linear-algebra kernels (src/numeric/linalg/wasm/assembly: linalg.ts, which
// re-exports gemm.ts, micro-kernel.ts and the stationary-kernel assembly of stationary.ts) into
// build/linalg.wasm (SIMD128) and build/linalg-relaxed.wasm (SIMD128 + relaxed-SIMD fused multiply-add)
// with the AssemblyScript compiler from devDependencies. Offline, a few seconds.
// Skips quietly when assemblyscript is not installed (production installs without devDependencies):
// quarry then runs on its plain TypeScript kernels.
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'src/numeric/linalg/wasm/assembly/linalg.ts');
const outputs = [
  { file: join(root, 'build/linalg.wasm'), features: ['--enable', 'simd'] },
  { file: join(root, 'build/linalg-relaxed.wasm'), features: ['--enable', 'simd', '--enable', 'relaxed-simd'] },
];

let asc;
try {
  asc = await import('assemblyscript/asc');
} catch {
  console.warn('build-wasm: assemblyscript is not installed; skipping (the TypeScript linalg backend will be used)');
  process.exit(0);
}

mkdirSync(join(root, 'build'), { recursive: true });
for (const { file, features } of outputs) {
  const started = Date.now();
  const { error, stderr } = await asc.main([
    source,
    '--outFile', file,
    '-O3', '--noAssert',
    '--runtime', 'stub',
    ...features,
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
  console.log(`build-wasm: ${file.slice(root.length + 1)} (${statSync(file).size} bytes) in ${Date.now() - started} ms`);
}
