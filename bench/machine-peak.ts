/**
 * The machine's theoretical FP64 peak, from /proc/cpuinfo: cores × clock × FP64 flops per cycle per
 * core (AVX-512: 2 FMA units × 8 lanes × 2 = 32; AVX2 + FMA: 16; otherwise 4). Benchmarks print their
 * GFLOP/s as a fraction of it.
 */
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';

export interface MachinePeak {
  /** Logical CPUs Node may use. */
  cores: number;
  /** The clock the peak assumes, in GHz. */
  ghz: number;
  /** FP64 flops per cycle per core. */
  flopsPerCycle: number;
  /** cores × ghz × flopsPerCycle. */
  gflops: number;
  /** Where the clock came from (max frequency, or the "cpu MHz" that VMs often report as the base clock). */
  clockSource: 'QUARRY_CPU_GHZ' | 'cpuinfo_max_freq' | 'cpu MHz' | 'unknown';
  /** One line for reports: model, vector unit, clock and its source. */
  description: string;
}

function read(path: string): string | null {
  try { return readFileSync(path, 'utf8'); } catch { return null; }
}

/** The FP64 peak of this machine (QUARRY_CPU_GHZ overrides the clock, e.g. with a measured boost clock). */
export function machinePeak(): MachinePeak {
  const cpuinfo = read('/proc/cpuinfo') ?? '';
  const field = (name: string): string | undefined => new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm').exec(cpuinfo)?.[1]?.trim();
  const flags = new Set((field('flags') ?? '').split(/\s+/));
  const model = field('model name') ?? 'unknown CPU';
  const [unit, flopsPerCycle] = flags.has('avx512f') ? ['AVX-512', 32] : flags.has('avx2') && flags.has('fma') ? ['AVX2+FMA', 16] : ['SSE2', 4];

  let ghz = 0;
  let clockSource: MachinePeak['clockSource'] = 'unknown';
  const forced = Number(process.env.QUARRY_CPU_GHZ);
  const maxKhz = Number(read('/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq'));
  const mhz = Number(field('cpu MHz'));
  if (forced > 0) { ghz = forced; clockSource = 'QUARRY_CPU_GHZ'; }
  else if (maxKhz > 0) { ghz = maxKhz / 1e6; clockSource = 'cpuinfo_max_freq'; }
  else if (mhz > 0) { ghz = mhz / 1000; clockSource = 'cpu MHz'; }

  const cores = availableParallelism();
  const gflops = cores * ghz * flopsPerCycle;
  const note = clockSource === 'cpu MHz' ? ' (as /proc/cpuinfo reports it, often the base clock; set QUARRY_CPU_GHZ for the boost clock)' : '';
  return {
    cores, ghz, flopsPerCycle, gflops, clockSource,
    description: `${cores} × ${model}, ${unit} (${flopsPerCycle} FP64 flops/cycle), ${ghz.toFixed(2)} GHz from ${clockSource}${note}`,
  };
}
