/** `npm run bench -- NAME`: runs one benchmark by name (each prints ratios against a reference). */
const BENCHMARKS: Record<string, () => Promise<void>> = {
  gp: async () => (await import('./gp.ts')).runGpBenchmark(process.argv.slice(3)),
  al: async () => (await import('./al.ts')).runAlBenchmark(process.argv.slice(3)),
  'al-ceiling': async () => (await import('./al-ceiling.ts')).runAlCeilingBenchmark(process.argv.slice(3)),
  histfactory: async () => (await import('./histfactory.ts')).runHistfactoryBenchmark(process.argv.slice(3)),
};

const name = process.argv[2];
if (!name || !(name in BENCHMARKS)) {
  console.error(`usage: npm run bench -- NAME   (NAME: ${Object.keys(BENCHMARKS).join(', ')})`);
  process.exit(2);
}
await BENCHMARKS[name]();
