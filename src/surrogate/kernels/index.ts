/** The table of kernel shapes (ARCHITECTURE.md §2.8): an unknown name lists the valid ones. */
import { unknownKey } from '../../errors.ts';
import type { KernelName, KernelShape } from './kernel.ts';
import { matern12 } from './matern12.ts';
import { matern32 } from './matern32.ts';
import { matern52 } from './matern52.ts';
import { rbf } from './rbf.ts';

export type { KernelName, KernelShape } from './kernel.ts';

export const KERNELS: Readonly<Record<KernelName, KernelShape>> = { rbf, matern12, matern32, matern52 };

/** The kernel shape called `name`; throws a QuarryError listing the valid names otherwise. */
export function kernelShape(name: string): KernelShape {
  const k = (KERNELS as Record<string, KernelShape>)[name];
  if (!k) throw unknownKey('kernel', name, Object.keys(KERNELS));
  return k;
}
